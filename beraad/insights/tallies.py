"""Monthly tallies per team: what the organisation overview reads instead of every deliberation.

One ``TeamMonth`` row per team and month holds the counts the overview shows (deliberations per
day, themes, built-in values at stake, stakeholder kinds, built-in value pairs in tension,
outcomes, actions done and open by due date). Practice deliberations are not counted.

The core announces every change (``deliberation.signals.deliberation_changed``, deletions
included); the rows of the months the changed deliberations were in and are in now are then
recomputed from the deliberations themselves, in the same transaction. Recomputing, rather than
adding and subtracting, heals any drift, and each row is locked before it is recomputed, so two
saves at once cannot lose a count (SQLite: the IMMEDIATE transaction already holds the write
lock). ``TallyMark`` remembers where each deliberation was counted, so a change of its date or
team (or its deletion) recomputes the month it leaves too.

Each row also keeps, as plain columns, what the overview's per-team table adds up in the
database: ``held`` and ``last_day``, and the actions not done per due date as ``TeamMonthDue``
rows. Whenever a row's counts change, the organisation months it counts towards are recomputed
from the team months in the same transaction (``org_tallies``).

``rebuild_tallies()`` recomputes everything from scratch (safe at any time; the management
command ``rebuild_tallies``, the weekly task and the data migration call it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import reduce
from operator import or_
from typing import Any

from django.db import connection, transaction
from django.db.models import Q

from beraad.deliberation import signals
from beraad.deliberation.models import Deliberation
from beraad.insights import org_days, org_tallies
from beraad.insights.counting import count
from beraad.insights.monthly import (
    BATCH,
    IN_PROGRESS,
    Key,
    Models,
    Tally,
    apps_of,
    chunks,
    lock_rows,
    models,
    month_end,
    month_of,
    next_month,
    rows_where,
)

__all__ = ["IN_PROGRESS", "Key", "Tally", "count", "month_end", "month_of", "next_month"]


def _where(keys: Iterable[Key]) -> Q:
    """Deliberations of these teams in these months (the months' span per team: a superset)."""
    months: dict[int, list[date]] = defaultdict(list)
    for team_id, month in keys:
        months[team_id].append(month)
    return reduce(
        or_,
        (
            Q(team_id=team_id, held_on__gte=min(found), held_on__lt=next_month(max(found)))
            for team_id, found in months.items()
        ),
        Q(pk__in=[]),
    )


def _rows_where(keys: Iterable[Key]) -> Q:
    """The team-month rows of exactly these (team, month) keys."""
    return rows_where(keys, "team_id")


def _lock(m: Models, keys: set[Key]) -> dict[Key, Any]:
    return lock_rows(m.TeamMonth, keys, "team_id")


STORED = ["counts", "first_day", "last_day", "held"]


def _store(
    m: Models, rows: dict[Key, Any], fresh: dict[Key, Tally], *, check_dues: bool = False
) -> set[Key]:
    """Write the fresh counts into the locked rows, and their actions not done per due date;
    returns the keys of the rows that changed (with ``check_dues``, also those whose due-date
    rows were not what their counts say: a rebuild looks, a save trusts them)."""
    changed: set[Key] = set()
    for key, row in rows.items():
        tally = fresh.get(key) or Tally()
        month = key[1]
        stored = (tally.to_counts(), tally.first_day(month), tally.last_day(month), tally.held)
        if (row.counts, row.first_day, row.last_day, row.held) != stored:
            row.counts, row.first_day, row.last_day, row.held = stored
            changed.add(key)
    m.TeamMonth.objects.bulk_update([rows[k] for k in changed], STORED, batch_size=BATCH)
    if check_dues and rows:
        dues: dict[Key, dict[tuple[int, date | None], int]] = defaultdict(dict)
        for team_id, month, day, due, n in m.TeamMonthDue.objects.filter(
            _rows_where(rows)
        ).values_list("team_id", "month", "day", "due", "open"):
            found = dues[(team_id, month)]
            found[(day, due)] = found.get((day, due), 0) + n
        changed |= {key for key in rows if dues.get(key, {}) != (fresh.get(key) or Tally()).dues()}
    if changed:
        m.TeamMonthDue.objects.filter(_rows_where(changed)).delete()
        m.TeamMonthDue.objects.bulk_create(
            [
                m.TeamMonthDue(team_id=key[0], month=key[1], day=day, due=due, open=n)
                for key in sorted(changed)
                if key in fresh
                for (day, due), n in fresh[key].dues().items()
            ],
            batch_size=BATCH,
        )
    return changed


def refresh(deliberation_ids: Iterable[int], *, apps: Any = None) -> None:
    """Recompute the months these deliberations were counted in and are in now."""
    ids = sorted(set(deliberation_ids))
    if not ids:
        return
    m = models(apps)
    with transaction.atomic():
        for chunk in chunks(ids):
            _refresh(m, chunk)


def _refresh(m: Models, ids: Sequence[int]) -> None:
    rows: dict[Key, Any] = {}
    while True:
        marks = {
            did: (team_id, month, day)
            for did, team_id, month, day in m.TallyMark.objects.filter(
                deliberation_id__in=ids
            ).values_list("deliberation_id", "team_id", "month", "day")
        }
        now = {
            did: (team_id, month_of(held_on), held_on)
            for did, team_id, held_on in m.Deliberation.objects.filter(
                id__in=ids, is_practice=False
            ).values_list("id", "team_id", "held_on")
        }
        wanted = {(t, month) for t, month, _day in (*marks.values(), *now.values())}
        if wanted <= rows.keys():
            break
        rows |= _lock(m, wanted - rows.keys())
        if not connection.features.has_select_for_update:
            break  # SQLite: nobody else writes until this transaction ends
        # PostgreSQL: another transaction may have moved one of them while we waited: look again.
    if rows:
        fresh, _key_of = count(_where(rows), apps=apps_of(m))
        # The organisation months these count towards, locked after the team months; then the
        # organisation days the deliberations were held on before and now.
        org_tallies.refresh(m, _store(m, rows, fresh))
        org_days.refresh(
            m, {(t, day) for t, _month, day in (*marks.values(), *now.values()) if day}
        )
    gone = [did for did in marks if did not in now]
    if gone:
        m.TallyMark.objects.filter(deliberation_id__in=gone).delete()
    moved = [
        m.TallyMark(deliberation_id=did, team_id=team_id, month=month, day=day)
        for did, (team_id, month, day) in now.items()
        if marks.get(did) != (team_id, month, day)
    ]
    if moved:
        m.TallyMark.objects.bulk_create(
            moved,
            update_conflicts=True,
            unique_fields=["deliberation"],
            update_fields=["team", "month", "day"],
        )


@dataclass
class RebuildResult:
    rows: int = 0  # team-month rows looked at
    changed: int = 0  # of which the counts were not what the deliberations say
    organisation_rows: int = 0  # organisation-month rows looked at
    organisation_changed: int = 0  # of which the counts were not the sum of the team months
    organisation_day_rows: int = 0  # organisation-day rows looked at
    organisation_day_changed: int = 0  # of which the counts were not what the deliberations say


def rebuild_tallies(
    *, dry_run: bool = False, teams_per_batch: int = 10, apps: Any = None
) -> RebuildResult:
    """Recompute every team's monthly tallies (and where each deliberation is counted) from the
    deliberations. Safe at any time: one transaction per batch of teams, each row locked while it
    is recomputed. With ``dry_run``, only says how many rows were not up to date."""
    m = models(apps)
    result = RebuildResult()
    team_ids = list(m.Team.objects.order_by("id").values_list("id", flat=True))
    for batch in chunks(team_ids, teams_per_batch):
        with transaction.atomic():
            keys = set(
                m.TeamMonth.objects.filter(team_id__in=batch).values_list("team_id", "month")
            )
            held_on: dict[int, date] = {}
            for did, team_id, day in (
                m.Deliberation.objects.filter(team_id__in=batch, is_practice=False)
                .values_list("id", "team_id", "held_on")
                .order_by()
            ):
                keys.add((team_id, month_of(day)))
                held_on[did] = day
            keys |= set(
                m.TeamMonthDue.objects.filter(team_id__in=batch).values_list("team_id", "month")
            )
            rows = _lock(m, keys)
            fresh, key_of = count(Q(team_id__in=batch), apps=apps_of(m))
            result.rows += len(rows)
            changed = _store(m, rows, fresh, check_dues=True)
            result.changed += len(changed)
            org_tallies.refresh(m, changed)
            if dry_run:
                transaction.set_rollback(True)
                continue
            # Empty months go (a row for a month without deliberations is no use to anyone).
            m.TeamMonth.objects.filter(
                pk__in=[row.pk for key, row in rows.items() if key not in fresh]
            ).delete()
            m.TallyMark.objects.filter(team_id__in=batch).exclude(
                deliberation_id__in=list(key_of)
            ).delete()
            m.TallyMark.objects.bulk_create(
                [
                    m.TallyMark(
                        deliberation_id=did, team_id=key[0], month=key[1], day=held_on.get(did)
                    )
                    for did, key in key_of.items()
                ],
                update_conflicts=True,
                unique_fields=["deliberation"],
                update_fields=["team", "month", "day"],
                batch_size=BATCH,
            )
    if not dry_run:
        # Marks of deliberations deleted behind the signals' back.
        m.TallyMark.objects.exclude(
            deliberation_id__in=m.Deliberation.objects.values("id")
        ).delete()
    # The organisation months are recomputed above as their team months change; this repairs
    # those changed behind the signals' back (in a dry run: compared with the stored team
    # months), and recounts every organisation day.
    rebuilt = org_tallies.rebuild(m, dry_run=dry_run)
    result.organisation_rows, result.organisation_changed = rebuilt.months, rebuilt.months_changed
    result.organisation_day_rows = rebuilt.days
    result.organisation_day_changed = rebuilt.days_changed
    return result


# What the tallies read: a change of any other part (questions, choices, ratings …) is ignored.
READS: set[type[Any]] = set()
# The deliberation's own fields they read: a save that names only other fields (autosave of a
# text) leaves the tallies as they are. Its many-to-many links announce themselves.
FIELDS_READ = frozenset({"team", "held_on", "status", "outcome", "is_practice", "chosen_option"})


def _changed(
    sender: Any,
    deliberation_ids: frozenset[int],
    fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    if sender not in READS:
        return
    if sender is Deliberation and fields is not None and not fields & FIELDS_READ:
        return
    refresh(deliberation_ids)


def connect_signals() -> None:
    m = models()
    from beraad.deliberation.models import Option

    READS.clear()
    READS.update({m.Deliberation, m.ValueAtStake, m.Stakeholder, m.Action, m.OptionEffect, Option})
    signals.deliberation_changed.connect(_changed, dispatch_uid="insights-tallies")
    org_tallies.connect_signals()
