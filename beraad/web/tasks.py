"""What every app's background tasks share: the task framework's entry points, the four states a
person sees, and errors that keep case text out of the stored result and the log.

Beraad runs on Django 5.2, so the task framework comes from django-tasks, the backport of Django
6's ``django.tasks``. Every app imports it from here: moving to Django 6 is this one import.
Only the API that ``django.tasks`` has is used (``task``, ``TaskResult``, ``TaskResultStatus``,
``TaskResultDoesNotExist``); the database backend's own model is read in ``beraad.ops`` only.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec, TypeVar

from django.db import models
from django.utils.translation import pgettext_lazy
from django_tasks import TaskResult, TaskResultStatus, task
from django_tasks.exceptions import TaskResultDoesNotExist

__all__ = [
    "OWNER_QUEUE",
    "TaskFailed",
    "TaskResult",
    "TaskResultDoesNotExist",
    "TaskResultStatus",
    "TaskState",
    "state_of",
    "task",
    "without_case_text",
]

P = ParamSpec("P")
T = TypeVar("T")

# Priorities (the database backend runs higher ones first): someone waits for a report;
# nobody waits for the nightly upkeep.
PERSON_WAITING = 10
UPKEEP = 0
# The queue of tasks that need the database owner's rights (the access-log purge: the application's
# own PostgreSQL role may not delete log entries, docs/postgresql-roles.sql). Where the application
# connects as a non-owner role, its workers leave this queue out (`db_worker --exclude-queues owner`)
# and a worker connected as the owner runs it (`db_worker --queue-name owner --batch`, daily).
OWNER_QUEUE = "owner"


class TaskState(models.TextChoices):
    """The state of background work as a person sees it. Every page that shows a task's state
    takes its words from here (``templates/web/includes/_task_state.html``)."""

    QUEUED = "queued", pgettext_lazy("task state", "Queued")
    RUNNING = "running", pgettext_lazy("task state", "Running")
    DONE = "done", pgettext_lazy("task state", "Done")
    FAILED = "failed", pgettext_lazy("task state", "Failed")


_STATES = {
    TaskResultStatus.READY: TaskState.QUEUED,
    TaskResultStatus.RUNNING: TaskState.RUNNING,
    TaskResultStatus.SUCCESSFUL: TaskState.DONE,
    TaskResultStatus.FAILED: TaskState.FAILED,
}


def state_of(result: TaskResult | None) -> TaskState:
    """The task's state; a result that no longer exists (pruned) counts as failed."""
    if result is None:
        return TaskState.FAILED
    return _STATES.get(TaskResultStatus(result.status), TaskState.FAILED)


class TaskFailed(Exception):
    """Raised in place of a task's real error, naming only its type.

    The task framework stores a failed task's traceback in the database and logs it; an error's
    message can quote stored data (PostgreSQL's constraint errors quote the row). The type and the
    lines of our own code that raised it are enough to find the cause."""


def without_case_text(func: Callable[P, T]) -> Callable[P, T]:
    """Put under ``@task()``: an error in the task is logged and stored by its type only."""

    @wraps(func)
    def run(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return func(*args, **kwargs)
        except Exception as error:
            # The worker logs the failure with this traceback: our frames and the type's name.
            raise TaskFailed(type(error).__name__) from None

    return run
