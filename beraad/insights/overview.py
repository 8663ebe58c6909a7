"""The organisation overview from the monthly tallies: the same figures as ``stats.figures``,
``stats.cadence`` and ``stats.team_rows`` over the raw rows, read from one row per team and month.

A month only partly inside the period (the current month up to today, or a chosen date in the
middle of a month) is corrected from the raw rows of its smaller part: the deliberations of the
days inside it, or those of the days outside it taken away from the month's tally. Usually the
part outside is empty (the default period ends today, and few deliberations are dated in the
future), and no raw row is read at all.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone

from beraad.accounts.models import Team
from beraad.deliberation import catalogue
from beraad.deliberation.models import Outcome, Theme, Value
from beraad.insights import stats
from beraad.insights.models import TeamMonth
from beraad.insights.tallies import IN_PROGRESS, Key, Tally, count, month_end, month_of


def period_tallies(team_ids: list[int], period: stats.Period) -> dict[Key, dict[str, Any]]:
    """The stored counts of these teams for the months of the period, as stored (JSON), with the
    months at its edges corrected to the day."""
    first, last = month_of(period.start), month_of(period.end)
    found: dict[Key, dict[str, Any]] = {
        (team_id, month): counts
        for team_id, month, counts in TeamMonth.objects.filter(
            team_id__in=team_ids, month__gte=first, month__lte=last
        ).values_list("team_id", "month", "counts")
    }
    ranges: list[tuple[date, date]] = []
    replace: set[date] = set()  # months whose counts are the raw count of the part inside
    subtract: set[date] = set()  # months from whose counts the part outside is taken away
    for month in sorted({first, last}):
        start, end = max(period.start, month), min(period.end, month_end(month))
        if (start, end) == (month, month_end(month)):
            continue
        held = inside = 0
        for (_team, m), counts in found.items():
            if m == month:
                for day, n in counts.get("days", {}).items():
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
    if ranges:
        where = Q(team_id__in=team_ids) & reduce(
            or_, (Q(held_on__gte=a, held_on__lte=b) for a, b in ranges)
        )
        raw, _key_of = count(where)
        corrected: dict[Key, Tally] = {}
        for key in found:
            if key[1] in replace:
                corrected[key] = Tally()
            elif key[1] in subtract:
                corrected[key] = Tally.from_counts(found[key])
        for key, tally in raw.items():
            if key[1] in replace:
                corrected[key] = tally
            else:
                corrected.setdefault(key, Tally()).add(tally, -1)
        found |= {key: tally.to_counts() for key, tally in corrected.items()}
    return found


def last_held(team_ids: list[int], today: date) -> dict[int, date]:
    """Each team's last deliberation held up to today (at any time, not only in the period)."""
    latest = (
        TeamMonth.objects.filter(team_id=OuterRef("team_id"), first_day__lte=today)
        .order_by("-month")
        .values("month")[:1]
    )
    found = {}
    for team_id, month, held in TeamMonth.objects.filter(
        team_id__in=team_ids, first_day__lte=today, month=Subquery(latest)
    ).values_list("team_id", "month", "counts__days"):
        days = [
            int(day)
            for day, n in (held or {}).items()
            if n and month.replace(day=int(day)) <= today
        ]
        if days:
            found[team_id] = month.replace(day=max(days))
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
    teams: list[Team], period: stats.Period
) -> tuple[stats.Figures, stats.Cadence, list[stats.TeamRow]]:
    """What the organisation overview shows for these teams and this period."""
    today = timezone.localdate()
    team_ids = [team.pk for team in teams]
    tallies = period_tallies(team_ids, period)
    buckets = period.buckets()
    index = {bucket: n for n, bucket in enumerate(buckets)}

    # Plain dicts keyed as stored (strings): hundreds of rows are added up here, so no
    # Counter or Tally per row.
    held = [0] * len(buckets)
    per_team_held: dict[int, int] = defaultdict(int)
    themes: dict[str, list[int]] = defaultdict(lambda: [0] * len(buckets))
    values: dict[str, int] = defaultdict(int)
    per_value: dict[str, list[int]] = defaultdict(lambda: [0] * len(buckets))
    kinds: dict[str, int] = defaultdict(int)
    pairs: dict[str, int] = defaultdict(int)
    outcomes = {Outcome.DECIDED.value: 0, Outcome.INSIGHT.value: 0, IN_PROGRESS: 0}
    actions = {"done": 0, "open": 0, "overdue": 0}
    per_team_open: dict[int, int] = defaultdict(int)
    per_team_overdue: dict[int, int] = defaultdict(int)
    quarterly = stats.Period(period.start, period.end, "quarter")
    per_quarter: dict[date, int] = defaultdict(int)
    due_before = today.isoformat()
    for (team_id, month), counts in tallies.items():
        n = index[period.bucket_of(month)]
        in_month = sum(counts.get("days", {}).values())
        held[n] += in_month
        per_team_held[team_id] += in_month
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
            per_team_open[team_id] += k
            if due and due < due_before:
                actions["overdue"] += k
                per_team_overdue[team_id] += k
            else:
                actions["open"] += k

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
    rows = [
        stats.TeamRow(
            team=team,
            held=per_team_held[team.pk],
            planned=stats.planned(days, team.cadence_weeks),
            last_held=lasts.get(team.pk),
            open_actions=per_team_open[team.pk],
            overdue_actions=per_team_overdue[team.pk],
        )
        for team in teams
    ]
    return figures, cadence, rows
