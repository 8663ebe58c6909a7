"""SQLite: a snapshot through SQLite's online backup API, never a copy of the file.

``cp`` of a live database in WAL mode misses what is still in the ``-wal`` file, and
``PRAGMA integrity_check`` on such a copy still says "ok". ``sqlite3.Connection.backup`` with all
pages in one step reads inside one read transaction: the copy is the database as it was at one
moment, while the server goes on writing (in WAL mode writers do not wait for readers).
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

from beraad.backup import manifest

TIMEOUT = 20  # seconds to wait for a lock, as the application does


def path_of(settings_dict: dict[str, Any]) -> Path:
    return Path(settings_dict["NAME"])


@contextmanager
def workdir(near: Path) -> Iterator[Path]:
    """A private folder (mode 0700) beside the database for its plain copy while a backup is
    written or read: on the same disk, with the same protection as the database itself, and
    removed afterwards whatever happens."""
    with tempfile.TemporaryDirectory(prefix=".beraad-backup-", dir=near.parent) as folder:
        yield Path(folder)


def snapshot(database: Path, copy: Path) -> None:
    with (
        closing(sqlite3.connect(database, timeout=TIMEOUT)) as source,
        closing(sqlite3.connect(copy)) as target,
    ):
        source.backup(target)  # pages=-1: everything in one step, one read transaction


def facts(copy: Path) -> tuple[dict[str, Any], str]:
    with closing(sqlite3.connect(copy)) as db:
        cursor = db.cursor()
        return manifest.facts(cursor, "sqlite", "?"), sqlite3.sqlite_version


def integrity(copy: Path) -> str:
    with closing(sqlite3.connect(copy)) as db:
        (result,) = db.execute("PRAGMA integrity_check").fetchone()
        return str(result)


def restore(copy: Path, database: Path) -> None:
    """Write the copy into the database through the same API: one write transaction that other
    connections wait for (busy timeout), so the result is whole or the old database stays."""
    with (
        closing(sqlite3.connect(copy)) as source,
        closing(sqlite3.connect(database, timeout=TIMEOUT)) as target,
    ):
        source.backup(target)
