"""/healthz: 200 "ok" or 503 "not ok" for load balancers, details for staff only."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError, connection
from django.db.migrations.recorder import MigrationRecorder
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from beraad.audit.models import AccessLog
from beraad.audit.tasks import purge_access_log
from beraad.ops import health
from beraad.ops.tasks import prune_task_results
from tests.factories import DeliberationFactory, MembershipFactory, UserFactory
from tests.headers import assert_private

pytestmark = pytest.mark.django_db

URL = "/healthz"
SECRET = "Mevrouw Jansen woont aan de Dorpsstraat 1"


@pytest.fixture(autouse=True)
def _migrations_checked_again() -> Iterator[None]:
    health._migrated = False
    yield
    health._migrated = False


def queued(minutes_ago: float) -> DBTaskResult:
    prune_task_results.enqueue()
    row = DBTaskResult.objects.latest("enqueued_at")
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=minutes_ago)
    )
    return row


def test_it_says_ok_and_nothing_else(client: Client) -> None:
    DeliberationFactory(case_description=SECRET)
    before = AccessLog.objects.count()
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(URL)
    assert answer.status_code == 200
    assert answer.content == b"ok\n"
    assert answer["Content-Type"] == "text/plain; charset=utf-8"
    assert "Set-Cookie" not in answer  # no session started
    assert_private(answer)
    assert AccessLog.objects.count() == before  # not in the access log
    writes = [
        q["sql"] for q in queries if q["sql"].split()[0].upper() in ("INSERT", "UPDATE", "DELETE")
    ]
    assert writes == []
    assert client.head(URL).status_code == 200
    assert client.post(URL).status_code == 405


def test_it_says_not_ok_while_the_detector_is_loading(
    client: Client, deduce_not_ready: None
) -> None:
    answer = client.get(URL)
    assert (answer.status_code, answer.content) == (503, b"not ok\n")


def test_it_says_not_ok_when_a_task_waits_too_long(client: Client, settings: Any) -> None:
    settings.HEALTHZ_QUEUE_MAX_AGE = 900
    row = queued(minutes_ago=5)
    assert client.get(URL).status_code == 200
    DBTaskResult.objects.filter(pk=row.pk).update(
        enqueued_at=timezone.now() - timedelta(minutes=16)
    )
    assert client.get(URL).status_code == 503
    settings.HEALTHZ_QUEUE_MAX_AGE = 0  # the queue left out
    assert client.get(URL).status_code == 200
    settings.HEALTHZ_QUEUE_MAX_AGE = 900
    DBTaskResult.objects.filter(pk=row.pk).update(status="RUNNING")  # a worker took it
    assert client.get(URL).status_code == 200


def test_the_owners_daily_queue_does_not_count(client: Client) -> None:
    """Where the access-log purge waits for the owner's daily worker, that is no failure."""
    purge_access_log.enqueue()
    DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(hours=20))
    assert DBTaskResult.objects.get().queue_name == "owner"
    assert client.get(URL).status_code == 200


def test_it_says_not_ok_when_a_migration_is_not_applied(client: Client) -> None:
    assert client.get(URL).status_code == 200
    health._migrated = False
    MigrationRecorder.Migration.objects.filter(app="reports", name="0004_reportjob_task").delete()
    assert client.get(URL).status_code == 503


def test_it_says_not_ok_when_the_database_cannot_be_reached(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreachable(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("connection refused")

    with monkeypatch.context() as patched:  # undone before the test's own clean-up
        patched.setattr(connection, "cursor", unreachable)
        answer = client.get(URL)
    assert (answer.status_code, answer.content) == (503, b"not ok\n")


def test_only_staff_learn_which_check_failed(client: Client, deduce_not_ready: None) -> None:
    queued(minutes_ago=60)
    for person in (None, MembershipFactory().user, UserFactory(is_superuser=False)):
        if person is not None:
            client.force_login(person)
        answer = client.get(URL)
        assert (answer.status_code, answer.content) == (503, b"not ok\n")
    client.force_login(UserFactory(is_staff=True))
    answer = client.get(URL)
    assert answer.status_code == 503
    details = answer.json()
    assert details["checks"] == {
        "database": True,
        "migrations": True,
        "detector": False,
        "queue": False,
    }
    assert details["oldest_queued_seconds"] >= 3600
    assert SECRET not in answer.content.decode()


def test_a_plain_http_probe_is_not_redirected(client: Client, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    assert client.get(URL).status_code == 200
    assert client.get("/accounts/login/").status_code == 301


def test_the_command_prints_the_details(deduce_not_ready: None) -> None:
    out = io.StringIO()
    with pytest.raises(CommandError, match="Not healthy"):
        call_command("check_health", stdout=out)
    assert json.loads(out.getvalue())["checks"]["detector"] is False
    out = io.StringIO()
    call_command("check_health", "--without-detector", stdout=out)
    assert json.loads(out.getvalue())["checks"] == {
        "database": True,
        "migrations": True,
        "detector": None,
        "queue": True,
    }


def test_monitoring_checks_the_queue_when_the_servers_leave_it_out(
    client: Client, settings: Any
) -> None:
    """Behind a load balancer the servers may leave the shared queue out of /healthz (a stopped
    worker must not take every server out); monitoring then asks the command about it."""
    settings.HEALTHZ_QUEUE_MAX_AGE = 0
    queued(minutes_ago=60)
    assert client.get(URL).status_code == 200  # the queue is left out
    out = io.StringIO()
    with pytest.raises(CommandError, match="Not healthy"):
        call_command("check_health", "--without-detector", "--queue-max-age", "600", stdout=out)
    assert json.loads(out.getvalue())["checks"]["queue"] is False
    out = io.StringIO()
    call_command("check_health", "--without-detector", "--queue-max-age", "7200", stdout=out)
    assert json.loads(out.getvalue())["checks"]["queue"] is True
