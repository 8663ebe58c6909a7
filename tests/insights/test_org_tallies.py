"""The organisation months behind the overview's figures, and the team months' plain columns
behind its per-team table: always what a count from scratch says.

After every kind of change a team makes (create, edit a part, move to another date or team,
conclude, reopen, delete), and after changes to the teams themselves (moved to another
organisation, deleted), each ``OrganisationMonth`` equals the sum of a fresh count of its
teams' deliberations (training teams left out), and each ``TeamMonth``'s ``held``,
``last_day`` and due-date rows equal a fresh count of the team's own.
"""

from __future__ import annotations

from collections import defaultdict
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
from beraad.deliberation.models import Deliberation, Outcome, Status
from beraad.insights import org_tallies, tallies
from beraad.insights.models import (
    OrganisationDay,
    OrganisationMonth,
    TallyMark,
    TeamMonth,
    TeamMonthDue,
)
from beraad.insights.monthly import Tally, models
from tests.factories import (
    ActionFactory,
    DeliberationFactory,
    MembershipFactory,
    OrganisationFactory,
    StakeholderFactory,
    TeamFactory,
    ValueAtStakeFactory,
)
from tests.insights.concurrent import save_at_once

pytestmark = pytest.mark.django_db

EMPTY = Tally().to_counts()


def stored_organisation_months() -> dict[tuple[int, date], dict[str, Any]]:
    return {
        (row.organisation_id, row.month): row.counts
        for row in OrganisationMonth.objects.all()
        if row.counts != EMPTY
    }


def fresh_organisation_months(by_day: bool = False) -> dict[tuple[int, date], dict[str, Any]]:
    """From scratch: the deliberations counted per team and month (or day), summed per
    organisation."""
    if by_day:
        counted, _where = tallies.count(Q(), key=lambda team_id, held_on: (team_id, held_on))
    else:
        counted, _where = tallies.count(Q())
    organisation_of = dict(
        Team.objects.filter(is_training=False).values_list("id", "organisation_id")
    )
    summed: dict[tuple[int, date], Tally] = defaultdict(Tally)
    for (team_id, when), tally in counted.items():
        if team_id in organisation_of:
            summed[(organisation_of[team_id], when)].add(tally)
    return {key: tally.to_counts() for key, tally in summed.items() if tally.to_counts() != EMPTY}


def stored_team_columns() -> dict[tuple[int, date], tuple[int, date | None, dict[Any, int]]]:
    dues: dict[tuple[int, date], dict[Any, int]] = defaultdict(dict)
    for team_id, month, day, due, n in TeamMonthDue.objects.values_list(
        "team_id", "month", "day", "due", "open"
    ):
        found = dues[(team_id, month)]
        found[(day, due)] = found.get((day, due), 0) + n
    return {
        (row.team_id, row.month): (row.held, row.last_day, dues.pop((row.team_id, row.month), {}))
        for row in TeamMonth.objects.all()
        if row.held or (row.team_id, row.month) in dues
    } | {key: (0, None, found) for key, found in dues.items()}  # due rows without a month


def fresh_team_columns() -> dict[tuple[int, date], tuple[int, date | None, dict[Any, int]]]:
    counted, _where = tallies.count(Q())
    return {
        key: (tally.held, tally.last_day(key[1]), tally.dues())
        for key, tally in counted.items()
        if tally.held
    }


def stored_organisation_days() -> dict[tuple[int, date], dict[str, Any]]:
    return {
        (row.organisation_id, row.day): row.counts
        for row in OrganisationDay.objects.all()
        if row.counts != EMPTY
    }


def assert_up_to_date() -> None:
    assert stored_organisation_months() == fresh_organisation_months()
    assert stored_team_columns() == fresh_team_columns()
    assert stored_organisation_days() == fresh_organisation_months(by_day=True)


@pytest.fixture
def teams(team: Team) -> dict[str, Team]:
    sister: Team = TeamFactory(organisation=team.organisation)
    training: Team = TeamFactory(organisation=team.organisation, is_training=True)
    elsewhere: Team = TeamFactory()
    return {"team": team, "sister": sister, "training": training, "elsewhere": elsewhere}


def full(team: Team, held_on: date) -> Deliberation:
    d = DeliberationFactory(team=team, held_on=held_on)
    ValueAtStakeFactory(deliberation=d)
    StakeholderFactory(deliberation=d, kind="family")
    ActionFactory(deliberation=d, due=held_on + timedelta(days=14))
    ActionFactory(deliberation=d, due=None)
    ActionFactory(deliberation=d, done=True)
    return d


def test_each_kind_of_change_keeps_the_organisation_months_equal_to_a_fresh_count(
    teams: dict[str, Team],
) -> None:
    today = timezone.localdate()
    one = full(teams["team"], date(2025, 3, 10))
    two = full(teams["sister"], date(2025, 3, 12))
    full(teams["training"], date(2025, 3, 12))  # left out of the organisation's months
    practice = DeliberationFactory(team=teams["team"], held_on=date(2025, 3, 1), is_practice=True)
    later = full(teams["team"], today + timedelta(days=3))  # planned after today
    assert_up_to_date()
    organisation = teams["team"].organisation_id
    march = OrganisationMonth.objects.get(organisation_id=organisation, month=date(2025, 3, 1))
    assert sum(march.counts["days"].values()) == 2

    def move_date() -> None:
        one.held_on = date(2025, 5, 2)
        one.save()

    def change_team_in_organisation() -> None:
        two.team = teams["team"]
        two.save(update_fields=["team"])

    def change_team_to_another_organisation() -> None:
        two.team = teams["elsewhere"]
        two.save(update_fields=["team"])

    def conclude() -> None:
        one.outcome = Outcome.INSIGHT
        one.save()
        one.conclude(None)

    def reopen() -> None:
        one.reopen()

    def edit_parts() -> None:
        StakeholderFactory(deliberation=one, kind="gp")
        action = one.actions.filter(done=False).first()
        assert action is not None
        action.mark(done=True, user=None)

    def practice_counts() -> None:
        practice.is_practice = False
        practice.save()

    steps: list[Callable[[], object]] = [
        move_date,
        change_team_in_organisation,
        change_team_to_another_organisation,
        conclude,
        reopen,
        edit_parts,
        practice_counts,
        later.delete,
        one.delete,
    ]
    for step in steps:
        step()
        assert_up_to_date()
    assert Deliberation.objects.get(pk=two.pk).team == teams["elsewhere"]
    assert one.status in (Status.IN_PROGRESS, Status.CONCLUDED)


def test_a_team_moving_to_another_organisation_moves_its_counts(teams: dict[str, Team]) -> None:
    sister, elsewhere = teams["sister"], teams["elsewhere"]
    full(sister, date(2025, 3, 12))
    full(teams["team"], date(2025, 3, 20))
    assert_up_to_date()
    sister.organisation = elsewhere.organisation
    sister.save()
    assert_up_to_date()
    assert (elsewhere.organisation_id, date(2025, 3, 1)) in stored_organisation_months()


def test_deleting_a_team_takes_its_counts_out_of_its_organisation(teams: dict[str, Team]) -> None:
    full(teams["sister"], date(2025, 3, 12))
    full(teams["team"], date(2025, 3, 20))
    teams["sister"].delete()
    assert_up_to_date()
    counts = OrganisationMonth.objects.get(month=date(2025, 3, 1)).counts
    assert counts["days"] == {"20": 1}


def test_a_training_team_is_left_out_of_its_organisations_months(team: Team) -> None:
    training = TeamFactory(organisation=team.organisation, is_training=True)
    full(training, date(2025, 3, 12))
    assert not stored_organisation_months()
    assert TeamMonth.objects.get(team=training).held == 1  # the team's own month still counts


def test_the_rebuild_repairs_organisation_months_changed_behind_its_back(
    teams: dict[str, Team],
) -> None:
    full(teams["team"], date(2025, 3, 10))
    full(teams["sister"], date(2025, 4, 10))
    expected = stored_organisation_months()
    OrganisationMonth.objects.filter(month=date(2025, 3, 1)).update(counts={"days": {"1": 9}})
    OrganisationMonth.objects.filter(month=date(2025, 4, 1)).delete()
    OrganisationMonth.objects.create(
        organisation=teams["elsewhere"].organisation, month=date(2020, 1, 1), counts=EMPTY
    )
    check = tallies.rebuild_tallies(dry_run=True)
    assert (check.changed, check.organisation_changed) == (0, 2)
    assert stored_organisation_months() != expected  # a dry run changes nothing
    assert tallies.rebuild_tallies().organisation_changed == 2
    assert stored_organisation_months() == expected
    assert not OrganisationMonth.objects.filter(month=date(2020, 1, 1)).exists()  # empty: gone
    assert_up_to_date()


def test_the_rebuild_repairs_team_columns_and_due_rows_changed_behind_its_back(
    teams: dict[str, Team],
) -> None:
    full(teams["team"], date(2025, 3, 10))
    full(teams["sister"], date(2025, 4, 10))
    expected = stored_team_columns()
    TeamMonthDue.objects.filter(team=teams["sister"]).delete()
    TeamMonthDue.objects.create(team=teams["team"], month=date(2024, 1, 1), due=None, open=5)
    TeamMonth.objects.filter(team=teams["team"]).update(held=7)
    assert tallies.rebuild_tallies(dry_run=True).changed == 3
    assert stored_team_columns() != expected
    assert tallies.rebuild_tallies().changed == 3
    assert stored_team_columns() == expected
    assert tallies.rebuild_tallies(dry_run=True).changed == 0
    assert_up_to_date()


def test_the_data_migration_fills_the_organisation_months_days_and_team_columns(team: Team) -> None:
    from importlib import import_module

    from django.apps import apps

    full(team, date(2025, 3, 10))
    full(TeamFactory(organisation=team.organisation), date(2025, 6, 1))
    expected = stored_organisation_months(), stored_team_columns(), stored_organisation_days()
    assert expected[2]
    OrganisationMonth.objects.all().delete()
    OrganisationDay.objects.all().delete()
    TeamMonthDue.objects.all().delete()
    TeamMonth.objects.update(held=0, last_day=None)
    TallyMark.objects.update(day=None)
    import_module("beraad.insights.migrations.0008_fill_organisation_days").fill(apps, None)
    found = stored_organisation_months(), stored_team_columns(), stored_organisation_days()
    assert found == expected
    assert not TallyMark.objects.filter(day=None).exists()
    assert_up_to_date()


def test_an_organisation_month_is_recomputed_once_per_change_not_per_team(team: Team) -> None:
    """A save reads its organisation's team months of that month (one query), whatever the
    number of teams, and leaves the organisation alone when its team month did not change."""
    for _i in range(5):
        full(TeamFactory(organisation=team.organisation), date(2025, 3, 5))
    d = full(team, date(2025, 3, 10))
    with CaptureQueriesContext(connection) as queries:
        d.title = "Nieuwe titel"
        d.save()  # no field the tallies read: nothing recomputed
    assert not [q for q in queries.captured_queries if "insights_organisationmonth" in q["sql"]]
    with CaptureQueriesContext(connection) as queries:
        StakeholderFactory(deliberation=d, kind="police")
    organisation_queries = [
        q for q in queries.captured_queries if "insights_organisationmonth" in q["sql"]
    ]
    assert 1 <= len(organisation_queries) <= 3  # lock (made if missing), update
    assert_up_to_date()


def test_recompute_organisation_is_safe_to_repeat(team: Team) -> None:
    full(team, date(2025, 3, 10))
    before = stored_organisation_months()
    org_tallies.recompute_organisation(team.organisation_id)
    org_tallies.recompute_organisation(team.organisation_id)
    assert stored_organisation_months() == before == fresh_organisation_months()
    assert models().OrganisationMonth.objects.count() == 1


# The page


def test_the_per_team_table_escapes_team_names_and_shows_its_counts(
    client: Client, team: Team
) -> None:
    team.name = '<script>alert("x")</script> Noord'
    team.save()
    user = MembershipFactory(team=team).user
    OrganisationRole.objects.create(
        user=user, organisation=team.organisation, role=OrganisationRole.Kind.COORDINATOR
    )
    client.force_login(user)
    today = timezone.localdate()
    d = full(team, today - timedelta(days=1))
    ActionFactory(deliberation=d, due=today - timedelta(days=1))  # overdue
    page = client.get(
        reverse("insights:organisation", kwargs={"organisation": team.organisation.slug})
    )
    html = page.content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Noord" in html
    row = html.split("&lt;/script&gt; Noord</th>")[1].split("</tr>")[0]
    # held 1; open actions 3 (two dated, one without a date), of which 1 overdue
    assert '<td data-label="Gehouden">1</td>' in row
    assert '<td data-label="Open acties">3</td>' in row
    assert '<td data-label="Waarvan te laat">1</td>' in row


def test_the_overview_reads_as_many_queries_for_more_deliberations_per_team(
    client: Client, team: Team
) -> None:
    user = MembershipFactory(team=team).user
    OrganisationRole.objects.create(
        user=user, organisation=team.organisation, role=OrganisationRole.Kind.COORDINATOR
    )
    client.force_login(user)
    url = reverse("insights:organisation", kwargs={"organisation": team.organisation.slug})
    sister = TeamFactory(organisation=team.organisation)
    today = timezone.localdate()

    def queries() -> list[int]:
        found = []
        for query in ({}, {"date_from": "2024-01-01", "by": "quarter"}):
            counts = []
            for _attempt in range(2):  # the session's once-a-minute note: the fewer counts
                with CaptureQueriesContext(connection) as captured:
                    assert client.get(url, query).status_code == 200
                counts.append(len(captured.captured_queries))
            found.append(min(counts))
        return found

    for t in (team, sister):
        full(t, today - timedelta(days=40))
    few = queries()
    for t in (team, sister):
        for n in range(12):
            full(t, today - timedelta(days=30 * n + 5))
    assert queries() == few
    assert OrganisationMonth.objects.filter(organisation=team.organisation).count() >= 12


# Two teams' saves at once


@pytest.mark.django_db(transaction=True)
def test_two_teams_saving_in_the_same_month_at_once_lose_no_count() -> None:
    """The first save holds its organisation's month until it commits; the second, by another
    team in the same month, waits for it and then sums both team months (summing without the
    lock, or before it, would miss the first)."""
    organisation = OrganisationFactory()
    first_team, second_team = (TeamFactory(organisation=organisation) for _i in range(2))
    day = date(2025, 4, 10)
    DeliberationFactory(team=first_team, held_on=day)  # the organisation month exists
    DeliberationFactory(team=second_team, held_on=day)
    errors = save_at_once(first_team, second_team, day)
    assert not errors
    counts = OrganisationMonth.objects.get(organisation=organisation, month=date(2025, 4, 1)).counts
    assert sum(counts["days"].values()) == 4
    assert_up_to_date()
