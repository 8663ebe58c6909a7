"""Insights' background tasks: the weekly rebuilds of its derived data (the search entries and
the organisation overview's monthly tallies)."""

from __future__ import annotations

from beraad.insights import index, tallies
from beraad.web.tasks import UPKEEP, task, without_case_text


@task(priority=UPKEEP)
@without_case_text
def rebuild_search_index() -> int:
    """Rebuild every deliberation's search entry; returns how many. The entries are kept up to
    date as deliberations change; the rebuild repairs whatever a change did not reach."""
    return index.rebuild_all()


@task(priority=UPKEEP)
@without_case_text
def rebuild_tallies() -> dict[str, int]:
    """Recompute every team's monthly tallies from the deliberations, every organisation's from
    its teams', and every organisation's days; returns how many team and organisation months and
    organisation days were looked at and how many were not up to date. The tallies are kept up to date as deliberations change; the rebuild
    repairs rows written behind the change signals' back (raw SQL, bulk inserts)."""
    result = tallies.rebuild_tallies()
    return {
        "rows": result.rows,
        "changed": result.changed,
        "organisation_rows": result.organisation_rows,
        "organisation_changed": result.organisation_changed,
        "organisation_day_rows": result.organisation_day_rows,
        "organisation_day_changed": result.organisation_day_changed,
    }
