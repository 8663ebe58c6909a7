"""Database triggers that make the access log append-only, also for anyone bypassing the app.

Updating an entry always fails; deleting one fails until it is older than the minimum retention
(five years). The purge records (where the hash chain starts after a purge) can be neither changed
nor deleted. The same SQL is used by the migrations and by the tests, which must remove the
triggers while their test database is emptied between tests.

A database role that owns the tables can still drop these triggers: the hash chain (chain.py) is
what shows afterwards that rows were touched, and docs/security.md describes a non-owner
application role that cannot drop them at all.
"""

from __future__ import annotations

from typing import Any

MINIMUM_YEARS = 5

SQLITE_LOG_INSTALL = [
    """
    CREATE TRIGGER IF NOT EXISTS audit_accesslog_no_update BEFORE UPDATE ON audit_accesslog
    BEGIN SELECT RAISE(ABORT, 'The access log is append-only'); END
    """,
    f"""
    CREATE TRIGGER IF NOT EXISTS audit_accesslog_no_delete BEFORE DELETE ON audit_accesslog
    WHEN OLD.at > strftime('%Y-%m-%d %H:%M:%f', 'now', '-{MINIMUM_YEARS} years')
    BEGIN SELECT RAISE(ABORT, 'Access log entries are kept for {MINIMUM_YEARS} years'); END
    """,
]
SQLITE_LOG_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_accesslog_no_update",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_delete",
]
SQLITE_ANCHOR_INSTALL = [
    """
    CREATE TRIGGER IF NOT EXISTS audit_accessloganchor_no_update
    BEFORE UPDATE ON audit_accessloganchor
    BEGIN SELECT RAISE(ABORT, 'Purge records are append-only'); END
    """,
    """
    CREATE TRIGGER IF NOT EXISTS audit_accessloganchor_no_delete
    BEFORE DELETE ON audit_accessloganchor
    BEGIN SELECT RAISE(ABORT, 'Purge records are append-only'); END
    """,
]
SQLITE_ANCHOR_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_accessloganchor_no_update",
    "DROP TRIGGER IF EXISTS audit_accessloganchor_no_delete",
]

POSTGRES_LOG_INSTALL = [
    f"""
    CREATE OR REPLACE FUNCTION audit_accesslog_guard() RETURNS trigger AS $$
    BEGIN
      IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION 'The access log is append-only';
      END IF;
      IF TG_OP = 'TRUNCATE' THEN
        RAISE EXCEPTION 'The access log cannot be truncated';
      END IF;
      IF OLD.at > now() - interval '{MINIMUM_YEARS} years' THEN
        RAISE EXCEPTION 'Access log entries are kept for {MINIMUM_YEARS} years';
      END IF;
      RETURN OLD;
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS audit_accesslog_guard ON audit_accesslog",
    """
    CREATE TRIGGER audit_accesslog_guard BEFORE UPDATE OR DELETE ON audit_accesslog
    FOR EACH ROW EXECUTE FUNCTION audit_accesslog_guard()
    """,
    "DROP TRIGGER IF EXISTS audit_accesslog_no_truncate ON audit_accesslog",
    """
    CREATE TRIGGER audit_accesslog_no_truncate BEFORE TRUNCATE ON audit_accesslog
    FOR EACH STATEMENT EXECUTE FUNCTION audit_accesslog_guard()
    """,
]
POSTGRES_LOG_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_accesslog_guard ON audit_accesslog",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_truncate ON audit_accesslog",
]
POSTGRES_ANCHOR_INSTALL = [
    """
    CREATE OR REPLACE FUNCTION audit_accessloganchor_guard() RETURNS trigger AS $$
    BEGIN
      RAISE EXCEPTION 'Purge records are append-only';
    END;
    $$ LANGUAGE plpgsql
    """,
    "DROP TRIGGER IF EXISTS audit_accessloganchor_guard ON audit_accessloganchor",
    """
    CREATE TRIGGER audit_accessloganchor_guard BEFORE UPDATE OR DELETE ON audit_accessloganchor
    FOR EACH ROW EXECUTE FUNCTION audit_accessloganchor_guard()
    """,
    "DROP TRIGGER IF EXISTS audit_accessloganchor_no_truncate ON audit_accessloganchor",
    """
    CREATE TRIGGER audit_accessloganchor_no_truncate BEFORE TRUNCATE ON audit_accessloganchor
    FOR EACH STATEMENT EXECUTE FUNCTION audit_accessloganchor_guard()
    """,
]
POSTGRES_ANCHOR_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_accessloganchor_guard ON audit_accessloganchor",
    "DROP TRIGGER IF EXISTS audit_accessloganchor_no_truncate ON audit_accessloganchor",
]

# Everything, for emptying a test database.
SQLITE_INSTALL = [*SQLITE_LOG_INSTALL, *SQLITE_ANCHOR_INSTALL]
SQLITE_REMOVE = [*SQLITE_LOG_REMOVE, *SQLITE_ANCHOR_REMOVE]
POSTGRES_INSTALL = [*POSTGRES_LOG_INSTALL, *POSTGRES_ANCHOR_INSTALL]
POSTGRES_REMOVE = [*POSTGRES_LOG_REMOVE, *POSTGRES_ANCHOR_REMOVE]

STATEMENTS = {
    ("sqlite", "log", True): SQLITE_LOG_INSTALL,
    ("sqlite", "log", False): SQLITE_LOG_REMOVE,
    ("sqlite", "anchor", True): SQLITE_ANCHOR_INSTALL,
    ("sqlite", "anchor", False): SQLITE_ANCHOR_REMOVE,
    ("postgresql", "log", True): POSTGRES_LOG_INSTALL,
    ("postgresql", "log", False): POSTGRES_LOG_REMOVE,
    ("postgresql", "anchor", True): POSTGRES_ANCHOR_INSTALL,
    ("postgresql", "anchor", False): POSTGRES_ANCHOR_REMOVE,
}

# The triggers that must be in place (and, on PostgreSQL, enabled): name → table.
EXPECTED = {
    "sqlite": {
        "audit_accesslog_no_update": "audit_accesslog",
        "audit_accesslog_no_delete": "audit_accesslog",
        "audit_accessloganchor_no_update": "audit_accessloganchor",
        "audit_accessloganchor_no_delete": "audit_accessloganchor",
    },
    "postgresql": {
        "audit_accesslog_guard": "audit_accesslog",
        "audit_accesslog_no_truncate": "audit_accesslog",
        "audit_accessloganchor_guard": "audit_accessloganchor",
        "audit_accessloganchor_no_truncate": "audit_accessloganchor",
    },
}


def _run(connection: Any, tables: tuple[str, ...], install: bool) -> None:
    if connection.vendor not in ("sqlite", "postgresql"):
        raise NotImplementedError(f"No access-log triggers for {connection.vendor}")
    with connection.cursor() as cursor:
        for table in tables:
            for statement in STATEMENTS[(connection.vendor, table, install)]:
                cursor.execute(statement)


def install(connection: Any, tables: tuple[str, ...] = ("log", "anchor")) -> None:
    _run(connection, tables, install=True)


def remove(connection: Any, tables: tuple[str, ...] = ("log", "anchor")) -> None:
    _run(connection, tables, install=False)


def missing(connection: Any) -> list[str]:
    """The protecting triggers that are not there (or, on PostgreSQL, are disabled)."""
    expected = EXPECTED.get(connection.vendor, {})
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute(
                "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"
            )
        present = {name for (name,) in cursor.fetchall()}
    return sorted(set(expected) - present)
