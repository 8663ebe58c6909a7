"""The shape of a monthly tally and where it is stored: shared by the team months
(``tallies``), the organisation months (``org_tallies``) and the overview that reads them."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import reduce
from operator import or_
from typing import Any

from django.apps import apps as global_apps
from django.db.models import Q

Key = tuple[int, date]  # (team id, first day of the month)
BATCH = 500
# Deliberation ids per query when counting: one query per kind of part up to this many.
ID_CHUNK = 5000
IN_PROGRESS = "in_progress"


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_end(month: date) -> date:
    return next_month(month) - timedelta(days=1)


@dataclass
class Tally:
    """The counts of one team's (or organisation's) deliberations in one month (or part of one)."""

    days: Counter[int] = field(default_factory=Counter)  # day of the month → held
    themes: Counter[int] = field(default_factory=Counter)  # theme id → deliberations
    values: Counter[int] = field(default_factory=Counter)  # built-in value id → deliberations
    kinds: Counter[str] = field(default_factory=Counter)  # stakeholder kind → deliberations
    pairs: Counter[tuple[int, int]] = field(default_factory=Counter)  # concluded ones only
    outcomes: Counter[str] = field(default_factory=Counter)  # decided / insight / in_progress
    done: int = 0  # actions done
    open: Counter[str] = field(default_factory=Counter)  # due date (ISO) or "" → not done
    # (day of the month held, due date or "") → not done: the team's due-date rows; not stored
    # in the counts (read back from them, it is empty).
    open_days: Counter[tuple[int, str]] = field(default_factory=Counter)

    COUNTERS = ("days", "themes", "values", "kinds", "pairs", "outcomes", "open", "open_days")

    @property
    def held(self) -> int:
        return sum(self.days.values())

    def add(self, other: Tally, sign: int = 1) -> None:
        for name in self.COUNTERS:
            mine: Counter[Any] = getattr(self, name)
            for key, n in getattr(other, name).items():
                mine[key] += sign * n
        self.done += sign * other.done

    def first_day(self, month: date) -> date | None:
        days = [day for day, n in self.days.items() if n]
        return month.replace(day=min(days)) if days else None

    def last_day(self, month: date) -> date | None:
        days = [day for day, n in self.days.items() if n]
        return month.replace(day=max(days)) if days else None

    def dues(self) -> dict[tuple[int, date | None], int]:
        """The actions not done per day held and due date (None: no due date)."""
        return {
            (day, date.fromisoformat(due) if due else None): n
            for (day, due), n in self.open_days.items()
            if n
        }

    def to_counts(self) -> dict[str, Any]:
        def plain(counter: Counter[Any]) -> dict[str, int]:
            return {str(key): n for key, n in sorted(counter.items()) if n}

        return {
            "days": plain(self.days),
            "themes": plain(self.themes),
            "values": plain(self.values),
            "kinds": plain(self.kinds),
            "pairs": {f"{a}-{b}": n for (a, b), n in sorted(self.pairs.items()) if n},
            "outcomes": plain(self.outcomes),
            "done": self.done,
            "open": plain(self.open),
        }

    @classmethod
    def from_counts(cls, counts: dict[str, Any]) -> Tally:
        def ints(name: str) -> Counter[int]:
            return Counter({int(key): n for key, n in counts.get(name, {}).items()})

        pairs: Counter[tuple[int, int]] = Counter()
        for key, n in counts.get("pairs", {}).items():
            a, b = key.split("-")
            pairs[(int(a), int(b))] = n
        return cls(
            days=ints("days"),
            themes=ints("themes"),
            values=ints("values"),
            kinds=Counter(counts.get("kinds", {})),
            pairs=pairs,
            outcomes=Counter(counts.get("outcomes", {})),
            done=counts.get("done", 0),
            open=Counter(counts.get("open", {})),
        )


class Models:
    """The models the tallies read and write, from the app registry given (a data migration
    passes its historical one)."""

    def __init__(self, apps: Any) -> None:
        self.Deliberation = apps.get_model("deliberation", "Deliberation")
        self.Value = apps.get_model("deliberation", "Value")
        self.ValueAtStake = apps.get_model("deliberation", "ValueAtStake")
        self.Stakeholder = apps.get_model("deliberation", "Stakeholder")
        self.Action = apps.get_model("deliberation", "Action")
        self.OptionEffect = apps.get_model("deliberation", "OptionEffect")
        self.Team = apps.get_model("accounts", "Team")
        self.TeamMonth = apps.get_model("insights", "TeamMonth")
        self.TeamMonthDue = apps.get_model("insights", "TeamMonthDue")
        self.OrganisationMonth = apps.get_model("insights", "OrganisationMonth")
        self.OrganisationDay = apps.get_model("insights", "OrganisationDay")
        self.TallyMark = apps.get_model("insights", "TallyMark")


def models(apps: Any = None) -> Models:
    return Models(apps or global_apps)


def organisations_of(m: Models, team_ids: Iterable[int]) -> dict[int, int]:
    """The organisation of each of these teams that counts towards one (not training teams)."""
    return dict(
        m.Team.objects.filter(pk__in=set(team_ids), is_training=False).values_list(
            "id", "organisation_id"
        )
    )


def apps_of(m: Models) -> Any:
    return m.TeamMonth._meta.apps


def chunks(items: Sequence[Any], size: int = BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def rows_where(keys: Iterable[Key], field: str, on: str = "month") -> Q:
    """The monthly rows of exactly these (owner, month) keys, the owner in ``field``
    ("team_id", "organisation_id", "team__organisation_id"); ``on``: the date's field."""
    by_owner: dict[int, list[date]] = defaultdict(list)
    for owner, month in keys:
        by_owner[owner].append(month)
    return reduce(
        or_,
        (Q(**{field: o, f"{on}__in": months}) for o, months in by_owner.items()),
        Q(pk__in=[]),
    )


def lock_rows(model: Any, keys: set[Key], field: str, on: str = "month") -> dict[Key, Any]:
    """The rows of ``model`` for these (owner, month) keys, made if missing and locked until the
    transaction ends (PostgreSQL: FOR NO KEY UPDATE, taken in one order; SQLite: held already).
    ``on``: the date's field (an organisation's days: "day")."""

    def locked() -> dict[Key, Any]:
        rows = model.objects.select_for_update(no_key=True).filter(rows_where(keys, field, on))
        return {(getattr(row, field), getattr(row, on)): row for row in rows.order_by(field, on)}

    found = locked()
    for _attempt in range(3):  # a row deleted by a rebuild while we waited is made again
        missing = keys - found.keys()
        if not missing:
            break
        model.objects.bulk_create(
            [model(**{field: o, on: when, "counts": {}}) for o, when in sorted(missing)],
            ignore_conflicts=True,
            batch_size=BATCH,
        )
        found = locked()
    return found
