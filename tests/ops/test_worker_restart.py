"""A period report survives its worker being killed: a real ``manage.py db_worker`` process is
killed halfway through the report, a new one is started, and the report is made.

Runs on whichever database the suite runs on (``make test``: SQLite and PostgreSQL). The workers
are separate processes, so this test commits what it makes (a transactional test)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from beraad.deliberation import signals
from beraad.insights.stats import Period
from beraad.reports import jobs
from beraad.reports.models import ReportJob
from tests.factories import DeliberationFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(settings.BASE_DIR)
# About 4 s to make on this machine: long enough to stop a worker in the middle of it.
DELIBERATIONS = 150


def database_env() -> dict[str, str]:
    """The environment that points manage.py at this test's database."""
    db = connection.settings_dict
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    env["BERAAD_INSECURE_DEV_KEY"] = "true"
    if connection.vendor == "sqlite":
        env["BERAAD_SQLITE_PATH"] = str(db["NAME"])
    else:
        user = quote(db["USER"] or "", safe="")
        password = quote(db["PASSWORD"] or "", safe="")
        auth = f"{user}:{password}@" if password else f"{user}@"
        env["DATABASE_URL"] = f"postgres://{auth}{db['HOST']}:{db['PORT']}/{db['NAME']}"
    return env


@pytest.fixture
def start_worker() -> Iterator[Callable[..., subprocess.Popen[bytes]]]:
    started: list[tuple[subprocess.Popen[bytes], IO[bytes]]] = []

    def start(*extra: str) -> subprocess.Popen[bytes]:
        log = tempfile.TemporaryFile()  # noqa: SIM115 - closed below
        process = subprocess.Popen(  # noqa: S603 - our own manage.py
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--no-reload",
                "--no-startup-delay",
                "--interval=0.1",
                *extra,
            ],
            cwd=ROOT,
            env=database_env(),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        started.append((process, log))
        return process

    yield start
    for process, log in started:
        if process.poll() is None:
            process.kill()
            process.wait()
        log.close()


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"Waited {seconds} s for {what}.")
        time.sleep(0.05)


@pytest.fixture
def big_report() -> tuple[ReportJob, Any]:
    facilitator = MembershipFactory(role="facilitator")
    with signals.batched():
        for n in range(DELIBERATIONS):
            DeliberationFactory(
                team=facilitator.team,
                title=f"Beraad {n}",
                held_on=date(2026, 1 + n % 6, 1 + n % 28),
                case_description="Een beschrijving van de casus. " * 30,
            )
    job = jobs.submit(
        facilitator.team, facilitator.user, Period(date(2026, 1, 1), date(2026, 6, 30)), "nl"
    )
    return job, facilitator


def status(job: ReportJob) -> str:
    return DBTaskResult.objects.values_list("status", flat=True).get(pk=job.task_id)


def made(job: ReportJob) -> bool:
    return ReportJob.objects.filter(pk=job.pk).exclude(content=None).exists()


def test_a_report_survives_its_worker_being_killed_halfway(
    big_report: tuple[ReportJob, Any],
    start_worker: Callable[..., subprocess.Popen[bytes]],
    client: Client,
) -> None:
    job, facilitator = big_report
    first = start_worker("--worker-id=restart-test-1")
    wait_for(lambda: status(job) == "RUNNING", 120, "the first worker to take the report")
    first.send_signal(signal.SIGKILL)  # no chance to finish or to clean up
    first.wait(timeout=30)
    assert status(job) == "RUNNING" and not made(job)  # killed in the middle of the report
    # The same worker, restarted (as systemd does), does what is queued and exits.
    second = start_worker("--worker-id=restart-test-1", "--batch")
    assert second.wait(timeout=300) == 0
    row = DBTaskResult.objects.get(pk=job.task_id)
    assert row.status == "SUCCESSFUL"
    assert row.worker_ids == ["restart-test-1", "restart-test-1"]  # taken twice
    assert made(job)
    client.force_login(facilitator.user)
    page = client.get(reverse("reports:job", kwargs={"team": facilitator.team.slug, "pk": job.pk}))
    assert "Status: <strong>Klaar</strong>" in page.content.decode()
    download = client.post(page.wsgi_request.path)
    assert download.content.startswith(b"%PDF")


def test_a_worker_asked_to_stop_finishes_the_report_first(
    big_report: tuple[ReportJob, Any],
    start_worker: Callable[..., subprocess.Popen[bytes]],
) -> None:
    job, _facilitator = big_report
    worker = start_worker()
    wait_for(lambda: status(job) == "RUNNING", 120, "the worker to take the report")
    worker.send_signal(signal.SIGTERM)  # what systemd sends on stop or restart
    assert worker.wait(timeout=300) == 0
    assert status(job) == "SUCCESSFUL" and made(job)
