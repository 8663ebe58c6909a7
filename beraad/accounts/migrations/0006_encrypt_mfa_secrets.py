"""Encrypts the TOTP secrets and recovery-code seeds stored before encryption came in."""

from django.db import migrations

FIELDS = {"totp": "secret", "recovery_codes": "seed"}


def _convert(apps, schema_editor, forwards: bool) -> None:
    from beraad.accounts import secrets

    Authenticator = apps.get_model("mfa", "Authenticator")
    for authenticator in Authenticator.objects.filter(type__in=FIELDS).iterator():
        field = FIELDS[authenticator.type]
        value = authenticator.data.get(field)
        if not isinstance(value, str) or secrets.is_encrypted(value) == forwards:
            continue
        authenticator.data[field] = secrets.encrypt(value) if forwards else secrets.decrypt(value)
        authenticator.save(update_fields=["data"])


def encrypt(apps, schema_editor) -> None:
    _convert(apps, schema_editor, forwards=True)


def decrypt(apps, schema_editor) -> None:
    _convert(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0005_mfa_required_and_session_epoch"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
