"""Period reports over many deliberations are made in a background thread, so no request waits
on them; the person sees the state (waiting, being made, ready, failed) on a page that refreshes
itself, with or without JavaScript."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any

from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from beraad.accounts.models import Team
from beraad.insights import stats
from beraad.reports import team as team_report
from beraad.reports.models import ReportJob

logger = logging.getLogger(__name__)

# Above this many deliberations in the period, the report is made in the background (the
# benchmark: about 2 s for 100 deliberations on this machine, against a target of 3 s).
BACKGROUND_ABOVE = 120
KEEP = timedelta(days=1)
GIVE_UP_AFTER = timedelta(minutes=10)


def needs_background(team: Team, period: stats.Period) -> bool:
    return team_report.shareable(team, period).count() > BACKGROUND_ABOVE


def purge_expired() -> int:
    """Jobs older than a day go, with any report they hold (also after each retention run)."""
    count, _deleted = ReportJob.objects.filter(created_at__lt=timezone.now() - KEEP).delete()
    return count


def purge_after_retention(sender: Any, **kwargs: Any) -> dict[str, int]:
    """``retention_applied`` receiver: what retention's report counts as removed here."""
    purged = purge_expired()
    return {"reportjobs": purged} if purged else {}


def submit(team: Team, user: Any, period: stats.Period, language: str) -> ReportJob:
    purge_expired()
    waiting = ReportJob.objects.filter(
        team=team,
        requested_by=user,
        start=period.start,
        end=period.end,
        by=period.by,
        state__in=[ReportJob.State.QUEUED, ReportJob.State.RUNNING],
        created_at__gte=timezone.now() - GIVE_UP_AFTER,
    ).first()
    if waiting is not None:
        return waiting  # asked twice: the same job, not a second thread
    job = ReportJob.objects.create(
        team=team,
        requested_by=user,
        start=period.start,
        end=period.end,
        by=period.by,
        language=language,
    )
    transaction.on_commit(lambda: start(job.pk))
    return job


def start(job_id: int) -> None:
    threading.Thread(target=run, args=(job_id,), name=f"report-job-{job_id}", daemon=True).start()


def run(job_id: int) -> None:
    """The background thread: its own database connection, closed when done."""
    close_old_connections()
    try:
        make(job_id)
    finally:
        connection.close()  # this thread's own connection


def make(job_id: int) -> None:
    """Make the report of one job; safe to call twice (only a waiting job is taken)."""
    if not ReportJob.objects.filter(pk=job_id, state=ReportJob.State.QUEUED).update(
        state=ReportJob.State.RUNNING
    ):
        return
    try:
        job = ReportJob.objects.select_related("team").get(pk=job_id)
        period = stats.Period(job.start, job.end, job.by)
        content = team_report.render_pdf(job.team, period, job.language)
        ReportJob.objects.filter(pk=job_id).update(
            state=ReportJob.State.READY, content=content, finished_at=timezone.now()
        )
    except Exception as error:  # the person sees "failed"; the log gets no report content
        logger.error("Report job %s failed: %s", job_id, type(error).__name__)
        ReportJob.objects.filter(pk=job_id).update(
            state=ReportJob.State.FAILED, finished_at=timezone.now()
        )


def shown_state(job: ReportJob) -> str:
    """The state to show: a job whose worker vanished (a restart) counts as failed."""
    unfinished = job.state in (ReportJob.State.QUEUED, ReportJob.State.RUNNING)
    if unfinished and job.created_at < timezone.now() - GIVE_UP_AFTER:
        return ReportJob.State.FAILED
    return job.state
