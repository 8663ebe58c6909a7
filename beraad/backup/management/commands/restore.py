"""Restore a backup into an empty database: ``manage.py restore FILE``."""

from __future__ import annotations

import time
from io import StringIO
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.loader import MigrationLoader

from beraad.audit.log import log_command
from beraad.audit.models import Action
from beraad.backup import archive, keys, manifest, postgres, sqlite


class Command(BaseCommand):
    help = (
        "Restore a backup made by `backup` into the database in the settings (DATABASE_URL, or "
        "the SQLite file), which must be empty: a database that holds tables is refused unless "
        "--replace is given, and then only after typing the database's name (or with --no-input). "
        "Decrypts with BERAAD_BACKUP_KEY or a key in BERAAD_BACKUP_KEY_FALLBACKS. Afterwards "
        "checks the result against the backup's manifest (every table's row count, the access "
        "log's newest entry and checksum) and runs verify_access_log (the same BERAAD_AUDIT_KEY "
        "is needed); exits 1 when anything differs. Prints the tables and row counts restored, "
        "never content. Stop the web servers and workers first. --dry-run only checks that the "
        "file is whole and decrypts with the keys (for backups kept elsewhere)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", metavar="FILE")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="overwrite a database that holds tables (asks for its name to confirm)",
        )
        parser.add_argument(
            "--no-input",
            "--noinput",
            action="store_false",
            dest="interactive",
            help="do not ask to confirm --replace",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="only check that the file is whole and decrypts; the database is not touched",
        )
        parser.add_argument(
            "--unencrypted",
            action="store_true",
            help="accept an unencrypted backup (local use only, refused in production)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"{path} does not exist or is not a file.")
        connection = connections[DEFAULT_DB_ALIAS]
        started = time.monotonic()
        try:
            with path.open("rb") as inp:
                reader = self.reader(inp, unencrypted=options["unencrypted"])
                expected = reader.manifest()
                if options["dry_run"]:
                    size = sum(len(chunk) for chunk in reader.chunks())
                    self.stdout.write(
                        f"{path} is whole and decrypts: the {expected['engine']} backup of "
                        f"{expected['created_at']}, {size:,} bytes of dump. Nothing was restored."
                    )
                    manifest.summary(expected, self.stdout.write, every_table=True)
                    return
                self.check_fits(expected, connection.vendor)
                self.check_empty(connection, replace=options["replace"], ask=options["interactive"])
                connection.close()  # the restore writes through its own connection
                if connection.vendor == "sqlite":
                    self.into_sqlite(connection.settings_dict, reader, expected)
                else:
                    known = postgres.names_known(connection.settings_dict, expected["tables"])
                    postgres.restore(
                        connection.settings_dict,
                        reader.chunks(),
                        replace=options["replace"],
                        known=known,
                    )
        except archive.ArchiveError as problem:
            raise CommandError(f"{problem} Nothing was restored.") from problem
        except postgres.ToolProblem as problem:
            raise CommandError(str(problem)) from problem

        self.verify(expected)
        self.stdout.write(
            f"Restored the {expected['engine']} backup of {expected['created_at']} into "
            f"{connection.settings_dict['NAME']} in {time.monotonic() - started:.1f} s; it matches "
            "its manifest and the access log verifies:"
        )
        manifest.summary(expected, self.stdout.write, every_table=options["verbosity"] > 1)
        self.note_migrations(expected)
        log_command(action=Action.IMPORT, object_type="backup")

    def reader(self, inp: Any, *, unencrypted: bool) -> archive.Reader:
        mode = archive.mode_of(inp)
        if mode == archive.PLAIN:
            if not unencrypted:
                raise CommandError(
                    "This backup is not encrypted: pass --unencrypted to restore it (local use "
                    "only). Nothing was restored."
                )
            if not settings.BACKUP_ALLOW_UNENCRYPTED:
                raise CommandError(
                    "Unencrypted backups are for local use only and are refused in production. "
                    "Nothing was restored."
                )
            return archive.Reader(inp, None)
        try:
            return archive.Reader(inp, keys.for_reading())
        except keys.KeyProblem as problem:
            raise CommandError(f"{problem} Nothing was restored.") from problem

    def check_fits(self, expected: dict[str, Any], vendor: str) -> None:
        if expected["engine"] != vendor:
            raise CommandError(
                f"This is a backup of a {expected['engine']} database, and the settings point at "
                f"{vendor}: restore it into {expected['engine']} (DATABASE_URL decides). "
                "Nothing was restored."
            )
        known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        unknown = [
            f"{app}.{name}" for app, name in expected["migrations"] if (app, name) not in known
        ]
        if unknown:
            raise CommandError(
                f"This backup was made by a newer version of Beraad: {len(unknown)} of its "
                f"migrations are not in this version (first: {unknown[0]}). Install the version "
                "the backup was made with, then restore. Nothing was restored."
            )

    def check_empty(self, connection: Any, *, replace: bool, ask: bool) -> None:
        with connection.cursor() as cursor:
            present = manifest.tables(cursor, connection.vendor)
        if not present:
            return
        name = str(connection.settings_dict["NAME"])
        if not replace:
            raise CommandError(
                f"The database {name} is not empty: it holds {len(present)} tables. Restore into "
                "an empty database, or pass --replace to overwrite everything in it. Nothing was "
                "restored."
            )
        if ask:
            self.stdout.write(
                f"--replace overwrites everything in the database {name} ({len(present)} tables) "
                "with the backup. Stop the web servers and workers first."
            )
            try:
                answer = input(f"Type the database's name ({Path(name).name}) to go on: ")
            except EOFError:
                answer = ""
            if answer.strip() != Path(name).name:
                raise CommandError("Not confirmed: nothing was restored.")

    def into_sqlite(
        self, settings_dict: dict[str, Any], reader: archive.Reader, expected: dict[str, Any]
    ) -> None:
        database = sqlite.path_of(settings_dict)
        with sqlite.workdir(database) as folder:
            copy = folder / "restore.sqlite3"
            with copy.open("wb") as out:
                copy.chmod(0o600)
                for chunk in reader.chunks():
                    out.write(chunk)
            # Checked before the database is touched, so a bad backup never replaces a good one.
            if (result := sqlite.integrity(copy)) != "ok":
                raise CommandError(
                    f"The backup's database is damaged ({result[:200]}). Nothing was restored."
                )
            facts, _version = sqlite.facts(copy)
            problems = manifest.compare(expected, facts)
            if problems:
                raise CommandError(
                    "The backup does not match its own manifest: "
                    + "; ".join(problems)
                    + ". Nothing was restored."
                )
            sqlite.restore(copy, database)

    def verify(self, expected: dict[str, Any]) -> None:
        connection = connections[DEFAULT_DB_ALIAS]
        connection.close()
        with connection.cursor() as cursor:
            restored = manifest.facts(cursor, connection.vendor, "%s")
        problems = manifest.compare(expected, restored)
        if problems:
            raise CommandError(
                "The restored database does not match the backup's manifest: "
                + "; ".join(problems)
                + ". Do not use it: restore again into an empty database."
            )
        out = StringIO()
        try:
            call_command("verify_access_log", stdout=out)
        except CommandError as problem:
            raise CommandError(
                f"The restored access log does not verify: {problem} Is BERAAD_AUDIT_KEY (and "
                "its fallbacks) the one the backed-up server used? Do not use this database "
                "until verify_access_log passes."
            ) from problem

    def note_migrations(self, expected: dict[str, Any]) -> None:
        applied = {tuple(pair) for pair in expected["migrations"]}
        known = MigrationLoader(None, ignore_no_migrations=True).disk_migrations
        newer = [key for key in known if key not in applied]
        if newer:
            self.stdout.write(
                f"This version of Beraad has {len(newer)} migrations the backup does not have: "
                "run `manage.py migrate` before starting the server."
            )
