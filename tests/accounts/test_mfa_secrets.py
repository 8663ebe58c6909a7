"""Second-factor secrets are stored encrypted (beraad/accounts/secrets.py)."""

from __future__ import annotations

import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from cryptography.fernet import Fernet, InvalidToken
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from beraad.accounts import secrets
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def test_the_totp_secret_is_not_in_the_database_and_still_signs_in() -> None:
    person = UserFactory()
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    stored = Authenticator.objects.get(user=person, type="totp").data["secret"]
    assert secret not in stored
    assert secrets.is_encrypted(stored)
    assert TOTP(Authenticator.objects.get(user=person, type="totp")).validate_code(
        _totp_code(secret)
    )


def test_the_recovery_codes_seed_is_encrypted_and_the_codes_still_work() -> None:
    person = UserFactory()
    codes = RecoveryCodes.activate(person)
    stored = codes.instance.data["seed"]
    assert secrets.is_encrypted(stored)
    first = codes.get_unused_codes()[0]
    assert RecoveryCodes(Authenticator.objects.get(pk=codes.instance.pk)).validate_code(first)


def test_a_new_key_reads_what_the_old_one_wrote_when_listed_as_fallback(settings: Any) -> None:
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.MFA_SECRETS_KEY = old
    stored = secrets.encrypt("JBSWY3DPEHPK3PXP")
    settings.MFA_SECRETS_KEY = new
    with pytest.raises(InvalidToken, match="BERAAD_MFA_KEY_FALLBACKS"):
        secrets.decrypt(stored)
    settings.MFA_SECRETS_KEY_FALLBACKS = [old]
    assert secrets.decrypt(stored) == "JBSWY3DPEHPK3PXP"


def test_setting_a_key_later_still_reads_what_secret_key_encrypted(settings: Any) -> None:
    settings.MFA_SECRETS_KEY = ""
    stored = secrets.encrypt("JBSWY3DPEHPK3PXP")
    settings.MFA_SECRETS_KEY = Fernet.generate_key().decode()
    assert secrets.decrypt(stored) == "JBSWY3DPEHPK3PXP"
    assert secrets.decrypt(secrets.encrypt("x")) == "x"


@pytest.mark.django_db(transaction=True)
def test_the_migration_encrypts_older_secrets_and_can_go_back() -> None:
    person = UserFactory()
    plain = generate_totp_secret()
    Authenticator.objects.create(user=person, type="totp", data={"secret": plain})
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0005_mfa_required_and_session_epoch")])
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0006_encrypt_mfa_secrets")])
    stored = Authenticator.objects.get(user=person).data["secret"]
    assert secrets.is_encrypted(stored)
    assert secrets.decrypt(stored) == plain
    executor = MigrationExecutor(connection)
    executor.migrate([("accounts", "0005_mfa_required_and_session_epoch")])
    assert Authenticator.objects.get(user=person).data["secret"] == plain
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
