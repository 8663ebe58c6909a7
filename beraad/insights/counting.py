"""Counting deliberations from the raw rows into tallies: what the stored tallies are
recomputed from (``tallies`` per team and month, ``org_days`` per organisation and day)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from django.db.models import F, Q

from beraad.deliberation.models import Effect, Status
from beraad.insights.monthly import (
    ID_CHUNK,
    IN_PROGRESS,
    Key,
    Models,
    Tally,
    chunks,
    models,
    month_of,
)


def team_month(team_id: int, held_on: date) -> Key:
    return team_id, month_of(held_on)


def count(
    where: Q, *, apps: Any = None, key: Callable[[int, date], Key] = team_month
) -> tuple[dict[Key, Tally], dict[int, Key]]:
    """The tallies of the deliberations matching ``where`` (practice ones left out), per team and
    month (or per ``key(team id, day held)``), and where each was counted: eight queries for up
    to ``ID_CHUNK`` deliberations."""
    m = models(apps)
    tallies: dict[Key, Tally] = defaultdict(Tally)
    key_of: dict[int, Key] = {}
    day_of: dict[int, int] = {}
    concluded: list[int] = []
    status_concluded = str(Status.CONCLUDED)
    for did, team_id, held_on, status, outcome in (
        m.Deliberation.objects.filter(where, is_practice=False)
        .values_list("id", "team_id", "held_on", "status", "outcome")
        .order_by()
    ):
        key_of[did] = key(team_id, held_on)
        day_of[did] = held_on.day
        tally = tallies[key_of[did]]
        tally.days[held_on.day] += 1
        if status == status_concluded:
            concluded.append(did)
            tally.outcomes[outcome or IN_PROGRESS] += 1
        else:
            tally.outcomes[IN_PROGRESS] += 1
    if not key_of:
        return {}, {}
    # Only the built-in values are counted (a team's own value is named in its own words). They
    # are told apart here rather than by a join, and the parts are read by id lists rather than
    # a subquery: both made SQLite read far more rows than needed.
    builtin = set(m.Value.objects.filter(team__isnull=True).values_list("id", flat=True))
    for ids in chunks(list(key_of), ID_CHUNK):
        for did, theme_id in m.Deliberation.themes.through.objects.filter(
            deliberation_id__in=ids
        ).values_list("deliberation_id", "theme_id"):
            tallies[key_of[did]].themes[theme_id] += 1
        # Each value and each kind counted once per deliberation.
        for did, value_id in set(
            m.ValueAtStake.objects.filter(deliberation_id__in=ids)
            .values_list("deliberation_id", "value_id")
            .order_by()
        ):
            if value_id in builtin:
                tallies[key_of[did]].values[value_id] += 1
        for did, kind in set(
            m.Stakeholder.objects.filter(deliberation_id__in=ids)
            .values_list("deliberation_id", "kind")
            .order_by()
        ):
            tallies[key_of[did]].kinds[kind] += 1
        for did, done, due in (
            m.Action.objects.filter(deliberation_id__in=ids)
            .values_list("deliberation_id", "done", "due")
            .order_by()
        ):
            if done:
                tallies[key_of[did]].done += 1
            else:
                when = due.isoformat() if due else ""
                tallies[key_of[did]].open[when] += 1
                tallies[key_of[did]].open_days[(day_of[did], when)] += 1
    for ids in chunks(concluded, ID_CHUNK):
        for did, pairs in _pairs(m, ids, builtin).items():
            tallies[key_of[did]].pairs.update(pairs)
    return dict(tallies), key_of


def _pairs(
    m: Models, concluded: Sequence[int], builtin: set[int]
) -> dict[int, set[tuple[int, int]]]:
    """Per concluded deliberation, the built-in value pairs in tension: values the chosen option
    serves against those it harms, and values behind horn A against those behind horn B."""
    sides: dict[str, dict[int, set[int]]] = {name: defaultdict(set) for name in "shab"}
    serves = str(Effect.SERVES)
    for did, value_id, effect in (
        m.OptionEffect.objects.filter(
            option__deliberation_id__in=concluded,
            option__deliberation__chosen_option_id=F("option_id"),
            effect__in=[Effect.SERVES, Effect.HARMS],
        )
        .values_list("option__deliberation_id", "value_id", "effect")
        .order_by()
    ):
        if value_id in builtin:
            sides["s" if effect == serves else "h"][did].add(value_id)
    for side, through in (
        ("a", m.Deliberation.values_a.through),
        ("b", m.Deliberation.values_b.through),
    ):
        for did, value_id in (
            through.objects.filter(deliberation_id__in=concluded)
            .values_list("deliberation_id", "value_id")
            .order_by()
        ):
            if value_id in builtin:
                sides[side][did].add(value_id)
    found: dict[int, set[tuple[int, int]]] = {}
    for did in sides["s"].keys() | sides["a"].keys():
        found[did] = {
            (min(one, other), max(one, other))
            for left, right in (("s", "h"), ("a", "b"))
            for one in sides[left].get(did, ())
            for other in sides[right].get(did, ())
            if one != other
        }
    return found
