"""The access log's hash chain: two columns, the purge records, and the existing entries sealed in
the order they were written (the triggers are lifted for that one UPDATE and put back)."""

from django.db import migrations, models

from beraad.audit import chain, triggers


def seal_existing(apps, schema_editor):
    AccessLog = apps.get_model("audit", "AccessLog")
    db = schema_editor.connection.alias
    triggers.remove(schema_editor.connection, ("log",))
    rows = AccessLog.objects.using(db).order_by("id").values("id", *chain.SEALED)
    for pk, prev_hash, entry_hash in chain.chained(rows.iterator(chunk_size=2000), chain.GENESIS):
        AccessLog.objects.using(db).filter(pk=pk).update(prev_hash=prev_hash, entry_hash=entry_hash)
    triggers.install(schema_editor.connection, ("log", "anchor"))


def unseal(apps, schema_editor):
    triggers.remove(schema_editor.connection, ("anchor",))


def keep_log_triggers(apps, schema_editor):
    # Run last when going back: where SQLite rebuilds the table to drop the columns (older
    # versions, without ALTER TABLE DROP COLUMN), its triggers go with the old table.
    triggers.install(schema_editor.connection, ("log",))


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_append_only_triggers")]

    operations = [
        migrations.RunPython(migrations.RunPython.noop, keep_log_triggers),
        migrations.AddField(
            model_name="accesslog",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="previous hash"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="accesslog",
            name="entry_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="hash"),
            preserve_default=False,
        ),
        migrations.CreateModel(
            name="AccessLogAnchor",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("entry_hash", models.CharField(max_length=64)),
                ("last_id", models.BigIntegerField()),
                ("last_at", models.DateTimeField()),
                ("purged_at", models.DateTimeField()),
                ("count", models.PositiveIntegerField()),
                ("anchor_hash", models.CharField(max_length=64)),
            ],
            options={
                "verbose_name": "access log purge",
                "verbose_name_plural": "access log purges",
                "ordering": ["id"],
            },
        ),
        migrations.RunPython(seal_existing, unseal),
    ]
