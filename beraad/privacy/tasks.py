"""Privacy's background task: retention, enqueued daily by ``manage.py run_periodic``."""

from __future__ import annotations

from beraad.privacy import retention
from beraad.web.tasks import UPKEEP, task, without_case_text


@task(priority=UPKEEP)
@without_case_text
def apply_retention() -> dict[str, int]:
    """Erase the free texts whose retention period has passed; returns counts, never text."""
    report = retention.apply_retention()
    return {"deliberations": report.deliberations, **dict(sorted(report.texts.items()))}
