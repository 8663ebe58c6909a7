"""Database triggers that make the access log append-only, also for anyone bypassing the app.

Updating an entry always fails; deleting one fails until it is older than the minimum retention
(five years). The same SQL is used by the migration and by the browser tests, which must remove the
triggers while their test database is emptied between tests.
"""

from __future__ import annotations

from typing import Any

MINIMUM_YEARS = 5

SQLITE_INSTALL = [
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
SQLITE_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_accesslog_no_update",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_delete",
]

POSTGRES_INSTALL = [
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
POSTGRES_REMOVE = [
    "DROP TRIGGER IF EXISTS audit_accesslog_guard ON audit_accesslog",
    "DROP TRIGGER IF EXISTS audit_accesslog_no_truncate ON audit_accesslog",
]


def _statements(vendor: str, install: bool) -> list[str]:
    if vendor == "sqlite":
        return SQLITE_INSTALL if install else SQLITE_REMOVE
    if vendor == "postgresql":
        return POSTGRES_INSTALL if install else POSTGRES_REMOVE
    raise NotImplementedError(f"No access-log triggers for {vendor}")


def install(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=True):
            cursor.execute(statement)


def remove(connection: Any) -> None:
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, install=False):
            cursor.execute(statement)
