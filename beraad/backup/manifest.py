"""What a backup says about itself, read from the same snapshot as the dump, and its comparison with a
restored database.

The facts are read through a plain DB-API cursor (the SQLite copy, PostgreSQL's exported snapshot,
or Django's cursor after a restore), in pages, so a large table is never held in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from beraad.backup.archive import FORMAT

ACCESS_LOG = "audit_accesslog"
PAGE = 5000

Cursor = Any  # a DB-API cursor: execute(), fetchall(), fetchone()


def tables(cursor: Cursor, vendor: str) -> list[str]:
    """Every table of the database (SQLite) or of its current schema (PostgreSQL)."""
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' "
            "ESCAPE '\\' ORDER BY name"
        )
    else:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        )
    return [name for (name,) in cursor.fetchall()]


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def row_counts(cursor: Cursor, names: list[str]) -> dict[str, int]:
    counts = {}
    for name in names:
        cursor.execute(f"SELECT COUNT(*) FROM {quoted(name)}")  # noqa: S608 (a catalogue name)
        counts[name] = int(cursor.fetchone()[0])
    return counts


def migrations(cursor: Cursor) -> list[list[str]]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [[app, name] for app, name in cursor.fetchall()]


def access_log(cursor: Cursor, placeholder: str) -> dict[str, Any]:
    """The log's size, first and newest entry and its head hash (the chain's end, as printed by
    ``verify_access_log``), and a SHA-256 over every entry's id and hash, oldest first."""
    sha = hashlib.sha256()
    entries, first_id, last_id, head = 0, None, None, ""
    after = 0
    while True:
        cursor.execute(
            f"SELECT id, entry_hash FROM {ACCESS_LOG} WHERE id > {placeholder} "  # noqa: S608
            f"ORDER BY id LIMIT {PAGE}",
            [after],
        )
        rows = cursor.fetchall()
        if not rows:
            break
        for entry_id, entry_hash in rows:
            sha.update(f"{entry_id}:{entry_hash}\n".encode())
            if first_id is None:
                first_id = entry_id
            last_id, head = entry_id, entry_hash
        entries += len(rows)
        after = rows[-1][0]
    return {
        "entries": entries,
        "first_id": first_id,
        "last_id": last_id,
        "head": head,
        "sha256": sha.hexdigest(),
    }


def facts(cursor: Cursor, vendor: str, placeholder: str) -> dict[str, Any]:
    names = tables(cursor, vendor)
    return {
        "tables": row_counts(cursor, names),
        "migrations": migrations(cursor),
        "access_log": access_log(cursor, placeholder),
    }


def build(
    snapshot_facts: dict[str, Any], *, engine: str, engine_version: str, dump: str
) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": engine,
        "engine_version": engine_version,
        "dump": dump,
        **snapshot_facts,
    }


def compare(manifest: dict[str, Any], restored: dict[str, Any]) -> list[str]:
    """What differs between the backup's manifest and the restored database (empty: all equal).
    Names tables and counts only, never content."""
    problems = []
    expected, actual = manifest["tables"], restored["tables"]
    for name in sorted(set(expected) - set(actual)):
        problems.append(f"table {name} is missing after the restore")
    for name in sorted(set(actual) - set(expected)):
        problems.append(f"table {name} is in the database but not in the backup")
    for name in sorted(set(expected) & set(actual)):
        if expected[name] != actual[name]:
            problems.append(
                f"table {name} has {actual[name]} rows, the backup says {expected[name]}"
            )
    if manifest["migrations"] != restored["migrations"]:
        problems.append("the applied migrations differ from the backup's")
    log_expected, log_actual = manifest["access_log"], restored["access_log"]
    for key, what in [
        ("entries", "number of entries"),
        ("last_id", "newest entry"),
        ("head", "newest entry's hash"),
        ("sha256", "checksum"),
    ]:
        if log_expected.get(key) != log_actual.get(key):
            problems.append(f"the access log's {what} differs from the backup's")
    return problems


def summary(
    manifest: dict[str, Any], write: Callable[[str], None], *, every_table: bool = False
) -> None:
    """The tables and their row counts, for the person running the command (no content): the
    tables that hold rows, or all of them."""
    counts = manifest["tables"]
    shown = [name for name in sorted(counts) if every_table or counts[name]]
    width = max((len(name) for name in shown), default=0)
    for name in shown:
        write(f"  {name.ljust(width)}  {counts[name]:>10,}")
    empty = sum(1 for count in counts.values() if not count)
    log = manifest["access_log"]
    newest = f"newest entry {log['last_id']}:{log['head']}" if log["entries"] else "empty"
    write(
        f"{len(counts)} tables ({empty} empty), {sum(counts.values()):,} rows. "
        f"Access log: {log['entries']:,} entries, {newest}."
    )
