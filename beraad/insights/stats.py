"""The figures behind the dashboards: a fixed number of grouped queries, whatever the volume."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Count, F, Max, Q, QuerySet
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from beraad.accounts.models import Team
from beraad.deliberation import catalogue
from beraad.deliberation.models import (
    Action,
    Deliberation,
    Effect,
    OptionEffect,
    Outcome,
    Stakeholder,
    Status,
    Value,
    ValueAtStake,
)

TOP = 10


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    by: str = "month"  # or "quarter"

    def bucket_of(self, day: date) -> date:
        month = day.month if self.by == "month" else (day.month - 1) // 3 * 3 + 1
        return date(day.year, month, 1)

    def buckets(self) -> list[date]:
        step = 1 if self.by == "month" else 3
        found, current = [], self.bucket_of(self.start)
        while current <= self.end:
            found.append(current)
            month = current.month - 1 + step
            current = date(current.year + month // 12, month % 12 + 1, 1)
        return found

    def label(self, bucket: date) -> str:
        if self.by == "quarter":
            return _("Q%(quarter)s %(year)s") % {
                "quarter": (bucket.month - 1) // 3 + 1,
                "year": bucket.year,
            }
        return formats.date_format(bucket, "N Y")  # "mei 2026": lower case in Dutch, as everywhere


@dataclass
class Ranked:
    key: str
    label: str | Promise
    count: int


@dataclass
class QuarterCadence:
    label: str
    held: int
    planned: int | None


@dataclass
class Cadence:
    weeks: int | None
    last_held: date | None
    next_due: date | None
    quarters: list[QuarterCadence] = field(default_factory=list)

    @property
    def overdue(self) -> bool:
        return self.next_due is not None and self.next_due < timezone.localdate()


@dataclass
class Figures:
    period: Period
    labels: list[str]
    held: list[int]
    themes: list[tuple[Ranked, list[int]]]
    values: list[Ranked]
    values_trend: list[tuple[Ranked, list[int]]]  # the top values, per month or quarter
    pairs: list[tuple[str | Promise, str | Promise, int]]
    kinds: list[Ranked]
    outcomes: dict[str, int]
    actions: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.held)


def _bucket_counts(period: Period, rows: Any, key: str = "bucket") -> list[int]:
    counts: Counter[date] = Counter()
    for row in rows:
        counts[period.bucket_of(_as_date(row[key]))] += row["n"]
    return [counts.get(bucket, 0) for bucket in period.buckets()]


def _as_date(value: Any) -> date:
    return value.date() if hasattr(value, "date") and callable(value.date) else value


def _value_labels(ids: set[int]) -> dict[int, Value]:
    return Value.objects.in_bulk(ids) if ids else {}


def value_pairs(
    concluded: QuerySet[Any, Any], builtin_only: bool = False
) -> Counter[tuple[int, int]]:
    """Per concluded deliberation, the value pairs in tension, each pair counted once:
    values the chosen option serves against those it harms, and values behind horn A against
    those behind horn B."""
    sides: dict[str, dict[int, set[int]]] = {name: defaultdict(set) for name in "shab"}
    effects = OptionEffect.objects.filter(
        option__deliberation__in=concluded,
        option__deliberation__chosen_option_id=F("option_id"),
        effect__in=[Effect.SERVES, Effect.HARMS],
        **({"value__team__isnull": True} if builtin_only else {}),
    ).values_list("option__deliberation_id", "value_id", "effect")
    serves = str(Effect.SERVES)
    for did, value_id, effect in effects:
        sides["s" if effect == serves else "h"][did].add(value_id)
    for side, through in (
        ("a", Deliberation.values_a.through),
        ("b", Deliberation.values_b.through),
    ):
        links = through.objects.filter(deliberation__in=concluded)
        if builtin_only:
            links = links.filter(value__team__isnull=True)
        for did, value_id in links.values_list("deliberation_id", "value_id"):
            sides[side][did].add(value_id)
    pairs: Counter[tuple[int, int]] = Counter()
    for did in sides["s"].keys() | sides["a"].keys():
        in_tension = {
            (min(one, other), max(one, other))
            for left, right in (("s", "h"), ("a", "b"))
            for one in sides[left].get(did, ())
            for other in sides[right].get(did, ())
            if one != other
        }
        pairs.update(in_tension)
    return pairs


def top_pairs(pairs: Counter[tuple[int, int]]) -> list[tuple[tuple[int, int], int]]:
    """The pairs most often in tension; among equal counts, in the order of the values' ids."""
    return sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:TOP]


def figures(
    deliberations: QuerySet[Deliberation], period: Period, *, builtin_values_only: bool = False
) -> Figures:
    """Everything the dashboard shows about these deliberations within the period.

    ``builtin_values_only`` leaves out the values teams named themselves: their names are the
    team's own words, which an organisation-wide view does not show.
    """
    # Practice deliberations (from the case library) are not the team's own work: left out.
    held = deliberations.filter(
        held_on__gte=period.start, held_on__lte=period.end, is_practice=False
    )
    ids = held.values("id")
    concluded = held.filter(status=Status.CONCLUDED).values("id")

    # Grouped by day in SQL (cheap on every database), into months or quarters here.
    per_bucket = held.values(bucket=F("held_on")).annotate(n=Count("id")).order_by()
    theme_rows = (
        Deliberation.themes.through.objects.filter(deliberation__in=ids)
        .values("theme__slug", bucket=F("deliberation__held_on"))
        .annotate(n=Count("id"))
        .order_by()
    )
    by_theme: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in theme_rows:
        by_theme[row["theme__slug"]].append(row)
    themes = []
    for slug, rows in by_theme.items():
        entry = catalogue.THEMES_BY_SLUG.get(slug)
        counts = _bucket_counts(period, rows)
        themes.append((Ranked(slug, entry.label if entry else slug, sum(counts)), counts))
    themes.sort(key=lambda item: (-item[0].count, item[0].key))

    at_stake = ValueAtStake.objects.filter(deliberation__in=ids)
    if builtin_values_only:
        at_stake = at_stake.filter(value__team__isnull=True)
    value_rows = list(
        at_stake.values("value_id")
        .annotate(n=Count("deliberation_id", distinct=True))
        .order_by("-n", "value_id")[:TOP]
    )
    pairs = top_pairs(value_pairs(concluded, builtin_values_only))
    labels = _value_labels(
        {row["value_id"] for row in value_rows} | {v for pair, _n in pairs for v in pair}
    )
    values = [
        Ranked(labels[row["value_id"]].slug, labels[row["value_id"]].label, row["n"])
        for row in value_rows
    ]
    # The five values most at stake, deliberations per day → per month or quarter.
    top_ids = [row["value_id"] for row in value_rows[:5]]
    per_value: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in (
        at_stake.filter(value_id__in=top_ids)
        .values("value_id", bucket=F("deliberation__held_on"))
        .annotate(n=Count("deliberation_id", distinct=True))
        .order_by()
    ):
        per_value[row["value_id"]].append(row)
    values_trend = [
        (ranked, _bucket_counts(period, per_value[value_id]))
        for ranked, value_id in zip(values[:5], top_ids, strict=True)
    ]
    kinds = [
        Ranked(row["kind"], kind_label(row["kind"]), row["n"])
        for row in Stakeholder.objects.filter(deliberation__in=ids)
        .values("kind")
        .annotate(n=Count("deliberation_id", distinct=True))
        .order_by("-n", "kind")[:TOP]
    ]
    outcomes = {Outcome.DECIDED.value: 0, Outcome.INSIGHT.value: 0, "in_progress": 0}
    for row in held.values("status", "outcome").annotate(n=Count("id")):
        key = row["outcome"] if row["status"] == Status.CONCLUDED else "in_progress"
        outcomes[key or "in_progress"] = outcomes.get(key or "in_progress", 0) + row["n"]
    today = timezone.localdate()
    counted = Action.objects.filter(deliberation__in=ids).aggregate(
        n_done=Count("id", filter=Q(done=True)),
        n_open=Count("id", filter=Q(done=False) & (Q(due__isnull=True) | Q(due__gte=today))),
        n_overdue=Count("id", filter=Q(done=False, due__lt=today)),
    )
    actions = {key.removeprefix("n_"): n for key, n in counted.items()}
    return Figures(
        period=period,
        labels=[period.label(bucket) for bucket in period.buckets()],
        held=_bucket_counts(period, per_bucket),
        themes=themes,
        values=values,
        values_trend=values_trend,
        pairs=[(labels[a].label, labels[b].label, n) for (a, b), n in pairs],
        kinds=kinds,
        outcomes=outcomes,
        actions=actions,
    )


def kind_label(slug: str) -> str | Promise:
    entry = catalogue.KINDS_BY_SLUG.get(slug)
    return entry.label if entry else slug


def planned(days: int, weeks: int | None) -> int | None:
    return round(days / (7 * weeks)) if weeks else None


def cadence(teams: QuerySet[Team], period: Period) -> Cadence:
    """Held against planned per quarter, for one team or (summed) for several."""
    today = timezone.localdate()
    team_rows = list(teams.values("id", "cadence_weeks"))
    weeks = {row["id"]: row["cadence_weeks"] for row in team_rows}
    deliberations = Deliberation.objects.filter(team__in=teams, is_practice=False)
    last = deliberations.filter(held_on__lte=today).aggregate(last=Max("held_on"))["last"]
    quarterly = Period(period.start, period.end, "quarter")
    held: Counter[date] = Counter()
    for row in (
        deliberations.filter(held_on__gte=period.start, held_on__lte=period.end)
        .values(day=F("held_on"))
        .annotate(n=Count("id"))
        .order_by()
    ):
        held[quarterly.bucket_of(_as_date(row["day"]))] += row["n"]
    quarters = []
    for bucket in quarterly.buckets():
        month = bucket.month + 2
        quarter_end = date(bucket.year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
        days = (min(quarter_end, period.end) - max(bucket, period.start)).days + 1
        plans = [planned(days, w) for w in weeks.values()]
        known = [p for p in plans if p is not None]
        quarters.append(
            QuarterCadence(
                label=quarterly.label(bucket),
                held=held[bucket],
                planned=sum(known) if known else None,
            )
        )
    single = team_rows[0]["cadence_weeks"] if len(team_rows) == 1 else None
    next_due = last + timedelta(weeks=single) if last and single else None
    return Cadence(weeks=single, last_held=last, next_due=next_due, quarters=quarters)


@dataclass
class TeamRow:
    team: Team
    held: int
    planned: int | None
    last_held: date | None
    open_actions: int
    overdue_actions: int


def team_rows(teams: QuerySet[Team], period: Period) -> list[TeamRow]:
    """One line per team for the organisation view: counts only."""
    today = timezone.localdate()
    days = (period.end - period.start).days + 1
    counts = {
        row["team_id"]: row
        for row in Deliberation.objects.filter(team__in=teams, is_practice=False)
        .values("team_id")
        .annotate(
            n_held=Count("id", filter=Q(held_on__gte=period.start, held_on__lte=period.end)),
            last=Max("held_on", filter=Q(held_on__lte=today)),
        )
    }
    actions = {
        row["deliberation__team_id"]: row
        for row in Action.objects.filter(
            deliberation__team__in=teams,
            deliberation__is_practice=False,
            deliberation__held_on__gte=period.start,
            deliberation__held_on__lte=period.end,
        )
        .values("deliberation__team_id")
        .annotate(
            n_open=Count("id", filter=Q(done=False)),
            n_overdue=Count("id", filter=Q(done=False, due__lt=today)),
        )
    }
    rows = []
    for team in teams:
        c = counts.get(team.pk, {})
        a = actions.get(team.pk, {})
        rows.append(
            TeamRow(
                team=team,
                held=c.get("n_held", 0),
                planned=planned(days, team.cadence_weeks),
                last_held=c.get("last"),
                open_actions=a.get("n_open", 0),
                overdue_actions=a.get("n_overdue", 0),
            )
        )
    return rows
