"""The periodic work and how often it is due. ``manage.py run_periodic`` (from cron or a systemd
timer, every 15 minutes) enqueues whatever is due; a ``db_worker`` does it.

A job is due when no task of its kind was enqueued within its interval (less a few minutes, so a
once-a-day timer that fires a little early still runs it) and none is still waiting or running.
The task results themselves are the record of what ran when: nothing else is stored. They are
kept ``TASK_RESULTS_DAYS`` days (14), longer than the longest interval.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from beraad.audit.tasks import purge_access_log
from beraad.insights.tasks import rebuild_search_index, rebuild_tallies
from beraad.ops import queue
from beraad.ops.tasks import prune_task_results
from beraad.privacy.tasks import apply_retention
from beraad.reports.tasks import purge_report_files

SLACK = timedelta(minutes=5)
# Any constant: run_periodic started on two machines at once enqueues each job once.
_ADVISORY_LOCK = 0x42455241


@dataclass(frozen=True)
class Job:
    name: str
    task: Any  # a django-tasks Task
    every: timedelta
    why: str


SCHEDULE = [
    Job(
        "retention",
        apply_retention,
        timedelta(days=1),
        "erase the free texts of deliberations past their organisation's retention period",
    ),
    Job(
        "report-files",
        purge_report_files,
        timedelta(hours=1),
        "remove period-report PDFs older than a day",
    ),
    Job(
        "access-log",
        purge_access_log,
        timedelta(days=1),
        "remove access-log entries older than BERAAD_ACCESS_LOG_YEARS years",
    ),
    Job(
        "search-index",
        rebuild_search_index,
        timedelta(days=7),
        "rebuild the search entries (kept current on every change; this repairs any missed)",
    ),
    Job(
        "tallies",
        rebuild_tallies,
        timedelta(days=7),
        "recompute the organisation overview's monthly tallies per team (kept current on every "
        "change; this repairs any missed)",
    ),
    Job(
        "task-results",
        prune_task_results,
        timedelta(days=1),
        "remove finished task results older than TASK_RESULTS_DAYS days",
    ),
]


def is_due(job: Job, now: datetime) -> bool:
    if queue.unfinished(job.task.module_path):
        return False  # one waiting is enough (a worker may be down: /healthz says so)
    last = queue.last_enqueued(job.task.module_path)
    return last is None or last.enqueued_at <= now - job.every + SLACK


def enqueue_due(
    *, now: datetime | None = None, everything: bool = False, dry_run: bool = False
) -> list[Job]:
    """Enqueue every due job (``everything``: every job); returns those enqueued (or due)."""
    now = now or timezone.now()
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK])
        # SQLite: the IMMEDIATE transaction already lets one writer in at a time.
        due = [job for job in SCHEDULE if everything or is_due(job, now)]
        if not dry_run:
            for job in due:
                job.task.enqueue()
    return due
