from django.db import migrations

from beraad.audit import triggers


def install(apps, schema_editor):
    triggers.install(schema_editor.connection, ("log",))


def remove(apps, schema_editor):
    triggers.remove(schema_editor.connection, ("log",))


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(install, remove)]
