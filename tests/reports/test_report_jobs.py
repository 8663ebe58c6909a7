"""A period report over many deliberations is made by a background task, with a visible state."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from beraad.insights.stats import Period
from beraad.reports import jobs
from beraad.reports.models import ReportJob
from beraad.reports.tasks import make_period_report
from tests.factories import DeliberationFactory, MembershipFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)
PERIOD = {"date_from": "2026-01-01", "date_to": "2026-06-30", "team_pdf": "1"}


@pytest.fixture
def background(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jobs, "BACKGROUND_ABOVE", 1)


def job_url(job: ReportJob) -> str:
    return reverse("reports:job", kwargs={"team": job.team.slug, "pk": job.pk})


def task_row(job: ReportJob) -> DBTaskResult:
    return DBTaskResult.objects.get(pk=job.task_id)


def test_a_large_period_report_is_made_in_the_background(
    fclient: Client,
    team: Any,
    background: None,
    run_tasks: Callable[[], int],
    pdf_text: Callable[[bytes], str],
) -> None:
    for n in range(3):
        DeliberationFactory(team=team, title=f"Beraad {n}", held_on=date(2026, 2, 1 + n))
    answer = fclient.post(reverse("reports:team", kwargs={"team": team.slug}), PERIOD)
    job = ReportJob.objects.get()
    assert answer.status_code == 302 and answer["Location"] == job_url(job)
    assert DBTaskResult.objects.get().task_path == "beraad.reports.tasks.make_period_report"
    waiting = fclient.get(answer["Location"]).content.decode()
    assert "<progress" in waiting and 'http-equiv="refresh"' in waiting and "hx-trigger" in waiting
    assert "In de wachtrij" in waiting
    assert run_tasks() == 1
    ready = fclient.get(answer["Location"]).content.decode()
    assert "hx-trigger" not in ready and 'http-equiv="refresh"' not in ready
    assert "Klaar" in ready
    download = fclient.post(answer["Location"])
    assert download["Content-Type"] == "application/pdf"
    assert "Beraad 2" in pdf_text(download.content)
    job.refresh_from_db()
    assert job.content is None  # gone from the server after the download
    assert "niet meer op de server" in fclient.get(answer["Location"]).content.decode()


def test_running_the_task_again_makes_the_report_again(
    team: Any, facilitator: Any, run_tasks: Callable[[], int]
) -> None:
    """What a worker does after its predecessor was killed halfway: the whole report again."""
    DeliberationFactory(team=team, held_on=date(2026, 2, 1))
    job = jobs.submit(team, facilitator.user, Period(date(2026, 1, 1), date(2026, 6, 30)), "nl")
    size = make_period_report.call(job.pk)
    assert size > 0 and make_period_report.call(job.pk) > 0
    assert run_tasks() == 1
    job.refresh_from_db()
    assert bytes(job.content).startswith(b"%PDF")
    assert make_period_report.call(job.pk + 1000) == 0  # a purged job: nothing to do


def test_someone_else_cannot_see_the_job(client: Client, team: Any, facilitator: Any) -> None:
    job = jobs.submit(team, facilitator.user, Period(date(2026, 1, 1), date(2026, 2, 1)), "nl")
    client.force_login(MembershipFactory(team=team).user)
    assert client.get(job_url(job)).status_code == 404


def test_a_failed_job_says_so_and_keeps_the_case_text_out_of_log_and_result(
    fclient: Client,
    team: Any,
    facilitator: Any,
    monkeypatch: pytest.MonkeyPatch,
    run_tasks: Callable[[], int],
    caplog: pytest.LogCaptureFixture,
) -> None:
    job = jobs.submit(team, facilitator.user, Period(date(2026, 1, 1), date(2026, 2, 1)), "nl")

    def broken(*args: Any) -> bytes:
        raise RuntimeError("Mevrouw Jansen woont aan de Dorpsstraat 1")

    monkeypatch.setattr(jobs.team_report, "render_pdf", broken)
    with caplog.at_level(logging.INFO):
        run_tasks()
    row = task_row(job)
    assert row.status == "FAILED"
    assert row.exception_class_path == "beraad.web.tasks.TaskFailed"
    assert "RuntimeError" in row.traceback and "Jansen" not in row.traceback
    assert "RuntimeError" in caplog.text and "Jansen" not in caplog.text
    page = fclient.get(job_url(job)).content.decode()
    assert 'role="alert"' in page and "Mislukt" in page and "hx-trigger" not in page


def test_a_job_without_its_task_counts_as_failed(
    fclient: Client, team: Any, facilitator: Any
) -> None:
    job = ReportJob.objects.create(
        team=team, requested_by=facilitator.user, start=date(2026, 1, 1), end=date(2026, 2, 1)
    )
    assert jobs.state(job) == "failed"
    pruned = jobs.submit(team, facilitator.user, Period(date(2026, 3, 1), date(2026, 4, 1)), "nl")
    DBTaskResult.objects.filter(pk=pruned.task_id).delete()
    assert 'role="alert"' in fclient.get(job_url(pruned)).content.decode()


@pytest.mark.parametrize(
    ("status", "dutch", "english"),
    [
        ("READY", "In de wachtrij", "Queued"),
        ("RUNNING", "Bezig", "Running"),
        ("SUCCESSFUL", "Klaar", "Done"),
        ("FAILED", "Mislukt", "Failed"),
    ],
)
def test_the_state_page_names_the_state_in_dutch_and_english(
    fclient: Client, team: Any, facilitator: Any, status: str, dutch: str, english: str
) -> None:
    job = jobs.submit(team, facilitator.user, Period(date(2026, 1, 1), date(2026, 2, 1)), "nl")
    DBTaskResult.objects.filter(pk=job.task_id).update(status=status)
    nl = fclient.get(job_url(job)).content.decode()
    assert f"Status: <strong>{dutch}</strong>" in nl
    fclient.cookies["django_language"] = "en"
    en = fclient.get(job_url(job)).content.decode()
    assert f"State: <strong>{english}</strong>" in en


def test_a_long_wait_says_it_takes_longer_than_usual(
    fclient: Client, team: Any, facilitator: Any
) -> None:
    job = jobs.submit(team, facilitator.user, Period(date(2026, 1, 1), date(2026, 2, 1)), "nl")
    assert "langer dan normaal" not in fclient.get(job_url(job)).content.decode()
    ReportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=11))
    page = fclient.get(job_url(job)).content.decode()
    assert "langer dan normaal" in page and "hx-trigger" in page  # still waiting, still polling


def test_asking_twice_gives_one_job_and_old_jobs_are_purged(
    team: Any, facilitator: Any, run_tasks: Callable[[], int]
) -> None:
    from beraad.insights import stats
    from beraad.privacy.retention import apply_retention

    period = stats.Period(date(2026, 1, 1), date(2026, 6, 30))
    first = jobs.submit(team, facilitator.user, period, "nl")
    second = jobs.submit(team, facilitator.user, period, "nl")
    assert first.pk == second.pk and DBTaskResult.objects.count() == 1
    run_tasks()
    first.refresh_from_db()
    ReportJob.objects.filter(pk=first.pk).update(content=None)  # downloaded
    third = jobs.submit(team, facilitator.user, period, "nl")
    assert third.pk != first.pk  # a finished job is not handed out again
    ReportJob.objects.update(created_at=LONG_AGO, content=b"%PDF")
    apply_retention()
    assert not ReportJob.objects.exists()
