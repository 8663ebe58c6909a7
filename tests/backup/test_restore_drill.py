"""The restore drill: back up while the server writes, restore into a fresh database, compare every
table. Runs on the suite's database: SQLite, and PostgreSQL when DATABASE_URL points there (a
second database on the same server is the fresh one; pg_dump and pg_restore must be present)."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from cryptography.fernet import Fernet
from django.contrib.sessions.models import Session
from django.db import connection, transaction
from django.utils import timezone

from beraad.audit.models import AccessLog
from beraad.backup import manifest as manifests
from tests.backup.drill import SOURCE_TEXT, fresh_database, manage, read_manifest, rows, source
from tests.factories import (
    ActionFactory,
    DeliberationFactory,
    MembershipFactory,
    OptionFactory,
    ParticipantFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

KEY = Fernet.generate_key().decode()
# What the writer adds (one access-log entry and one session per transaction); every other table
# must come back exactly as it is.
WRITTEN = {"audit_accesslog", "django_session"}


class ServerWriting(threading.Thread):
    """The server at work: each transaction appends an access-log entry and a session, so a
    restored database holds both of a transaction or neither."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.stop = threading.Event()
        self.committed = 0
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                n = self.committed + 1
                with transaction.atomic():
                    AccessLog.objects.create(
                        action="read",
                        object_type="deliberation",
                        object_id=str(n),
                        outcome="ok",
                        request_id=f"drill-{n}",
                    )
                    Session.objects.create(
                        session_key=f"drill-{n:08d}",
                        session_data="",
                        expire_date=timezone.now() + timedelta(days=1),
                    )
                self.committed = n
                time.sleep(0.002)  # other engineers share the machine's two cores
        except BaseException as error:
            self.error = error
        finally:
            connection.close()

    def wait_for(self, count: int) -> None:
        deadline = time.monotonic() + 60
        while self.committed < count and self.error is None and time.monotonic() < deadline:
            time.sleep(0.01)


def some_case_material() -> None:
    for _ in range(3):
        membership = MembershipFactory()
        deliberation = DeliberationFactory(team=membership.team, title=SOURCE_TEXT)
        ParticipantFactory(deliberation=deliberation)
        StakeholderFactory(deliberation=deliberation)
        OptionFactory(deliberation=deliberation)
        ActionFactory(deliberation=deliberation)
    for n in range(200):
        AccessLog.objects.create(
            action="read", object_type="deliberation", object_id=str(n), outcome="ok"
        )


def drill_numbers(db: Any) -> tuple[list[int], list[int]]:
    cursor = db.cursor()
    cursor.execute("SELECT request_id FROM audit_accesslog WHERE request_id LIKE 'drill-%'")
    logged = sorted(int(value.removeprefix("drill-")) for (value,) in cursor.fetchall())
    cursor.execute("SELECT session_key FROM django_session WHERE session_key LIKE 'drill-%'")
    sessions = sorted(int(value.removeprefix("drill-")) for (value,) in cursor.fetchall())
    return logged, sessions


@contextmanager
def old_snapshot_held() -> Iterator[None]:
    """SQLite: a reader that keeps an old snapshot open, as a long report query does. Checkpoints
    cannot move newer pages past it into the database file, so everything written from here on is
    only in the -wal file: a copy of the file would miss it (the failure this drill exists for)."""
    if connection.vendor != "sqlite":
        yield
        return
    with closing(sqlite3.connect(connection.settings_dict["NAME"])) as reader:
        reader.execute("BEGIN")
        reader.execute("SELECT COUNT(*) FROM django_migrations").fetchone()
        yield
        reader.execute("COMMIT")


def test_it_restores_a_consistent_snapshot_taken_while_the_server_writes(tmp_path: Path) -> None:
    with old_snapshot_held():
        backup, expected, before, during, committed = back_up_while_writing(tmp_path)
    check_restore(tmp_path, backup, expected, before, during, committed)


def back_up_while_writing(tmp_path: Path) -> tuple[Path, dict[str, Any], int, int, int]:
    some_case_material()
    here = source()
    backup = tmp_path / "beraad.backup"
    keyed = {"BERAAD_BACKUP_KEY": KEY}

    writer = ServerWriting()
    writer.start()
    try:
        writer.wait_for(20)
        before = writer.committed
        made = manage("backup", "-o", str(backup), database=here, env=keyed)
        during = writer.committed
        writer.wait_for(during + 20)  # and it goes on writing after the snapshot
    finally:
        writer.stop.set()
        writer.join()
    assert writer.error is None, writer.error
    assert made.returncode == 0, made.stderr
    assert "encrypted" in made.stdout
    assert SOURCE_TEXT.encode() not in backup.read_bytes()
    return backup, read_manifest(backup, KEY), before, during, writer.committed


def check_restore(
    tmp_path: Path,
    backup: Path,
    expected: dict[str, Any],
    before: int,
    during: int,
    committed: int,
) -> None:
    here = source()
    keyed = {"BERAAD_BACKUP_KEY": KEY}
    with here.connect() as original, fresh_database(tmp_path) as fresh:
        done = manage("restore", str(backup), database=fresh, env=keyed)
        assert done.returncode == 0, done.stderr
        assert "matches its manifest and the access log verifies" in done.stdout

        with fresh.connect() as restored:
            # The snapshot cut through the writing: some of the writer's transactions are in it,
            # the later ones not, and of each one both rows or neither.
            logged, sessions = drill_numbers(restored)
            assert logged == sessions == list(range(1, len(logged) + 1))
            assert before < len(logged) < committed
            assert len(logged) <= during

            names = manifests.tables(restored.cursor(), here.vendor)
            assert names == manifests.tables(original.cursor(), here.vendor)
            assert names == sorted(expected["tables"])
            for table in names:
                back, now = rows(restored, table), rows(original, table)
                if table == "audit_accesslog":
                    # The restore notes itself after the check: one entry beyond the manifest's.
                    *back, restore_entry = back
                    assert restore_entry[0] > expected["access_log"]["last_id"]
                    assert "backup" in restore_entry and "import" in restore_entry
                assert len(back) == expected["tables"][table], table
                if table in WRITTEN:
                    by_key = {row[0]: row for row in now}
                    assert all(by_key.get(row[0]) == row for row in back), table
                else:
                    assert back == now, table

        checked = manage("verify_access_log", database=fresh)
        assert checked.returncode == 0, checked.stderr
        assert f"intact: {expected['access_log']['entries'] + 1} entries" in checked.stdout

        # Now the fresh database holds tables: a second restore is refused, --replace asks.
        again = manage("restore", str(backup), database=fresh, env=keyed)
        assert again.returncode == 1
        assert "is not empty" in again.stderr
        unconfirmed = manage("restore", "--replace", str(backup), database=fresh, env=keyed)
        assert unconfirmed.returncode == 1
        assert "Not confirmed: nothing was restored" in unconfirmed.stderr
        replaced = manage(
            "restore", "--replace", "--no-input", str(backup), database=fresh, env=keyed
        )
        assert replaced.returncode == 0, replaced.stderr
        with fresh.connect() as restored:
            assert len(rows(restored, "audit_accesslog")) == expected["access_log"]["entries"] + 1
