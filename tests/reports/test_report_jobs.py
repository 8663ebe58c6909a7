"""A period report over many deliberations is made in the background, with a visible state."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from beraad.reports import jobs
from beraad.reports.models import ReportJob
from tests.factories import DeliberationFactory, MembershipFactory

pytestmark = pytest.mark.django_db

LONG_AGO = datetime(2020, 1, 1, tzinfo=UTC)


@pytest.fixture
def background(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    started: list[int] = []
    monkeypatch.setattr(jobs, "BACKGROUND_ABOVE", 1)
    monkeypatch.setattr(jobs, "start", started.append)  # the test runs the job itself
    return started


def test_a_large_period_report_is_made_in_the_background(
    fclient: Client,
    team: Any,
    background: list[int],
    django_capture_on_commit_callbacks: Any,
    pdf_text: Callable[[bytes], str],
) -> None:
    for n in range(3):
        DeliberationFactory(team=team, title=f"Beraad {n}", held_on=date(2026, 2, 1 + n))
    url = reverse("reports:team", kwargs={"team": team.slug})
    with django_capture_on_commit_callbacks(execute=True):
        answer = fclient.post(
            url, {"date_from": "2026-01-01", "date_to": "2026-06-30", "team_pdf": "1"}
        )
    job = ReportJob.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(f"/reports/job/{job.pk}/")
    assert background == [job.pk]
    waiting = fclient.get(answer["Location"]).content.decode()
    assert "<progress" in waiting and 'http-equiv="refresh"' in waiting and "hx-trigger" in waiting
    jobs.make(job.pk)
    jobs.make(job.pk)  # a second worker finds nothing to do
    ready = fclient.get(answer["Location"]).content.decode()
    assert "hx-trigger" not in ready and 'http-equiv="refresh"' not in ready
    download = fclient.post(answer["Location"])
    assert download["Content-Type"] == "application/pdf"
    assert "Beraad 2" in pdf_text(download.content)
    job.refresh_from_db()
    assert job.content is None  # gone from the server after the download


def test_someone_else_cannot_see_the_job(client: Client, team: Any, facilitator: Any) -> None:
    job = ReportJob.objects.create(
        team=team, requested_by=facilitator.user, start=date(2026, 1, 1), end=date(2026, 2, 1)
    )
    client.force_login(MembershipFactory(team=team).user)
    answer = client.get(reverse("reports:job", kwargs={"team": team.slug, "pk": job.pk}))
    assert answer.status_code == 404


def test_a_failed_or_abandoned_job_says_so(
    fclient: Client, team: Any, facilitator: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    job = ReportJob.objects.create(
        team=team, requested_by=facilitator.user, start=date(2026, 1, 1), end=date(2026, 2, 1)
    )

    def broken(*args: Any) -> bytes:
        raise RuntimeError("no")

    monkeypatch.setattr(jobs.team_report, "render_pdf", broken)
    jobs.make(job.pk)
    job.refresh_from_db()
    assert job.state == ReportJob.State.FAILED
    url = reverse("reports:job", kwargs={"team": team.slug, "pk": job.pk})
    assert 'role="alert"' in fclient.get(url).content.decode()
    stuck = ReportJob.objects.create(
        team=team, requested_by=facilitator.user, start=date(2026, 1, 1), end=date(2026, 2, 1)
    )
    ReportJob.objects.filter(pk=stuck.pk).update(created_at=LONG_AGO)
    stuck.refresh_from_db()
    assert jobs.shown_state(stuck) == ReportJob.State.FAILED


def test_asking_twice_gives_one_job_and_old_jobs_are_purged(
    team: Any, facilitator: Any, background: list[int], django_capture_on_commit_callbacks: Any
) -> None:
    from beraad.insights import stats
    from beraad.privacy.retention import apply_retention

    period = stats.Period(date(2026, 1, 1), date(2026, 6, 30))
    with django_capture_on_commit_callbacks(execute=True):
        first = jobs.submit(team, facilitator.user, period, "nl")
        second = jobs.submit(team, facilitator.user, period, "nl")
    assert first.pk == second.pk and background == [first.pk]
    ReportJob.objects.filter(pk=first.pk).update(created_at=LONG_AGO, content=b"%PDF")
    apply_retention()
    assert not ReportJob.objects.exists()
