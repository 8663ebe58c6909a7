"""Monthly tallies per organisation: the sum of its teams' ``TeamMonth`` counts in one month
(training teams left out), so that the organisation overview's figures read one row per month
instead of one per team and month.

Derived from the team months, never from the deliberations: whenever a team month's counts
change (``tallies._refresh`` and ``tallies.rebuild_tallies``), the organisation months it counts
towards are locked, after the team months and in one order, and recomputed from the team months
in the same transaction. Under the lock a new statement reads the team months as committed by
then (PostgreSQL's READ COMMITTED; SQLite holds the write lock anyway), so two teams' saves in one
month cannot lose each other's counts. A team that moves to another organisation, or is deleted,
recomputes its organisations' months. ``rebuild()`` (called by ``rebuild_tallies``) repairs rows
changed behind the signals' back.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_save

from beraad.insights import org_days
from beraad.insights.monthly import (
    BATCH,
    Key,
    Models,
    Tally,
    lock_rows,
    models,
    organisations_of,
    rows_where,
)

OrgKey = tuple[int, date]  # (organisation id, first day of the month)


def _lock(m: Models, keys: set[OrgKey]) -> dict[OrgKey, Any]:
    return lock_rows(m.OrganisationMonth, keys, "organisation_id")


def summed(m: Models, keys: Iterable[OrgKey]) -> dict[OrgKey, Tally]:
    """The sums of the team months of these organisation months (training teams left out)."""
    found: dict[OrgKey, Tally] = defaultdict(Tally)
    for org_id, month, counts in (
        m.TeamMonth.objects.filter(
            rows_where(keys, "team__organisation_id"), team__is_training=False
        )
        .values_list("team__organisation_id", "month", "counts")
        .order_by()
    ):
        found[(org_id, month)].add(Tally.from_counts(counts))
    return dict(found)


def _recompute(m: Models, keys: set[OrgKey]) -> tuple[int, set[OrgKey], list[int]]:
    """Lock and recompute these organisation months; returns how many rows were looked at, the
    keys of those that changed, and the ids of those no team month counts towards."""
    if not keys:
        return 0, set(), []
    rows = _lock(m, keys)
    fresh = summed(m, rows)
    changed: set[OrgKey] = set()
    for key, row in rows.items():
        counts = (fresh.get(key) or Tally()).to_counts()
        if row.counts != counts:
            row.counts = counts
            changed.add(key)
    m.OrganisationMonth.objects.bulk_update(
        [rows[key] for key in changed], ["counts"], batch_size=BATCH
    )
    return len(rows), changed, [row.pk for key, row in rows.items() if key not in fresh]


def refresh(m: Models, team_keys: Iterable[Key]) -> None:
    """Recompute the organisation months that these (changed) team months count towards. Called
    with the team months locked, in their transaction."""
    keys = set(team_keys)
    if not keys:
        return
    organisation_of = organisations_of(m, {t for t, _month in keys})
    _recompute(m, {(organisation_of[t], month) for t, month in keys if t in organisation_of})


def _months_of(m: Models, org_id: int) -> set[OrgKey]:
    """Every month an organisation has a row for, or one of its teams has."""
    keys = {
        (org_id, month)
        for month in m.OrganisationMonth.objects.filter(organisation_id=org_id).values_list(
            "month", flat=True
        )
    }
    keys |= {
        (org_id, month)
        for month in m.TeamMonth.objects.filter(
            team__organisation_id=org_id, team__is_training=False
        )
        .values_list("month", flat=True)
        .distinct()
    }
    return keys


def recompute_organisation(org_id: int, *, apps: Any = None) -> None:
    """Recompute all months and days of one organisation (a team moved in or out, or was
    deleted): its days are counted again from all its deliberations."""
    m = models(apps)
    with transaction.atomic():
        _recompute(m, _months_of(m, org_id))
        org_days.recount_organisation(m, org_id)


@dataclass
class Rebuilt:
    months: int = 0  # organisation-month rows looked at
    months_changed: int = 0  # of which the counts were not the sum of the team months
    days: int = 0  # organisation-day rows looked at
    days_changed: int = 0  # of which the counts were not what the deliberations say


def rebuild(m: Models, *, dry_run: bool = False) -> Rebuilt:
    """Recompute every organisation's months from its team months and its days from its
    deliberations, one transaction per organisation; rows without any deliberation go."""
    result = Rebuilt()
    org_ids = (
        set(m.OrganisationMonth.objects.values_list("organisation_id", flat=True).distinct())
        | set(m.OrganisationDay.objects.values_list("organisation_id", flat=True).distinct())
        | set(m.Team.objects.values_list("organisation_id", flat=True).distinct())
    )
    for org_id in sorted(org_ids):
        with transaction.atomic():
            n, found, empty = _recompute(m, _months_of(m, org_id))
            result.months, result.months_changed = (
                result.months + n,
                result.months_changed + len(found),
            )
            days, days_changed, empty_days = org_days.recount_organisation(m, org_id)
            result.days, result.days_changed = (
                result.days + days,
                result.days_changed + days_changed,
            )
            if dry_run:
                transaction.set_rollback(True)
                continue
            m.OrganisationMonth.objects.filter(pk__in=empty).delete()
            m.OrganisationDay.objects.filter(pk__in=empty_days).delete()
    return result


# A team's organisation (or whether it is a training team) as it was before a save.
_BEFORE = "_org_tallies_before"
_READS = frozenset({"organisation", "organisation_id", "is_training"})


def _team_saving(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if raw or instance.pk is None or (fields is not None and not set(fields) & _READS):
        return
    setattr(
        instance,
        _BEFORE,
        sender.objects.filter(pk=instance.pk).values_list("organisation_id", "is_training").first(),
    )


def _team_saved(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    before = instance.__dict__.pop(_BEFORE, None)
    if raw or before is None or before == (instance.organisation_id, instance.is_training):
        return
    for org_id in sorted({before[0], instance.organisation_id}):
        recompute_organisation(org_id)


def _team_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Its team months went with it (CASCADE); its organisation's months still count them.
    recompute_organisation(instance.organisation_id)


def connect_signals() -> None:
    team = models().Team
    pre_save.connect(_team_saving, sender=team, dispatch_uid="insights-org-tallies-saving")
    post_save.connect(_team_saved, sender=team, dispatch_uid="insights-org-tallies-saved")
    post_delete.connect(_team_deleted, sender=team, dispatch_uid="insights-org-tallies-deleted")
