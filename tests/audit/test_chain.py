"""The access log's hash chain: verify_access_log finds a changed, deleted or slipped-in entry, also
after the append-only triggers were dropped, on SQLite and on PostgreSQL alike."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.utils import timezone

from beraad.audit import chain, triggers
from beraad.audit.log import log_command
from beraad.audit.models import AccessLog, AccessLogAnchor, AppendOnlyError
from tests.audit.writers import write_at_once

pytestmark = pytest.mark.django_db

TABLE = AccessLog._meta.db_table


def entry(**fields: Any) -> AccessLog:
    defaults = {"action": "read", "object_type": "deliberation", "outcome": "ok"}
    return AccessLog.objects.create(**(defaults | fields))


def verify(*args: str) -> str:
    out = StringIO()
    call_command("verify_access_log", *args, stdout=out)
    return out.getvalue()


def refused(*args: str) -> CommandError:
    with pytest.raises(CommandError) as raised:
        verify(*args)
    return raised.value


def sql(statement: str, params: list[Any] | None = None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement, params or [])


@pytest.fixture
def log() -> list[AccessLog]:
    return [
        entry(user_id=7, user_email="a@example.test", team_id=3, team_slug="noord", object_id="1"),
        entry(action="update", object_id="2", origin="2001:db8::1", request_id="r2"),
        entry(outcome="denied", object_id="3", origin="192.0.2.15"),
        entry(object_id="4"),
    ]


@pytest.fixture
def without_triggers() -> Iterator[None]:
    """What someone with the table owner's rights can do: drop the triggers first."""
    triggers.remove(connection)
    yield
    triggers.install(connection)


def test_it_passes_an_intact_log_and_names_its_newest_entry(log: list[AccessLog]) -> None:
    output = verify()
    assert "intact: 4 entries" in output
    assert f"{log[-1].pk}:{log[-1].entry_hash}" in output


def test_it_chains_each_entry_to_the_one_before(log: list[AccessLog]) -> None:
    assert log[0].prev_hash == chain.GENESIS
    for before, after in itertools.pairwise(log):
        assert after.prev_hash == before.entry_hash
    assert len({e.entry_hash for e in log}) == 4


def test_it_names_an_entry_updated_behind_the_triggers_back(
    log: list[AccessLog], without_triggers: None
) -> None:
    sql(f"UPDATE {TABLE} SET outcome = 'ok' WHERE id = %s", [log[2].pk])  # noqa: S608
    error = refused()
    assert error.returncode == 1
    assert f"entry {log[2].pk} (" in str(error)
    assert f"{log[2].at:%Y-%m-%d %H:%M:%S}" in str(error)
    assert "changed or forged" in str(error)
    assert "denied" not in str(error)  # its content is not repeated


def test_it_finds_an_update_that_also_recomputes_nothing_it_cannot(
    log: list[AccessLog], without_triggers: None
) -> None:
    # Copying a neighbour's hashes does not help: the seal covers the fields.
    sql(
        f"UPDATE {TABLE} SET user_email = 'b@example.test', entry_hash = %s WHERE id = %s",  # noqa: S608
        [log[0].entry_hash, log[0].pk],
    )
    assert f"entry {log[0].pk} (" in str(refused())


def test_it_names_the_entry_after_a_deleted_one(
    log: list[AccessLog], without_triggers: None
) -> None:
    sql(f"DELETE FROM {TABLE} WHERE id = %s", [log[1].pk])  # noqa: S608
    error = refused()
    assert error.returncode == 1
    assert f"entry {log[2].pk} (" in str(error)
    assert "entry before it missing" in str(error)


def test_it_notices_the_oldest_entries_deleted(
    log: list[AccessLog], without_triggers: None
) -> None:
    sql(f"DELETE FROM {TABLE} WHERE id <= %s", [log[1].pk])  # noqa: S608
    assert f"entry {log[2].pk} (" in str(refused())


def test_it_names_a_forged_entry_inserted_in_a_gap(log: list[AccessLog]) -> None:
    # The triggers allow inserting: a row with a free id between two real ones, chained to the
    # one before it, but sealed without the key.
    forged_id = log[1].pk
    with transaction.atomic():
        triggers.remove(connection)
        sql(f"DELETE FROM {TABLE} WHERE id = %s", [forged_id])  # noqa: S608
        triggers.install(connection)
    sql(
        f"INSERT INTO {TABLE} (id, at, user_email, team_slug, role, action, object_type, "  # noqa: S608
        "object_id, outcome, request_id, prev_hash, entry_hash) "
        "VALUES (%s, %s, '', '', '', 'read', 'deliberation', '99', 'ok', '', %s, %s)",
        [forged_id, log[1].at, log[0].entry_hash, "f" * 64],
    )
    error = refused()
    assert f"entry {forged_id} (" in str(error)
    assert "changed or forged" in str(error)


def test_it_names_a_copy_of_a_real_entry_appended_out_of_order(log: list[AccessLog]) -> None:
    original = AccessLog.objects.values().get(pk=log[1].pk)
    copy = original | {"id": None}
    columns = [name for name in copy if name != "id"]
    sql(
        f"INSERT INTO {TABLE} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})",  # noqa: S608
        [copy[name] for name in columns],
    )
    newest = AccessLog.objects.order_by("-id").first()
    assert newest is not None
    error = refused()
    assert f"entry {newest.pk} (" in str(error)
    assert "entry before it missing" in str(error)


def test_it_refuses_entries_made_around_the_chain() -> None:
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.bulk_create([AccessLog(action="read", object_type="x", outcome="ok")])


def test_it_says_when_the_chain_holds_but_the_triggers_are_gone(
    log: list[AccessLog], without_triggers: None
) -> None:
    error = refused()
    assert error.returncode == 2
    assert "intact" in str(error) and "audit_accesslog" in str(error)


def test_it_catches_entries_removed_from_the_end_with_a_noted_head(
    log: list[AccessLog], without_triggers: None
) -> None:
    head = f"{log[-1].pk}:{log[-1].entry_hash}"
    sql(f"DELETE FROM {TABLE} WHERE id = %s", [log[-1].pk])  # noqa: S608
    error = refused("--head", head)
    assert error.returncode == 1
    assert f"entry {log[-1].pk}" in str(error)


def test_it_verifies_the_rest_after_a_purge_and_records_where_it_starts() -> None:
    old = [entry(at=timezone.now() - timedelta(days=365 * 6 + n)) for n in (3, 2, 1)]
    young = [entry(), entry()]
    call_command("purge_access_log", stdout=StringIO())
    assert list(AccessLog.objects.order_by("id")) == young
    anchor = AccessLogAnchor.objects.get()
    assert (anchor.last_id, anchor.entry_hash, anchor.count) == (old[-1].pk, old[-1].entry_hash, 3)
    assert "intact: 2 entries" in verify()
    with pytest.raises(AppendOnlyError):
        anchor.delete()


def test_it_keeps_the_chain_going_after_everything_was_purged() -> None:
    last = entry(at=timezone.now() - timedelta(days=365 * 6))
    call_command("purge_access_log", stdout=StringIO())
    assert not AccessLog.objects.exists()
    after = entry()
    assert after.prev_hash == last.entry_hash
    assert "intact: 1 entries" in verify()


def test_it_refuses_to_purge_a_broken_chain(without_triggers: None) -> None:
    old = [entry(at=timezone.now() - timedelta(days=365 * 6 + n)) for n in (2, 1)]
    entry()
    sql(f"UPDATE {TABLE} SET object_id = '666' WHERE id = %s", [old[0].pk])  # noqa: S608
    with pytest.raises(CommandError, match=f"broken at entry {old[0].pk}"):
        call_command("purge_access_log", stdout=StringIO())
    assert AccessLog.objects.count() == 3
    assert not AccessLogAnchor.objects.exists()


def test_it_finds_a_forged_purge_record(without_triggers: None) -> None:
    entry(at=timezone.now() - timedelta(days=365 * 6))
    keep = entry()
    sql(f"DELETE FROM {TABLE} WHERE id < %s", [keep.pk])  # noqa: S608
    AccessLogAnchor.objects.create(
        entry_hash=keep.prev_hash,
        last_id=keep.pk - 1,
        last_at=timezone.now() - timedelta(days=365 * 6),
        purged_at=timezone.now(),
        count=1,
        anchor_hash="0" * 64,
    )
    assert "purge record not sealed" in str(refused())


def test_it_verifies_entries_sealed_with_an_earlier_key(settings: Any) -> None:
    settings.ACCESS_LOG_KEY = "first-audit-key"
    entry()
    settings.ACCESS_LOG_KEY = "second-audit-key"
    entry()
    assert refused().returncode == 1
    settings.ACCESS_LOG_KEY_FALLBACKS = ["first-audit-key"]
    assert "intact: 2 entries" in verify()


def test_it_seals_what_the_database_gives_back() -> None:
    # Values the database normalises (an IPv4-mapped address, a naive time, an id as text).
    logged = entry(origin="::ffff:192.0.2.1", user_id="12", object_id="5")
    stored = AccessLog.objects.values(*chain.SEALED, "prev_hash", "entry_hash").get(pk=logged.pk)
    assert chain.sealed_by_a_key(stored, stored["prev_hash"], stored["entry_hash"], chain._keys())
    log_command(action="erase", object_type="deliberation", object_id=5)
    assert "intact: 2 entries" in verify()


@pytest.mark.django_db(transaction=True)
def test_it_stays_one_chain_with_many_writers_at_once() -> None:
    def write(n: int) -> None:
        for i in range(10):
            entry(object_id=f"{n}-{i}")

    write_at_once(write, 6)
    assert AccessLog.objects.count() == 60
    assert "intact: 60 entries" in verify()
