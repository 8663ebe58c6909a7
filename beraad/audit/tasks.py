"""The access log's background task, enqueued daily by ``manage.py run_periodic``."""

from __future__ import annotations

from beraad.audit import purge
from beraad.web.tasks import OWNER_QUEUE, UPKEEP, task, without_case_text


# Deleting log entries needs the owner's rights on PostgreSQL with two roles: its own queue.
@task(priority=UPKEEP, queue_name=OWNER_QUEUE)
@without_case_text
def purge_access_log() -> int:
    """Delete entries older than the retention period; returns how many. A broken chain is not
    purged: the task fails (ChainBroken) and ``verify_access_log`` says where."""
    return purge.purge_access_log()
