"""The monthly tallies behind the organisation overview: always what the deliberations say.

After a random series of changes (create, edit, conclude, reopen, move to another month or team,
delete, import, retention, practice deliberations), the stored tallies equal a fresh count from
the raw rows, and the overview read from them equals ``stats.figures`` / ``stats.cadence`` /
``stats.team_rows`` over the raw rows, for periods with whole and with partial months.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from django.db import connection
from django.db.models import Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from beraad.accounts.models import OrganisationRole, Team
from beraad.deliberation import exchange
from beraad.deliberation.models import (
    Action,
    Deliberation,
    Effect,
    Option,
    OptionEffect,
    Outcome,
    Stakeholder,
    Status,
    Theme,
    Value,
    ValueAtStake,
)
from beraad.insights import overview, stats, tallies
from beraad.insights.forms import default_start
from beraad.insights.models import TallyMark, TeamMonth
from beraad.privacy.retention import apply_retention
from tests.factories import (
    ActionFactory,
    DeliberationFactory,
    MembershipFactory,
    OptionFactory,
    StakeholderFactory,
    TeamFactory,
    ValueAtStakeFactory,
)
from tests.insights.concurrent import save_at_once
from tests.insights.test_org_tallies import assert_up_to_date

pytestmark = pytest.mark.django_db

KINDS = ["client", "family", "gp", "neighbour"]


def stored() -> dict[tallies.Key, dict[str, Any]]:
    """The stored tallies, empty months left out."""
    return {
        (row.team_id, row.month): row.counts
        for row in TeamMonth.objects.all()
        if tallies.Tally.from_counts(row.counts).to_counts() != tallies.Tally().to_counts()
    }


def fresh() -> dict[tallies.Key, dict[str, Any]]:
    counted, _where = tallies.count(Q())
    return {key: tally.to_counts() for key, tally in counted.items()}


def raw_overview(teams: list[Team], period: stats.Period) -> Any:
    queryset = Team.objects.filter(pk__in=[t.pk for t in teams])
    figures = stats.figures(
        Deliberation.objects.filter(team__in=queryset), period, builtin_values_only=True
    )
    return figures, stats.cadence(queryset, period), stats.team_rows(queryset, period)


def periods(today: date) -> list[stats.Period]:
    month = today.replace(day=1)
    return [
        stats.Period(default_start(today), today),  # the default: ends today
        stats.Period(date(today.year - 2, 1, 1), today, "quarter"),
        stats.Period(month - timedelta(days=200), month - timedelta(days=1)),  # to a month's end
        stats.Period(today - timedelta(days=100), today + timedelta(days=20)),  # both edges split
        stats.Period(month + timedelta(days=2), month + timedelta(days=12)),  # inside one month
        stats.Period(today - timedelta(days=45), today - timedelta(days=3), "quarter"),
    ]


class Series:
    """Random changes of the kinds a team makes, over a few teams and about fourteen months."""

    def __init__(self, rng: random.Random, teams: list[Team]) -> None:
        self.rng, self.teams = rng, teams
        self.today = timezone.localdate()
        self.builtin = list(Value.objects.filter(team=None))
        self.own = [Value.objects.create(team=t, slug=f"eigen-{t.pk}", name="Eigen") for t in teams]
        self.themes = list(Theme.objects.all())

    def day(self) -> date:
        # Mostly past months, some in this month after today (planned), a few next month.
        return self.today + timedelta(days=self.rng.randint(-420, 40))

    def some(self) -> Deliberation | None:
        found = list(Deliberation.objects.order_by("id"))
        return self.rng.choice(found) if found else None

    def values(self, team: Team) -> list[Value]:
        return [*self.builtin, *[v for v in self.own if v.team_id == team.pk]]

    def create(self) -> None:
        team = self.rng.choice(self.teams)
        d = DeliberationFactory(team=team, held_on=self.day(), is_practice=self.rng.random() < 0.1)
        d.themes.set(self.rng.sample(self.themes, self.rng.randint(0, 2)))
        for value in self.rng.sample(self.values(team), self.rng.randint(0, 3)):
            ValueAtStakeFactory(deliberation=d, value=value)
        for kind in self.rng.choices(KINDS, k=self.rng.randint(0, 3)):
            StakeholderFactory(deliberation=d, kind=kind)
        for _i in range(self.rng.randint(0, 3)):
            ActionFactory(
                deliberation=d,
                done=self.rng.random() < 0.3,
                due=self.rng.choice([None, self.today + timedelta(days=self.rng.randint(-60, 60))]),
            )
        d.values_a.set(self.rng.sample(self.values(team), self.rng.randint(0, 2)))
        d.values_b.set(self.rng.sample(self.values(team), self.rng.randint(0, 2)))
        if self.rng.random() < 0.6:
            self.conclude(d)

    def conclude(self, d: Deliberation | None = None) -> None:
        d = d or self.some()
        if d is None:
            return
        if self.rng.random() < 0.7:
            option = OptionFactory(deliberation=d)
            for value in self.rng.sample(self.values(d.team), self.rng.randint(1, 4)):
                OptionEffect.objects.create(
                    option=option, value=value, effect=self.rng.choice(list(Effect))
                )
            d.outcome, d.chosen_option = Outcome.DECIDED, option
        else:
            d.outcome = self.rng.choice([Outcome.INSIGHT, Outcome.NONE])
        d.save()
        d.conclude(None)

    def reopen(self) -> None:
        d = self.some()
        if d is not None and d.status == Status.CONCLUDED:
            d.reopen()

    def move_date(self) -> None:
        d = self.some()
        if d is not None:
            d.held_on = self.day()
            d.save()

    def move_team(self) -> None:
        d = self.some()
        if d is not None:
            d.team = self.rng.choice(self.teams)
            d.save(update_fields=["team"])

    def edit_parts(self) -> None:
        d = self.some()
        if d is None:
            return
        choice = self.rng.randrange(6)
        if choice == 0:
            d.themes.set(self.rng.sample(self.themes, self.rng.randint(0, 3)))
        elif choice == 1 and (vas := ValueAtStake.objects.filter(deliberation=d).first()):
            vas.delete()
        elif choice == 2 and (s := Stakeholder.objects.filter(deliberation=d).first()):
            s.kind = self.rng.choice(KINDS)
            s.save()
        elif choice == 3 and (a := Action.objects.filter(deliberation=d).first()):
            a.mark(done=not a.done, user=None)
        elif choice == 4 and (e := OptionEffect.objects.filter(option__deliberation=d).first()):
            e.effect = self.rng.choice(list(Effect))  # also on a concluded one: behind the UI
            e.save()
        elif choice == 5 and (o := Option.objects.filter(deliberation=d).first()):
            o.delete()  # the chosen option, possibly: the deliberation's link is cleared

    def delete(self) -> None:
        d = self.some()
        if d is not None:
            d.delete()

    def import_copy(self) -> None:
        # An erased deliberation is no longer a complete document (its actions have no text).
        found = list(Deliberation.objects.filter(erased_at__isnull=True).order_by("id"))
        if found:
            document = exchange.export_deliberation(self.rng.choice(found))
            exchange.import_deliberation(document, team=self.rng.choice(self.teams))

    def retention(self) -> None:
        d = self.some()
        if d is not None and d.status == Status.CONCLUDED:
            Deliberation.objects.filter(pk=d.pk).update(
                concluded_at=timezone.now() - timedelta(days=3000)
            )
            apply_retention()

    def run(self, steps: int) -> None:
        moves: list[tuple[Callable[[], None], int]] = [
            (self.create, 6),
            (self.conclude, 2),
            (self.reopen, 1),
            (self.move_date, 2),
            (self.move_team, 1),
            (self.edit_parts, 3),
            (self.delete, 1),
            (self.import_copy, 1),
            (self.retention, 1),
        ]
        for _i in range(steps):
            move = self.rng.choices([m for m, _w in moves], weights=[w for _m, w in moves])[0]
            move()


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_it_keeps_the_tallies_equal_to_a_fresh_count_after_random_changes(
    seed: int, team: Team
) -> None:
    sister = TeamFactory(organisation=team.organisation, cadence_weeks=4)
    training = TeamFactory(organisation=team.organisation, is_training=True)
    teams = [team, sister, training]
    Series(random.Random(seed), teams).run(70)
    assert Deliberation.objects.count() > 10
    assert stored() == fresh()
    # Every counted deliberation is marked where it is counted; nothing else is.
    marks = set(TallyMark.objects.values_list("deliberation_id", "team_id", "month"))
    assert marks == {
        (d.pk, d.team_id, d.held_on.replace(day=1))
        for d in Deliberation.objects.filter(is_practice=False)
    }
    assert_up_to_date()  # the organisation months and the team months' plain columns too
    shown = sorted([team, sister], key=lambda t: t.name)  # no training teams; by name
    for period in periods(timezone.localdate()):
        assert overview.overview(team.organisation, period) == raw_overview(shown, period), period


def test_it_rebuilds_what_was_lost_or_changed_behind_its_back(team: Team) -> None:
    second: Team = TeamFactory(organisation=team.organisation)
    Series(random.Random(7), [team, second]).run(30)
    expected = stored()
    assert expected
    (lost_team, lost_month), *_, (wrong_team, wrong_month) = sorted(expected)
    TeamMonth.objects.filter(team_id=lost_team, month=lost_month).delete()
    TeamMonth.objects.filter(team_id=wrong_team, month=wrong_month).update(
        counts={"days": {"1": 99}}
    )
    TallyMark.objects.all().delete()
    check = tallies.rebuild_tallies(dry_run=True)
    assert check.changed >= 2
    assert stored() != expected  # a dry run changes nothing
    tallies.rebuild_tallies()
    assert stored() == expected == fresh()
    assert TallyMark.objects.count() == Deliberation.objects.filter(is_practice=False).count()
    assert tallies.rebuild_tallies(dry_run=True).changed == 0


def test_the_data_migration_fills_the_tallies_of_existing_deliberations(team: Team) -> None:
    from importlib import import_module

    from django.apps import apps

    Series(random.Random(11), [team]).run(20)
    expected = stored()
    TeamMonth.objects.all().delete()
    TallyMark.objects.all().delete()
    import_module("beraad.insights.migrations.0008_fill_organisation_days").fill(apps, None)
    assert stored() == expected == fresh()


def test_the_tallies_hold_counts_and_catalogue_keys_only(team: Team) -> None:
    secret = "Mevrouw Kwikstaart"
    d = DeliberationFactory(team=team, title=secret, case_description=secret)
    StakeholderFactory(deliberation=d, label=secret)
    ActionFactory(deliberation=d, what=secret)
    own = Value.objects.create(team=team, slug="kwikstaart", name=secret)
    ValueAtStakeFactory(deliberation=d, value=own)
    row = TeamMonth.objects.get(team=team)
    assert row.counts["days"] == {str(d.held_on.day): 1}
    assert "Kwikstaart" not in str(row.counts) and "kwikstaart" not in str(row.counts)
    assert row.counts["values"] == {}  # a team's own value is not counted


def test_an_autosaved_text_leaves_the_tallies_alone_a_new_date_moves_them(
    client: Client, team: Team
) -> None:
    member = MembershipFactory(team=team)
    client.force_login(member.user)
    d = DeliberationFactory(team=team, held_on=date(2026, 3, 10))

    def autosave(step: str, field: str, value: str) -> int:
        url = reverse(
            "deliberation:autosave",
            kwargs={"team": team.slug, "pk": d.pk, "step": step, "field": field},
        )
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, {field: value}, HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        return sum("insights_teammonth" in q["sql"] for q in queries.captured_queries)

    assert autosave("case", "case_description", "Mevrouw A. belt vaak.") == 0
    d.refresh_from_db()
    assert d.case_description == "Mevrouw A. belt vaak."
    assert autosave("opening", "held_on", "2026-04-02") > 0
    assert set(stored()) == {(team.pk, date(2026, 4, 1))}
    assert stored() == fresh()


def test_retention_leaves_the_counts_as_they_were(team: Team) -> None:
    d = DeliberationFactory(team=team, held_on=date(2019, 5, 3))
    StakeholderFactory(deliberation=d, kind="family", label="de zoon")
    ValueAtStakeFactory(deliberation=d)
    ActionFactory(deliberation=d, done=True)
    d.conclude(None)
    before = stored()
    Deliberation.objects.filter(pk=d.pk).update(concluded_at=timezone.now() - timedelta(days=3000))
    assert apply_retention().deliberations == 1
    d.refresh_from_db()
    assert d.erased_at is not None
    assert stored() == before == fresh()


def test_deleting_a_team_takes_its_tallies_along(team: Team) -> None:
    DeliberationFactory(team=team)
    assert TeamMonth.objects.filter(team=team).exists()
    team.delete()
    assert not TeamMonth.objects.exists() and not TallyMark.objects.exists()


# The page: a constant number of queries


def coordinator_client(client: Client, team: Team) -> Client:
    user = MembershipFactory(team=team).user
    OrganisationRole.objects.create(
        user=user, organisation=team.organisation, role=OrganisationRole.Kind.COORDINATOR
    )
    client.force_login(user)
    return client


def fill(team: Team, today: date) -> None:
    for n in range(3):
        d = DeliberationFactory(team=team, held_on=today - timedelta(days=20 * n + 1))
        d.themes.add(Theme.objects.first())
        ValueAtStakeFactory(deliberation=d)
        StakeholderFactory(deliberation=d)
        ActionFactory(deliberation=d, due=today - timedelta(days=2))
        if n:
            d.conclude(None)
    # Planned later this month or early next month: the current month is only partly shown.
    DeliberationFactory(team=team, held_on=today + timedelta(days=3))


QUERIES = [
    {},
    {"date_from": "2024-01-01", "by": "quarter"},
    {"date_from": "2025-02-18", "date_to": "2025-03-12"},  # both edges in mid-month
]
RAW = ("deliberation_deliberation", "deliberation_action", "deliberation_valueatstake")


def test_the_overview_reads_as_many_queries_for_20_teams_as_for_2(
    client: Client, team: Team
) -> None:
    today = timezone.localdate()
    client = coordinator_client(client, team)
    url = reverse("insights:organisation", kwargs={"organisation": team.organisation.slug})
    for t in [team, TeamFactory(organisation=team.organisation)]:
        fill(t, today)
        fill(t, date(2025, 3, 10))

    def queries(query: dict[str, str]) -> int:
        # The session notes the last activity (and the menu its organisations) once a minute,
        # in whichever request comes then: the fewer of two requests is the page's own count.
        found = []
        for _attempt in range(2):
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url, query).status_code == 200
            found.append(len(captured.captured_queries))
            # Tallies only, also for the days of a month at a period's edge: no raw row.
            read = " ".join(q["sql"] for q in captured.captured_queries)
            assert not [table for table in RAW if table in read]
        return min(found)

    two = [queries(query) for query in QUERIES]
    for _i in range(18):
        t = TeamFactory(organisation=team.organisation)
        fill(t, today)
        fill(t, date(2025, 3, 10))
    assert [queries(query) for query in QUERIES] == two
    teams = list(Team.objects.filter(organisation=team.organisation))
    for query in QUERIES:
        page = client.get(url, query)
        assert len(page.context["team_rows"]) == 20
        figures, _cadence, rows = raw_overview(teams, page.context["period"])
        assert (page.context["figures"], page.context["team_rows"]) == (figures, rows)


# Two saves at once


@pytest.mark.django_db(transaction=True)
def test_two_saves_at_once_lose_no_count() -> None:
    """The first save holds its month's row until it commits; the second, in the same month,
    waits for it and then counts both (recomputing without the lock would count one)."""
    team = TeamFactory()
    day = date(2025, 4, 10)
    DeliberationFactory(team=team, held_on=day)  # the month's row exists before either save
    errors = save_at_once(team, team, day)
    assert not errors
    row = TeamMonth.objects.get(team=team, month=date(2025, 4, 1))
    assert tallies.Tally.from_counts(row.counts).held == 3
    assert stored() == fresh()
