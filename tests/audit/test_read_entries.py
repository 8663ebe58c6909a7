"""A read's access-log entry commits without waiting for the disk (PostgreSQL's synchronous_commit
off for that one transaction); a change's entry waits, with its change. The chain stays one line
that verify_access_log checks as before, tampering included.

Run without the test's surrounding transaction (``transaction=True``): as in production, each
request's entry is a transaction of its own.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from beraad.audit import triggers
from beraad.audit.models import AccessLog
from beraad.deliberation.models import Deliberation
from tests.audit.writers import write_at_once

pytestmark = pytest.mark.django_db(transaction=True)

RELAX = "synchronous_commit TO OFF"
TABLE = AccessLog._meta.db_table


def sql_of(context: CaptureQueriesContext) -> str:
    return "\n".join(q["sql"] for q in context.captured_queries)


def verify() -> str:
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    return out.getvalue()


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return str(cursor.fetchone()[0])


@contextmanager
def tampering(statement: str, params: list[Any]) -> Iterator[None]:
    """What someone with the table owner's rights can do: drop the triggers, change the table."""
    triggers.remove(connection)
    try:
        with connection.cursor() as cursor:
            cursor.execute(statement, params)
        yield
    finally:
        triggers.install(connection)


def test_it_lets_a_read_skip_the_disk_wait_but_never_a_change(
    fclient: Client, deliberation: Deliberation
) -> None:
    step = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "case"},
    )
    autosave = reverse(
        "deliberation:autosave",
        kwargs={
            "team": deliberation.team.slug,
            "pk": deliberation.pk,
            "step": "case",
            "field": "case_description",
        },
    )
    with CaptureQueriesContext(connection) as read:
        assert fclient.get(step).status_code == 200
    with CaptureQueriesContext(connection) as change:
        answer = fclient.post(autosave, {"case_description": "Nieuw."}, HTTP_HX_REQUEST="true")
    assert answer.status_code == 200
    assert [e.action for e in AccessLog.objects.order_by("id")] == ["read", "update"]
    assert RELAX not in sql_of(change)
    if connection.vendor == "postgresql":
        assert RELAX in sql_of(read)
        # SET LOCAL: the connection's next transaction waits for the disk again.
        assert synchronous_commit() == "on"
    else:  # SQLite in WAL mode with synchronous=NORMAL: nothing to relax
        assert RELAX not in sql_of(read)
    assert "intact: 2 entries" in verify()


def test_it_never_relaxes_an_entry_written_inside_a_larger_transaction() -> None:
    with CaptureQueriesContext(connection) as inside, transaction.atomic():
        # A change's transaction could hold more than this entry: its commit must wait.
        AccessLog(action="read", object_type="deliberation", outcome="ok").save(durable=False)
    with CaptureQueriesContext(connection) as alone:
        AccessLog(action="read", object_type="deliberation", outcome="ok").save(durable=False)
    assert RELAX not in sql_of(inside)
    assert (RELAX in sql_of(alone)) is (connection.vendor == "postgresql")


def test_it_keeps_one_chain_of_reads_and_changes_written_at_once_and_finds_a_changed_read() -> None:
    def write(n: int) -> None:
        for i in range(8):
            entry = AccessLog(
                action="read" if i % 2 else "update",
                object_type="deliberation",
                object_id=f"{n}-{i}",
                outcome="ok",
            )
            entry.save(durable=entry.action == "update")

    write_at_once(write, 6)
    entries = list(AccessLog.objects.order_by("id"))
    assert len(entries) == 48
    assert all(b.prev_hash == a.entry_hash for a, b in itertools.pairwise(entries))
    assert "intact: 48 entries" in verify()
    # Someone with the owner's rights changes what a read's entry says: found as before.
    read = next(e for e in entries[10:] if e.action == "read")
    update = f"UPDATE {TABLE} SET object_id = %s WHERE id = %s"  # noqa: S608
    with tampering(update, ["99", read.pk]), pytest.raises(CommandError) as refused:
        verify()
    assert f"entry {read.pk} (" in str(refused.value)
    assert "changed or forged" in str(refused.value)


def test_it_finds_a_deleted_read_between_two_changes() -> None:
    made: list[AccessLog] = []
    for action, durable in [("update", True), ("read", False), ("update", True)]:
        entry = AccessLog(action=action, object_type="deliberation", outcome="ok")
        entry.save(durable=durable)
        made.append(entry)
    assert "intact: 3 entries" in verify()
    delete = f"DELETE FROM {TABLE} WHERE id = %s"  # noqa: S608
    with tampering(delete, [made[1].pk]), pytest.raises(CommandError) as refused:
        verify()
    assert f"entry {made[2].pk} (" in str(refused.value)
    assert "entry before it missing" in str(refused.value)


def test_it_writes_an_entry_outside_a_transaction_in_two_round_trips_and_lets_go_of_the_lock() -> (
    None
):
    """PostgreSQL: BEGIN, lock and last hash in one query, the entry and COMMIT in the next; after
    it the connection is outside a transaction again and another writer can take the lock."""
    from beraad.audit.chain import LOCK_KEY

    AccessLog(action="read", object_type="deliberation", outcome="ok").save(durable=False)
    with CaptureQueriesContext(connection) as written:  # not the first: no purge record to read
        first = AccessLog(action="read", object_type="deliberation", outcome="ok")
        first.save(durable=False)
    assert first.pk is not None and not first._state.adding
    stored = AccessLog.objects.get(pk=first.pk)
    assert (stored.prev_hash, stored.entry_hash) == (first.prev_hash, first.entry_hash)
    if connection.vendor == "postgresql":
        assert len(written.captured_queries) == 2
        assert written.captured_queries[1]["sql"].endswith("; COMMIT")
        assert connection.connection.info.transaction_status.name == "IDLE"

        def other_writer(n: int) -> None:
            from django.db import connections

            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY])
                taken.append(cursor.fetchone()[0])
                cursor.execute("SELECT pg_advisory_unlock_all()")

        taken: list[bool] = []
        write_at_once(other_writer, 1)
        assert taken == [True]
    second = AccessLog(action="update", object_type="deliberation", outcome="ok")
    second.save()
    assert second.prev_hash == first.entry_hash
    assert "intact: 3 entries" in verify()


def test_it_leaves_nothing_behind_when_an_entry_fails_halfway(monkeypatch: Any) -> None:
    """A failure between the two round trips, or in the database itself: no entry, the lock
    released, the connection usable, and the next entry chains on to the last one written."""
    from beraad.audit import chain

    kept = AccessLog(action="read", object_type="deliberation", outcome="ok")
    kept.save(durable=False)

    def broken_seal(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("the key could not be read")

    with monkeypatch.context() as patched:
        patched.setattr(chain, "seal", broken_seal)
        with pytest.raises(RuntimeError):
            AccessLog(action="read", object_type="deliberation", outcome="ok").save(durable=False)
    if connection.vendor == "postgresql":
        assert connection.connection.info.transaction_status.name == "IDLE"
        from django.db import DataError

        too_long = AccessLog(action="read", object_type="x" * 41, outcome="ok")
        with pytest.raises(DataError):  # the second query fails in the database: rolled back
            too_long.save(durable=False)
        assert connection.connection.info.transaction_status.name == "IDLE"
    assert list(AccessLog.objects.values_list("pk", flat=True)) == [kept.pk]

    def next_writer(n: int) -> None:  # on another connection: the lock is free
        AccessLog(action="read", object_type="deliberation", outcome="ok").save(durable=False)

    write_at_once(next_writer, 1)
    after = AccessLog(action="update", object_type="deliberation", outcome="ok")
    after.save()
    entries = list(AccessLog.objects.order_by("id"))
    assert len(entries) == 3 and entries[1].prev_hash == kept.entry_hash
    assert "intact: 3 entries" in verify()


def test_it_chains_on_after_a_purge_and_seals_an_address_as_the_database_keeps_it() -> None:
    """The first entry after everything was purged starts from the purge record; an IPv4-mapped
    address comes back as the database stores it and still verifies (PostgreSQL: two trips)."""
    old = timezone.now() - timedelta(days=365 * 6)
    last = AccessLog(action="read", object_type="deliberation", outcome="ok", at=old)
    last.save(durable=False)
    call_command("purge_access_log", stdout=StringIO())
    assert not AccessLog.objects.exists()
    after = AccessLog(
        action="read", object_type="deliberation", outcome="ok", origin="::ffff:192.0.2.1"
    )
    after.save(durable=False)
    assert after.prev_hash == last.entry_hash
    assert AccessLog.objects.get(pk=after.pk).prev_hash == last.entry_hash
    assert "intact: 1 entries" in verify()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    # Checked: with autocommit off, SQLite's SAVEPOINT opens a transaction of its own and
    # RELEASE commits it, whatever the caller does next (Django's atomic on SQLite in that mode).
    reason="SQLite: with autocommit off, an atomic block's RELEASE SAVEPOINT commits",
)
def test_it_writes_an_entry_in_the_callers_transaction_when_autocommit_is_off() -> None:
    """A transaction begun by turning autocommit off is no atomic block, but it is a transaction:
    the entry is part of it (no COMMIT of its own), and goes when it is rolled back."""
    AccessLog(action="read", object_type="deliberation", outcome="ok").save(durable=False)
    transaction.set_autocommit(False)
    try:
        with CaptureQueriesContext(connection) as written:
            AccessLog(action="read", object_type="deliberation", outcome="ok").save(durable=False)
        transaction.rollback()
    finally:
        transaction.set_autocommit(True)
    assert "COMMIT" not in sql_of(written) and RELAX not in sql_of(written)
    assert AccessLog.objects.count() == 1
    assert "intact: 1 entries" in verify()
