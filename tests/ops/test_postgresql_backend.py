"""beraad.web.postgresql: the health check (SELECT 1) only for a connection that rested or failed.

Request boundaries are what Django's request_started and request_finished signals do: each calls
``close_if_unusable_or_obsolete`` on every connection. Runs in the PostgreSQL suite (.ci/run)."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.db import ProgrammingError, connections

from beraad.web.postgresql import base

pytestmark = [
    pytest.mark.skipif(
        os.environ.get("DATABASE_URL", "").split(":", 1)[0] not in ("postgres", "postgresql"),
        reason="the PostgreSQL backend: runs in the PostgreSQL suite (make pytest-postgres, .ci/run)",
    ),
    pytest.mark.django_db(transaction=True),
]


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(base.time, "monotonic", clock)
    return clock


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[int]]:
    """One item per health check the connection runs; a check fails while the list holds 0."""
    done: list[int] = []
    original = base.DatabaseWrapper.is_usable

    def counted(self: base.DatabaseWrapper) -> bool:
        done.append(1)
        return 0 not in done and original(self)

    monkeypatch.setattr(base.DatabaseWrapper, "is_usable", counted)
    yield done


connection = connections["default"]


def request(query: str = "SELECT 1") -> None:
    """One request that runs one query, between the two signals' calls."""
    connection.close_if_unusable_or_obsolete()
    with connection.cursor() as cursor:
        cursor.execute(query)
    connection.close_if_unusable_or_obsolete()


def test_the_backend_is_in_use_and_checks_are_on() -> None:
    assert isinstance(connection, base.DatabaseWrapper)
    connection.ensure_connection()
    assert connection.health_check_enabled


def test_a_connection_that_just_worked_is_not_checked_again(
    clock: Clock, checks: list[int]
) -> None:
    request()  # the connection's first request in this test: it may be checked
    checks.clear()
    for _ in range(5):
        clock.now += base.RESTED_SECONDS / 2
        request()
    assert checks == []


def test_a_connection_that_rested_is_checked(clock: Clock, checks: list[int]) -> None:
    request()
    checks.clear()
    clock.now += base.RESTED_SECONDS + 0.1
    request()
    assert checks == [1]
    clock.now += base.RESTED_SECONDS / 2  # it worked again just now
    request()
    assert checks == [1]


@pytest.mark.parametrize("rest", [0.1, 40.0])
def test_a_connection_is_checked_after_a_request_with_a_database_error(
    clock: Clock, checks: list[int], rest: float
) -> None:
    request()
    checks.clear()
    connection.close_if_unusable_or_obsolete()
    with pytest.raises(ProgrammingError), connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")
    assert connection.errors_occurred  # marked by Django's error wrapper
    connection.close_if_unusable_or_obsolete()  # the request's end: Django checks it at once
    assert checks == [1]
    assert connection.connection is not None  # it passed, so it is kept
    clock.now += rest
    request()  # the next request checks it again before it trusts it, soon or late
    assert checks == [1, 1]
    clock.now += base.RESTED_SECONDS / 2
    request()  # and after that request worked, the one after it is trusted again
    assert checks == [1, 1]


def test_a_connection_that_fails_its_check_is_closed_and_a_new_one_opened(
    clock: Clock, checks: list[int]
) -> None:
    request()
    checks[:] = [0]  # from now on a check fails, as it would with the database restarted
    clock.now += base.RESTED_SECONDS + 0.1
    old = connection.connection
    request()
    assert connection.connection is not None and connection.connection is not old
    assert checks == [0, 1]


def test_a_request_that_did_not_use_the_connection_does_not_renew_its_trust(
    clock: Clock, checks: list[int]
) -> None:
    request()
    checks.clear()
    for _ in range(3):  # requests that never ask the database
        clock.now += base.RESTED_SECONDS / 2
        connection.close_if_unusable_or_obsolete()
        connection.close_if_unusable_or_obsolete()
    request()
    assert checks == [1]
