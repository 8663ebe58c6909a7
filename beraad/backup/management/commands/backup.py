"""Write an encrypted backup of the whole database: ``manage.py backup -o FILE``."""

from __future__ import annotations

import contextlib
import os
import time
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections

from beraad.audit.log import log_command
from beraad.audit.models import Action
from beraad.backup import archive, keys, manifest, postgres, sqlite


class Command(BaseCommand):
    help = (
        "Write a backup of the whole database to FILE (-o), made from one consistent snapshot while "
        "the server goes on writing: SQLite through its online backup API, PostgreSQL through "
        "pg_dump's custom format (pg_dump from BERAAD_PG_BIN_DIR or the PATH). The file starts "
        "with a manifest (format, time, database, migrations, rows per table, the access log's "
        "newest entry and checksum) that `restore` checks, and is encrypted with "
        "BERAAD_BACKUP_KEY. --unencrypted is for local use only (DEBUG=true or "
        "BERAAD_INSECURE_DEV_KEY=true) and refused in production. The backup is noted in the "
        "access log. Prints tables and row counts, never content. --new-key prints a fresh key."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("-o", "--output", metavar="FILE", help="where to write the backup")
        parser.add_argument(
            "--unencrypted",
            action="store_true",
            help="write without encryption (local use only, refused in production)",
        )
        parser.add_argument(
            "--new-key", action="store_true", help="print a new key for BERAAD_BACKUP_KEY and stop"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(keys.new_key())
            return
        if not options["output"]:
            raise CommandError("Say where to write the backup: -o FILE.")
        fernet = self.encryption(unencrypted=options["unencrypted"])
        output = Path(options["output"])
        if output.exists():
            raise CommandError(f"{output} exists already: choose a new name (nothing was written).")
        if not output.parent.is_dir():
            raise CommandError(f"The folder {output.parent} does not exist (nothing was written).")

        connection = connections[DEFAULT_DB_ALIAS]
        if connection.vendor not in ("sqlite", "postgresql"):
            raise CommandError(f"Backups support SQLite and PostgreSQL, not {connection.vendor}.")
        if connection.vendor == "postgresql":
            try:  # a missing pg_dump is said before anything happens
                postgres.tool("pg_dump")
            except postgres.ToolProblem as problem:
                raise CommandError(f"{problem}\nNo backup was written.") from problem
        # Noted before the snapshot, so the backup holds its own entry.
        log_command(action=Action.EXPORT, object_type="backup")

        started = time.monotonic()
        partial = output.with_name(f".{output.name}.partial")
        try:
            # Created for the owner only (0600), and only under its final name once complete.
            with os.fdopen(
                os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb"
            ) as out:
                # pg_dump's custom format is compressed already; a SQLite file is not.
                writer = archive.Writer(out, fernet, compress=connection.vendor == "sqlite")
                if connection.vendor == "sqlite":
                    written = self.from_sqlite(connection.settings_dict, writer)
                else:
                    written = self.from_postgres(connection.settings_dict, writer)
                writer.close()
                out.flush()
                os.fsync(out.fileno())
            os.replace(partial, output)
        except (postgres.ToolProblem, OSError) as problem:
            raise CommandError(f"{problem}\nNo backup was written.") from problem
        finally:
            with contextlib.suppress(FileNotFoundError):
                partial.unlink()

        self.stdout.write(
            f"Backup written to {output} ({output.stat().st_size:,} bytes, "
            f"{'encrypted' if fernet else 'NOT encrypted'}), {written['engine']} "
            f"snapshot of {written['created_at']}, in {time.monotonic() - started:.1f} s:"
        )
        manifest.summary(written, self.stdout.write, every_table=options["verbosity"] > 1)

    def encryption(self, *, unencrypted: bool) -> Any:
        if unencrypted:
            if not settings.BACKUP_ALLOW_UNENCRYPTED:
                raise CommandError(
                    "Backups hold case text: an unencrypted backup is refused in production. Set "
                    "BERAAD_BACKUP_KEY and leave out --unencrypted (nothing was written)."
                )
            return None
        try:
            return keys.for_writing()
        except keys.KeyProblem as problem:
            hint = " Or pass --unencrypted for a local copy." if settings.DEBUG else ""
            raise CommandError(f"{problem}{hint} Nothing was written.") from problem

    def from_sqlite(self, settings_dict: dict[str, Any], writer: archive.Writer) -> dict[str, Any]:
        database = sqlite.path_of(settings_dict)
        with sqlite.workdir(database) as folder:
            copy = folder / "snapshot.sqlite3"
            sqlite.snapshot(database, copy)
            facts, version = sqlite.facts(copy)
            written = manifest.build(
                facts, engine="sqlite", engine_version=version, dump="sqlite-database-file"
            )
            writer.manifest(written)
            with copy.open("rb") as source:
                while chunk := source.read(archive.CHUNK):
                    writer.write(chunk)
        return written

    def from_postgres(
        self, settings_dict: dict[str, Any], writer: archive.Writer
    ) -> dict[str, Any]:
        pg_dump = postgres.tool("pg_dump")
        with postgres.exported_snapshot(DEFAULT_DB_ALIAS) as (cursor, snapshot_id, version):
            facts = manifest.facts(cursor, "postgresql", "%s")
            written = manifest.build(
                facts,
                engine="postgresql",
                engine_version=version,
                dump=f"pg_dump custom format ({postgres.version(pg_dump)})",
            )
            writer.manifest(written)
            known = postgres.names_known(settings_dict, facts["tables"])
            postgres.dump(settings_dict, snapshot_id, writer.write, known)
        return written
