"""docs/postgresql-roles.sql does what it says: on PostgreSQL, the application's role owns nothing, may
append to the access log but not change or empty it, cannot alter or drop a table, and the
application works as that role. Runs in the PostgreSQL suite (.ci/run), on a database of its own."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "docs" / "postgresql-roles.sql"

pytestmark = pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "").split(":", 1)[0] not in ("postgres", "postgresql"),
    reason="PostgreSQL roles: runs in the PostgreSQL suite (make pytest-postgres, .ci/run)",
)


def _step(number: int, names: dict[str, str]) -> str:
    """The script's step ``number``, for these names of the database and roles."""
    text = SCRIPT.read_text(encoding="utf-8")
    start = text.index(f"-- {number}.")
    end = text.index(f"-- {number + 1}.", start)
    statements = "\n".join(
        line for line in text[start:end].splitlines() if not line.lstrip().startswith("--")
    )
    for old in ("beraad_owner", "beraad_app", "beraad"):  # longest first: "beraad" is in the others
        statements = re.sub(rf"\b{old}\b", names[old], statements)
    return statements


PASSWORD = "pw"


def _url(settings: dict[str, object], user: str, database: str, password: object = PASSWORD) -> str:
    return f"postgres://{user}:{password}@{settings['HOST']}:{settings['PORT']}/{database}"


@pytest.fixture
def roles() -> Iterator[dict[str, str]]:
    suffix = uuid.uuid4().hex[:8]
    names = {
        "beraad": f"beraad_roles_{suffix}",
        "beraad_owner": f"owner_{suffix}",
        "beraad_app": f"app_{suffix}",
    }
    db = connection.settings_dict
    admin = psycopg.connect(
        _url(db, str(db["USER"]), "postgres", db["PASSWORD"] or ""), autocommit=True
    )
    try:
        step1 = _step(1, names).replace("change-me-owner", "pw").replace("change-me-app", "pw")
        for statement in filter(str.strip, step1.split(";")):
            admin.execute(statement)  # type: ignore[call-overload]
        yield names
    finally:
        drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
        admin.execute(drop.format(sql.Identifier(names["beraad"])))
        for role in ("beraad_app", "beraad_owner"):
            admin.execute(sql.SQL("DROP ROLE IF EXISTS {}").format(sql.Identifier(names[role])))
        admin.close()


def _manage(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    env.update(DATABASE_URL=url, BERAAD_INSECURE_DEV_KEY="true")
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )


def test_the_application_role_appends_to_the_log_and_can_change_no_table(
    roles: dict[str, str],
) -> None:
    db = connection.settings_dict
    database = roles["beraad"]
    owner_url = _url(db, roles["beraad_owner"], database)
    app_url = _url(db, roles["beraad_app"], database)
    migrated = _manage(owner_url, "migrate", "--noinput", "-v0")
    assert migrated.returncode == 0, migrated.stderr[-2000:]
    with psycopg.connect(owner_url, autocommit=True) as owner:
        for statement in filter(str.strip, _step(2, roles).split(";")):
            owner.execute(statement)  # type: ignore[call-overload]

    # The application works as the role: it writes a log entry and the chain verifies.
    written = _manage(
        app_url,
        "shell",
        "-c",
        "from beraad.audit.log import log_command; log_command(action='check', object_type='roles')",
    )
    assert written.returncode == 0, written.stderr[-2000:]
    verified = _manage(app_url, "verify_access_log")
    assert verified.returncode == 0, verified.stdout[-2000:] + verified.stderr[-2000:]

    refused = [
        "UPDATE audit_accesslog SET outcome = 'ok'",
        "DELETE FROM audit_accesslog",
        "TRUNCATE audit_accesslog",
        "ALTER TABLE audit_accesslog DISABLE TRIGGER ALL",
        "DROP TABLE audit_accesslog",
        "DROP TABLE deliberation_deliberation",
        "CREATE TABLE stray (id int)",
        "SET session_replication_role = replica",
    ]
    with psycopg.connect(app_url, autocommit=True) as app:
        logged = app.execute("SELECT count(*) FROM audit_accesslog").fetchone()
        assert logged is not None and logged[0] >= 1
        for statement in refused:
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                app.execute(statement)  # type: ignore[call-overload]
