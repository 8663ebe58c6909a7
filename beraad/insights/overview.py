"""The organisation overview from the monthly tallies: the same figures as ``stats.figures``,
``stats.cadence`` and ``stats.team_rows`` over the raw rows, read from one row per organisation
and month (``OrganisationMonth``) for the figures, and summed in the database from the team
months' plain columns (``TeamMonth.held``, ``TeamMonthDue``) for the per-team table.

A month only partly inside the period (the current month up to today, or a chosen date in the
middle of a month) is corrected from the organisation's daily tallies (``OrganisationDay``) of
its smaller part: the days inside it, or the days outside it taken away from the month's tally;
the per-team table sums the days inside from the team months' days and the due-date rows' day.
Usually the part outside is empty (the default period ends today, and few deliberations are
dated in the future), and no day is read at all. No raw deliberation is read.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Max, Q, Sum
from django.utils import timezone

from beraad.accounts.models import Organisation, Team
from beraad.deliberation import catalogue
from beraad.deliberation.models import Outcome, Theme, Value
from beraad.insights import stats
from beraad.insights.models import OrganisationDay, OrganisationMonth, TeamMonth, TeamMonthDue
from beraad.insights.monthly import IN_PROGRESS, Tally, month_end, month_of


@dataclass
class PerTeam:
    """A team's counts in the period, for the per-team table."""

    held: int = 0
    open: int = 0  # actions not done, overdue ones included
    overdue: int = 0


@dataclass
class PeriodTallies:
    """The organisation's counts per month of the period (as stored: JSON-shaped), and each
    team's, with the months at the period's edges corrected to the day."""

    months: dict[date, dict[str, Any]]
    teams: dict[int, PerTeam] = field(default_factory=dict)


def _edges(
    period: stats.Period, months: dict[date, dict[str, Any]]
) -> tuple[set[date], set[date], list[tuple[date, date]]]:
    """The months at the period's edges to correct: those whose counts are replaced by a raw
    count of the part inside, those from which the raw count of the part outside is taken away,
    and the ranges of days to count."""
    ranges: list[tuple[date, date]] = []
    replace: set[date] = set()
    subtract: set[date] = set()
    for month in sorted({month_of(period.start), month_of(period.end)}):
        start, end = max(period.start, month), min(period.end, month_end(month))
        if (start, end) == (month, month_end(month)):
            continue
        held = inside = 0
        for day, n in months.get(month, {}).get("days", {}).items():
            held += n
            inside += n if start.day <= int(day) <= end.day else 0
        if inside == held:
            continue  # nothing was held on the days outside the period
        if inside <= held - inside:
            replace.add(month)
            ranges.append((start, end))
        else:
            subtract.add(month)
            if start > month:
                ranges.append((month, start - timedelta(days=1)))
            if end < month_end(month):
                ranges.append((end + timedelta(days=1), month_end(month)))
    return replace, subtract, ranges


def _partial(period: stats.Period, months: set[date]) -> list[tuple[date, date, date]]:
    """Of these months at the period's edges, each with the first and last day inside it."""
    return [
        (month, max(period.start, month), min(period.end, month_end(month)))
        for month in sorted(months)
    ]


def period_tallies(
    organisation: Organisation, team_ids: list[int], period: stats.Period, today: date
) -> PeriodTallies:
    """The organisation's counts for the months of the period and each team's (``team_ids``:
    the organisation's teams without its training teams, which its months leave out too)."""
    first, last = month_of(period.start), month_of(period.end)
    months: dict[date, dict[str, Any]] = dict(
        OrganisationMonth.objects.filter(
            organisation=organisation, month__gte=first, month__lte=last
        ).values_list("month", "counts")
    )
    replace, subtract, ranges = _edges(period, months)
    if ranges:
        # The days of the smaller part of each edge month: a few dozen rows at most.
        days = reduce(or_, (Q(day__gte=a, day__lte=b) for a, b in ranges))
        corrected = {month: Tally() for month in replace}
        corrected |= {
            month: Tally.from_counts(months[month]) for month in subtract if month in months
        }
        for day, counts in OrganisationDay.objects.filter(
            days, organisation=organisation
        ).values_list("day", "counts"):
            month = month_of(day)
            sign = 1 if month in replace else -1
            corrected.setdefault(month, Tally()).add(Tally.from_counts(counts), sign)
        months |= {month: tally.to_counts() for month, tally in corrected.items()}

    # The per-team table: whole months summed in the database; of a month at the period's edges
    # with deliberations on days outside it, the days inside (held: each team's days; open: the
    # due-date rows by day).
    teams: dict[int, PerTeam] = defaultdict(PerTeam)
    partial = _partial(period, replace | subtract)
    whole = Q(team_id__in=team_ids, month__gte=first, month__lte=last) & ~Q(
        month__in=[month for month, _start, _end in partial]
    )
    for team_id, held in (
        TeamMonth.objects.filter(whole)
        .values("team_id")
        .annotate(n=Sum("held"))
        .values_list("team_id", "n")
    ):
        teams[team_id].held = held or 0
    if partial:
        inside = {month: (start.day, end.day) for month, start, end in partial}
        for team_id, month, held_days in TeamMonth.objects.filter(
            team_id__in=team_ids, month__in=list(inside)
        ).values_list("team_id", "month", "counts__days"):
            low, high = inside[month]
            teams[team_id].held += sum(
                n for day, n in (held_days or {}).items() if low <= int(day) <= high
            )
    in_days = reduce(
        or_,
        (
            Q(team_id__in=team_ids, month=month, day__gte=start.day, day__lte=end.day)
            for month, start, end in partial
        ),
        whole,
    )
    for team_id, open_, overdue in (
        TeamMonthDue.objects.filter(in_days)
        .values("team_id")
        .annotate(n=Sum("open"), late=Sum("open", filter=Q(due__lt=today)))
        .values_list("team_id", "n", "late")
    ):
        teams[team_id].open, teams[team_id].overdue = open_ or 0, overdue or 0
    return PeriodTallies(months, dict(teams))


def last_held(team_ids: list[int], today: date) -> dict[int, date]:
    """Each team's last deliberation held up to today (at any time, not only in the period):
    the latest last day of a month up to today, or a day up to today in the one month that can
    have deliberations both before and after today (this month: its days are read)."""
    found: dict[int, date] = dict(
        TeamMonth.objects.filter(team_id__in=team_ids, last_day__lte=today)
        .values("team_id")
        .annotate(last=Max("last_day"))
        .values_list("team_id", "last")
    )
    this_month = month_of(today)
    for team_id, days in TeamMonth.objects.filter(
        team_id__in=team_ids, month=this_month, first_day__lte=today, last_day__gt=today
    ).values_list("team_id", "counts__days"):
        held = [int(day) for day, n in (days or {}).items() if n and int(day) <= today.day]
        if held:
            found[team_id] = max(found.get(team_id, this_month), this_month.replace(day=max(held)))
    return found


def _top(counts: dict[Any, int]) -> list[tuple[Any, int]]:
    """The ten largest (above zero); among equal counts, by key (as ``stats.figures`` orders)."""
    return sorted(((k, n) for k, n in counts.items() if n > 0), key=lambda i: (-i[1], i[0]))[
        : stats.TOP
    ]


def _pair(key: str) -> tuple[int, int]:
    a, b = key.split("-")
    return int(a), int(b)


def overview(
    organisation: Organisation, period: stats.Period
) -> tuple[stats.Figures, stats.Cadence, list[stats.TeamRow]]:
    """What the organisation overview shows for this organisation's teams (training teams left
    out) and this period."""
    today = timezone.localdate()
    teams = list(Team.objects.filter(organisation=organisation, is_training=False))
    team_ids = [team.pk for team in teams]
    tallies = period_tallies(organisation, team_ids, period, today)
    buckets = period.buckets()
    index = {bucket: n for n, bucket in enumerate(buckets)}

    # Plain dicts keyed as stored (strings): no Counter or Tally per row.
    held = [0] * len(buckets)
    themes: dict[str, list[int]] = defaultdict(lambda: [0] * len(buckets))
    values: dict[str, int] = defaultdict(int)
    per_value: dict[str, list[int]] = defaultdict(lambda: [0] * len(buckets))
    kinds: dict[str, int] = defaultdict(int)
    pairs: dict[str, int] = defaultdict(int)
    outcomes = {Outcome.DECIDED.value: 0, Outcome.INSIGHT.value: 0, IN_PROGRESS: 0}
    actions = {"done": 0, "open": 0, "overdue": 0}
    quarterly = stats.Period(period.start, period.end, "quarter")
    per_quarter: dict[date, int] = defaultdict(int)
    due_before = today.isoformat()
    for month, counts in tallies.months.items():
        n = index[period.bucket_of(month)]
        in_month = sum(counts.get("days", {}).values())
        held[n] += in_month
        per_quarter[quarterly.bucket_of(month)] += in_month
        for key, k in counts.get("themes", {}).items():
            themes[key][n] += k
        for key, k in counts.get("values", {}).items():
            values[key] += k
            per_value[key][n] += k
        for key, k in counts.get("kinds", {}).items():
            kinds[key] += k
        for key, k in counts.get("pairs", {}).items():
            pairs[key] += k
        for key, k in counts.get("outcomes", {}).items():
            outcomes[key] = outcomes.get(key, 0) + k
        actions["done"] += counts.get("done", 0)
        for due, k in counts.get("open", {}).items():
            actions["overdue" if due and due < due_before else "open"] += k

    slugs = dict(Theme.objects.filter(pk__in=[int(k) for k in themes]).values_list("pk", "slug"))
    ranked_themes = []
    for key, counts_per_bucket in themes.items():
        slug, total = slugs.get(int(key)), sum(counts_per_bucket)
        if slug is not None and total > 0:
            entry = catalogue.THEMES_BY_SLUG.get(slug)
            label = entry.label if entry else slug
            ranked_themes.append((stats.Ranked(slug, label, total), counts_per_bucket))
    ranked_themes.sort(key=lambda item: (-item[0].count, item[0].key))
    top_values = _top({int(key): n for key, n in values.items()})
    top_pairs = _top({_pair(key): n for key, n in pairs.items()})
    labels: dict[int, Value] = Value.objects.in_bulk(
        {v for v, _n in top_values} | {v for pair, _n in top_pairs for v in pair}
    )
    ranked_values = [stats.Ranked(labels[v].slug, labels[v].label, n) for v, n in top_values]
    figures = stats.Figures(
        period=period,
        labels=[period.label(bucket) for bucket in buckets],
        held=held,
        themes=ranked_themes,
        values=ranked_values,
        values_trend=[
            (ranked, per_value[str(v)])
            for ranked, (v, _n) in zip(ranked_values[:5], top_values[:5], strict=True)
        ],
        pairs=[(labels[a].label, labels[b].label, n) for (a, b), n in top_pairs],
        kinds=[stats.Ranked(kind, stats.kind_label(kind), n) for kind, n in _top(kinds)],
        outcomes=outcomes,
        actions=actions,
    )

    lasts = last_held(team_ids, today)
    last = max(lasts.values(), default=None)
    days = (period.end - period.start).days + 1
    quarters = []
    for bucket in quarterly.buckets():
        end = min(month_end(bucket.replace(month=bucket.month + 2)), period.end)
        in_quarter = (end - max(bucket, period.start)).days + 1
        known = [p for t in teams if (p := stats.planned(in_quarter, t.cadence_weeks)) is not None]
        quarters.append(
            stats.QuarterCadence(
                label=quarterly.label(bucket),
                held=per_quarter[bucket],
                planned=sum(known) if known else None,
            )
        )
    single = teams[0].cadence_weeks if len(teams) == 1 else None
    cadence = stats.Cadence(
        weeks=single,
        last_held=last,
        next_due=last + timedelta(weeks=single) if last and single else None,
        quarters=quarters,
    )
    nothing = PerTeam()
    rows = [
        stats.TeamRow(
            team=team,
            held=(counted := tallies.teams.get(team.pk, nothing)).held,
            planned=stats.planned(days, team.cadence_weeks),
            last_held=lasts.get(team.pk),
            open_actions=counted.open,
            overdue_actions=counted.overdue,
        )
        for team in teams
    ]
    return figures, cadence, rows
