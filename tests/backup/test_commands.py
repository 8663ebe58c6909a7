"""backup and restore refuse what they must: unencrypted backups in production, a missing or wrong
key, a backup of another database kind or a newer version, and a result that differs from the
manifest. Messages are plain and name no content."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet, MultiFernet
from django.core.management import CommandError, call_command
from django.db import connection

from beraad.backup import archive, manifest, postgres
from tests.backup.drill import SOURCE_TEXT, fresh_database, manage, read_manifest
from tests.factories import DeliberationFactory

KEY = Fernet.generate_key().decode()


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def refusal(*args: str) -> str:
    with pytest.raises(CommandError) as raised:
        run(*args)
    return str(raised.value)


def archive_file(path: Path, content: dict[str, Any], key: str | None = KEY) -> Path:
    with path.open("wb") as out:
        writer = archive.Writer(out, MultiFernet([Fernet(key)]) if key else None)
        writer.manifest({"format": archive.FORMAT, **content})
        writer.write(b"not a database")
        writer.close()
    return path


def test_it_refuses_an_unencrypted_backup_in_production(settings: Any, tmp_path: Path) -> None:
    settings.BACKUP_ALLOW_UNENCRYPTED = False
    settings.BACKUP_KEY = KEY
    message = refusal("backup", "-o", str(tmp_path / "b"), "--unencrypted")
    assert "refused in production" in message
    assert list(tmp_path.iterdir()) == []


def test_it_refuses_to_back_up_without_a_key(settings: Any, tmp_path: Path) -> None:
    settings.BACKUP_KEY = ""
    assert "Set BERAAD_BACKUP_KEY" in refusal("backup", "-o", str(tmp_path / "b"))
    settings.BACKUP_KEY = "not-a-key"
    assert "BERAAD_BACKUP_KEY is not a backup key" in refusal("backup", "-o", str(tmp_path / "b"))
    assert list(tmp_path.iterdir()) == []


def test_it_prints_a_new_key_that_works() -> None:
    Fernet(run("backup", "--new-key").strip())


def test_it_says_plainly_when_the_key_is_wrong(settings: Any, tmp_path: Path) -> None:
    backup = archive_file(tmp_path / "b", {"engine": connection.vendor})
    settings.BACKUP_KEY = Fernet.generate_key().decode()
    settings.BACKUP_KEY_FALLBACKS = [Fernet.generate_key().decode()]
    message = refusal("restore", str(backup))
    assert "cannot be decrypted with BERAAD_BACKUP_KEY or any key in" in message
    assert "Nothing was restored" in message
    settings.BACKUP_KEY = ""
    settings.BACKUP_KEY_FALLBACKS = []
    assert "set BERAAD_BACKUP_KEY" in refusal("restore", str(backup))


def test_it_accepts_an_unencrypted_backup_only_when_told_and_only_locally(
    settings: Any, tmp_path: Path
) -> None:
    backup = archive_file(tmp_path / "b", {"engine": connection.vendor}, key=None)
    assert "pass --unencrypted" in refusal("restore", str(backup))
    settings.BACKUP_ALLOW_UNENCRYPTED = False
    assert "refused in production" in refusal("restore", "--unencrypted", str(backup))


def test_it_refuses_a_backup_of_the_other_database_kind(settings: Any, tmp_path: Path) -> None:
    settings.BACKUP_KEY = KEY
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    message = refusal("restore", str(archive_file(tmp_path / "b", {"engine": other})))
    assert f"a backup of a {other} database" in message


def test_it_refuses_a_backup_of_a_newer_version(settings: Any, tmp_path: Path) -> None:
    settings.BACKUP_KEY = KEY
    content = {"engine": connection.vendor, "migrations": [["audit", "9999_from_the_future"]]}
    message = refusal("restore", str(archive_file(tmp_path / "b", content)))
    assert "made by a newer version of Beraad" in message
    assert "audit.9999_from_the_future" in message


def test_it_compares_a_manifest_table_by_table() -> None:
    made = {
        "tables": {"a": 2, "b": 1},
        "migrations": [["audit", "0001_initial"]],
        "access_log": {"entries": 1, "last_id": 1, "head": "h", "sha256": "s"},
    }
    assert manifest.compare(made, made) == []
    restored = {
        "tables": {"a": 3, "c": 0},
        "migrations": [],
        "access_log": {"entries": 1, "last_id": 1, "head": "other", "sha256": "s"},
    }
    assert manifest.compare(made, restored) == [
        "table b is missing after the restore",
        "table c is in the database but not in the backup",
        "table a has 3 rows, the backup says 2",
        "the applied migrations differ from the backup's",
        "the access log's newest entry's hash differs from the backup's",
    ]


@pytest.mark.django_db(transaction=True)
def test_it_fails_plainly_when_the_restore_does_not_match(settings: Any, tmp_path: Path) -> None:
    DeliberationFactory(title=SOURCE_TEXT)
    settings.BACKUP_KEY = KEY
    good = tmp_path / "good.backup"
    assert "Backup written" in run("backup", "-o", str(good))
    made = read_manifest(good, KEY)
    checked = run("restore", "--dry-run", str(good))
    assert "is whole and decrypts" in checked
    assert "Nothing was restored" in checked
    cut = tmp_path / "cut.backup"
    cut.write_bytes(good.read_bytes()[:-100])
    assert "ends too early" in refusal("restore", "--dry-run", str(cut))

    # The same dump under a manifest that claims one deliberation more.
    wrong = tmp_path / "wrong.backup"
    with good.open("rb") as inp, wrong.open("wb") as out:
        archive.mode_of(inp)
        reader = archive.Reader(inp, MultiFernet([Fernet(KEY)]))
        claimed = reader.manifest()
        claimed["tables"]["deliberation_deliberation"] += 1
        writer = archive.Writer(out, MultiFernet([Fernet(KEY)]))
        writer.manifest(claimed)
        for chunk in reader.chunks():
            writer.write(chunk)
        writer.close()

    keyed = {"BERAAD_BACKUP_KEY": KEY}
    with fresh_database(tmp_path) as fresh:
        mismatch = manage(
            "restore", "--replace", "--no-input", str(wrong), database=fresh, env=keyed
        )
        assert mismatch.returncode == 1
        assert "table deliberation_deliberation has 1 rows, the backup says 2" in mismatch.stderr

        # The right backup, but a server whose audit key differs: the access log cannot verify.
        other_key = keyed | {"BERAAD_AUDIT_KEY": "another-audit-key"}
        unverified = manage(
            "restore", "--replace", "--no-input", str(good), database=fresh, env=other_key
        )
        assert unverified.returncode == 1
        assert "The restored access log does not verify" in unverified.stderr
        assert "BERAAD_AUDIT_KEY" in unverified.stderr

        done = manage("restore", "--replace", "--no-input", str(good), database=fresh, env=keyed)
        assert done.returncode == 0, done.stderr
        assert f"{made['access_log']['entries']:,} entries" in done.stdout
        assert "deliberation_deliberation" in done.stdout


def test_it_quotes_no_data_from_postgresqls_error_messages() -> None:
    output = (
        b'pg_restore: error: COPY failed for table "deliberation_deliberation": ERROR:  invalid '
        b'input syntax for type bigint: "Mevrouw Jansen"\n'
        b'CONTEXT:  COPY deliberation_deliberation, line 1, column id: "Mevrouw Jansen"\n'
    )
    shown = postgres.redact(output, {"deliberation_deliberation"})
    assert "Jansen" not in shown
    assert 'table "deliberation_deliberation"' in shown
    assert "invalid input syntax" in shown


def test_it_says_where_to_find_pg_dump(settings: Any, tmp_path: Path) -> None:
    settings.PG_BIN_DIR = str(tmp_path)
    with pytest.raises(postgres.ToolProblem, match="pg_dump is not in BERAAD_PG_BIN_DIR"):
        postgres.tool("pg_dump")
    settings.PG_BIN_DIR = ""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", "/nowhere")
        with pytest.raises(postgres.ToolProblem, match=r"not found on the PATH.*BERAAD_PG_BIN_DIR"):
            postgres.tool("pg_restore")
