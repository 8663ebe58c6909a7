"""The task queue's upkeep, on django-tasks-db's table (the one module that reads it directly).

A worker that is killed (SIGKILL, out of memory, the machine gone) leaves the task it was running
marked RUNNING for ever: the backend has no lease (django-tasks issue #46). ``recover_interrupted``
puts such a task back in the queue, so it runs again, and gives up after ``TASK_MAX_ATTEMPTS``
workers stopped under it. A task counts as interrupted when

- the worker starting now has the same ``--worker-id`` as the one that was running it (a
  restarted worker with a fixed id knows its predecessor is gone), or
- it has been running for longer than ``TASK_RUNNING_LIMIT_MINUTES`` (its worker is presumed gone;
  ``run_periodic`` checks this every time it runs).

Every Beraad task may run twice (reports are made again, retention and purges find nothing left
to do, the index is rebuilt again), so putting one back is safe.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from beraad.web.tasks import OWNER_QUEUE, TaskResultStatus


class WorkerLost(Exception):
    """Stored as the error of a task whose workers kept stopping before it finished."""


@dataclass
class Recovered:
    requeued: int = 0
    failed: int = 0


def running_limit() -> timedelta:
    return timedelta(minutes=settings.TASK_RUNNING_LIMIT_MINUTES)


def recover_interrupted(*, worker_id: str = "", now: datetime | None = None) -> Recovered:
    """Put tasks whose worker stopped halfway back in the queue (see the module's docstring)."""
    now = now or timezone.now()
    recovered = Recovered()
    started_before = now - running_limit()
    for row in DBTaskResult.objects.running().order_by("started_at"):
        own = bool(worker_id) and bool(row.worker_ids) and row.worker_ids[-1] == worker_id
        stale = row.started_at is None or row.started_at < started_before
        if not (own or stale):
            continue
        still = DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        )
        if len(row.worker_ids) >= settings.TASK_MAX_ATTEMPTS:
            recovered.failed += still.update(
                status=TaskResultStatus.FAILED,
                finished_at=now,
                exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                traceback=(
                    f"WorkerLost: the worker running this task stopped {len(row.worker_ids)} "
                    "times before it finished."
                ),
            )
        else:
            recovered.requeued += still.update(status=TaskResultStatus.READY, started_at=None)
    return recovered


def oldest_waiting(now: datetime | None = None) -> timedelta | None:
    """How long the task that has waited longest to start has waited (None: nothing waits).

    The owner's queue is left out: where it has a worker of its own, that runs once a day."""
    oldest = (
        DBTaskResult.objects.ready()
        .exclude(queue_name=OWNER_QUEUE)
        .order_by("enqueued_at")
        .values_list("enqueued_at", flat=True)
        .first()
    )
    return None if oldest is None else max((now or timezone.now()) - oldest, timedelta(0))


def prune_finished(now: datetime | None = None) -> int:
    """Finished task results older than ``TASK_RESULTS_DAYS`` days go; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.TASK_RESULTS_DAYS)
    count, _deleted = DBTaskResult.objects.finished().filter(finished_at__lt=cutoff).delete()
    return count


def last_enqueued(task_path: str) -> DBTaskResult | None:
    return DBTaskResult.objects.filter(task_path=task_path).order_by("-enqueued_at").first()


def unfinished(task_path: str) -> bool:
    return (
        DBTaskResult.objects.filter(task_path=task_path)
        .filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING])
        .exists()
    )


def batch_worker(worker_id: str) -> Worker:
    """django-tasks-db's worker in batch mode over every queue: ``run()`` does every queued task in
    this process, then returns (``run_periodic --in-process``, the tests' ``run_tasks``)."""
    return Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
