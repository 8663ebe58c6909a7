"""Daily tallies per organisation: the counts of its deliberations held on one day (training
teams and practice deliberations left out), in the shape of a month's. The overview reads them
for the part of a month inside (or outside) a period that starts or ends in the middle of it,
instead of that part's deliberations, so that its cost does not grow with the organisation.

Counted from the deliberations of that day, never from other tallies: whenever a deliberation
is counted again (``tallies._refresh``), the days it was held on before and now are locked, after
the team and organisation months and in one order, and recounted in the same transaction. Under
the lock a new statement sees what the other writers of that day committed (PostgreSQL's READ
COMMITTED; SQLite holds the write lock anyway). A team that moves to another organisation, or is
deleted, recounts its organisations' days (``org_tallies.recompute_organisation``);
``rebuild()`` repairs rows changed behind the signals' back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Q

from beraad.insights.counting import count
from beraad.insights.monthly import (
    BATCH,
    Models,
    Tally,
    apps_of,
    chunks,
    lock_rows,
    organisations_of,
)

DayKey = tuple[int, date]  # (organisation id, day)


def _count(m: Models, keys: set[DayKey]) -> dict[DayKey, Tally]:
    """The tallies of these organisation days, counted from their deliberations."""
    days: dict[int, list[date]] = defaultdict(list)
    for org_id, day in keys:
        days[org_id].append(day)
    where = reduce(
        or_,
        (
            Q(team__organisation_id=org_id, team__is_training=False, held_on__in=found)
            for org_id, found in days.items()
        ),
        Q(pk__in=[]),
    )
    # The teams of these organisations, read once rather than per deliberation.
    organisation_of = dict(
        m.Team.objects.filter(organisation_id__in=days, is_training=False).values_list(
            "id", "organisation_id"
        )
    )

    def key(team_id: int, held_on: date) -> DayKey:
        return organisation_of[team_id], held_on

    fresh, _key_of = count(where, apps=apps_of(m), key=key)
    return fresh


def _recount(m: Models, keys: set[DayKey]) -> tuple[int, int, list[int]]:
    """Lock and recount these organisation days; returns how many rows were looked at, how many
    changed, and the ids of those without any deliberation."""
    if not keys:
        return 0, 0, []
    rows: dict[DayKey, Any] = {}
    for chunk in chunks(sorted(keys)):
        rows |= lock_rows(m.OrganisationDay, set(chunk), "organisation_id", on="day")
    fresh: dict[DayKey, Tally] = {}
    for chunk in chunks(sorted(keys), 2000):
        fresh |= _count(m, set(chunk))
    changed = []
    for key, row in rows.items():
        counts = (fresh.get(key) or Tally()).to_counts()
        if row.counts != counts:
            row.counts = counts
            changed.append(row)
    m.OrganisationDay.objects.bulk_update(changed, ["counts"], batch_size=BATCH)
    return len(rows), len(changed), [row.pk for key, row in rows.items() if key not in fresh]


def refresh(m: Models, team_days: Iterable[tuple[int, date]]) -> None:
    """Recount the organisation days of these (team, day held) pairs, in the caller's
    transaction (after the team and organisation months are locked)."""
    pairs = set(team_days)
    if not pairs:
        return
    organisation_of = organisations_of(m, {team_id for team_id, _day in pairs})
    _recount(m, {(organisation_of[t], day) for t, day in pairs if t in organisation_of})


def days_of(m: Models, org_id: int) -> set[DayKey]:
    """Every day an organisation has a row for, or one of its teams held a deliberation on."""
    keys = {
        (org_id, day)
        for day in m.OrganisationDay.objects.filter(organisation_id=org_id).values_list(
            "day", flat=True
        )
    }
    keys |= {
        (org_id, day)
        for day in m.Deliberation.objects.filter(
            team__organisation_id=org_id, team__is_training=False, is_practice=False
        )
        .values_list("held_on", flat=True)
        .order_by()
        .distinct()
    }
    return keys


def recount_organisation(m: Models, org_id: int) -> tuple[int, int, list[int]]:
    """Recount every day of one organisation (in the caller's transaction)."""
    return _recount(m, days_of(m, org_id))
