"""Insights' background task: the weekly rebuild of the search entries (derived data)."""

from __future__ import annotations

from beraad.insights import index
from beraad.web.tasks import UPKEEP, task, without_case_text


@task(priority=UPKEEP)
@without_case_text
def rebuild_search_index() -> int:
    """Rebuild every deliberation's search entry; returns how many. The entries are kept up to
    date as deliberations change; the rebuild repairs whatever a change did not reach."""
    return index.rebuild_all()
