"""Period reports over many deliberations are made by a background task (``tasks.py``), so no
request waits on them and a restart loses nothing: the job and its task are rows in the database,
and any ``db_worker`` that reaches the database makes the report. The person sees the task's
state (queued, running, done, failed) on a page that refreshes itself, with or without JavaScript.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from beraad.accounts.models import Team
from beraad.insights import stats
from beraad.reports import team as team_report
from beraad.reports.models import ReportJob
from beraad.web.tasks import TaskResult, TaskResultDoesNotExist, TaskState, state_of

# Above this many deliberations in the period, the report is made in the background (the
# benchmark: about 2 s for 100 deliberations on this machine, against a target of 3 s).
BACKGROUND_ABOVE = 120
KEEP = timedelta(days=1)
# Still waiting after this long: the page says it takes longer than usual (a worker may be down).
SLOW_AFTER = timedelta(minutes=10)


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


def result_of(job: ReportJob) -> TaskResult | None:
    from beraad.reports.tasks import make_period_report

    if not job.task_id:
        return None
    try:
        return make_period_report.get_result(job.task_id)
    except TaskResultDoesNotExist:
        return None


def state(job: ReportJob) -> TaskState:
    return state_of(result_of(job))


def submit(team: Team, user: Any, period: stats.Period, language: str) -> ReportJob:
    """A job for this report, and its task on the queue (both stored, or neither)."""
    from beraad.reports.tasks import make_period_report

    same = {
        "team": team,
        "requested_by": user,
        "start": period.start,
        "end": period.end,
        "by": period.by,
    }
    waiting = (
        ReportJob.objects.filter(**same, content=None, created_at__gte=timezone.now() - KEEP)
        .order_by("-created_at")
        .first()
    )
    if waiting is not None and state(waiting) in (TaskState.QUEUED, TaskState.RUNNING):
        return waiting  # asked twice: the same job, not a second task
    with transaction.atomic():
        job = ReportJob.objects.create(**same, language=language)
        job.task_id = make_period_report.enqueue(job.pk).id
        job.save(update_fields=["task_id"])
    return job
