"""The queue's own upkeep as a task."""

from __future__ import annotations

from beraad.ops import queue
from beraad.web.tasks import UPKEEP, task, without_case_text


@task(priority=UPKEEP)
@without_case_text
def prune_task_results() -> int:
    """Remove finished task results older than TASK_RESULTS_DAYS days; returns how many."""
    return queue.prune_finished()
