"""Helpers for the restore drill: the commands run as a separate process, as an operator runs them,
against the test database or a fresh one beside it (SQLite: a new file; PostgreSQL: a second
database on the same server)."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.db import connection

from beraad.backup import archive

SOURCE_TEXT = "Casus Pietersen-geheim"  # case text that must never appear in any output


@dataclass
class Database:
    vendor: str
    settings_dict: dict[str, Any]

    def env(self) -> dict[str, str]:
        if self.vendor == "sqlite":
            return {"BERAAD_SQLITE_PATH": str(self.settings_dict["NAME"])}
        d = self.settings_dict
        auth = quote(d.get("USER") or "")
        if d.get("PASSWORD"):
            auth += ":" + quote(d["PASSWORD"])
        host = f"{d.get('HOST') or '127.0.0.1'}:{d.get('PORT') or 5432}"
        return {"DATABASE_URL": f"postgres://{auth}@{host}/{quote(d['NAME'])}"}

    def connect(self) -> Any:
        if self.vendor == "sqlite":
            return sqlite3.connect(self.settings_dict["NAME"])
        import psycopg

        d = self.settings_dict
        return psycopg.connect(
            dbname=d["NAME"],
            user=d.get("USER") or None,
            password=d.get("PASSWORD") or None,
            host=d.get("HOST") or None,
            port=d.get("PORT") or None,
            autocommit=True,
        )


def source() -> Database:
    return Database(connection.vendor, dict(connection.settings_dict))


@contextmanager
def fresh_database(folder: Path) -> Iterator[Database]:
    """An empty database of the same kind: a new SQLite file, or a second PostgreSQL database on
    the test database's server (dropped afterwards)."""
    here = source()
    if here.vendor == "sqlite":
        yield Database("sqlite", {"NAME": str(folder / "restored.sqlite3")})
        return
    name = f"{here.settings_dict['NAME']}_restored"
    with here.connect() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield Database("postgresql", {**here.settings_dict, "NAME": name})
    finally:
        with here.connect() as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(
    *args: str, database: Database, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``manage.py`` in its own process against ``database``; stdin is empty (no one answers)."""
    full = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BERAAD_SQLITE_PATH")}
    full |= {"BERAAD_INSECURE_DEV_KEY": "true", "DEBUG": "false"} | database.env() | (env or {})
    done = subprocess.run(  # noqa: S603 (this interpreter, our manage.py)
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        cwd=settings.BASE_DIR,
        env=full,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert SOURCE_TEXT not in done.stdout + done.stderr
    return done


def read_manifest(path: Path, key: str) -> dict[str, Any]:
    from cryptography.fernet import Fernet, MultiFernet

    with path.open("rb") as inp:
        assert archive.mode_of(inp) == archive.ENCRYPTED
        return archive.Reader(inp, MultiFernet([Fernet(key)])).manifest()


def rows(db: Any, table: str) -> list[tuple[Any, ...]]:
    """Every row of a table, ordered by all its columns."""
    cursor = db.cursor()
    cursor.execute(f'SELECT * FROM "{table}" LIMIT 0')  # noqa: S608 (a catalogue name)
    width = len(cursor.description)
    order = ", ".join(str(n) for n in range(1, width + 1))
    cursor.execute(f'SELECT * FROM "{table}" ORDER BY {order}')  # noqa: S608
    return [tuple(row) for row in cursor.fetchall()]
