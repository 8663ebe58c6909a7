"""A refused attempt on another team's data is on that team's access log page."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import Role
from beraad.audit.models import AccessLog
from tests.factories import DeliberationFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


def team_log(client: Client, team: Any) -> str:
    admin = MembershipFactory(team=team, role=Role.TEAM_ADMIN).user
    client.force_login(admin)
    return client.get(reverse("accounts:team_log", kwargs={"team": team.slug})).content.decode()


def test_a_teams_admin_sees_someone_of_another_team_refused_at_its_deliberation(
    client: Client, team: Any, other_team: Any
) -> None:
    deliberation = DeliberationFactory(team=team)
    intruder = MembershipFactory(team=other_team, role=Role.FACILITATOR).user
    client.force_login(intruder)
    url = reverse("deliberation:detail", kwargs={"team": team.slug, "pk": deliberation.pk})
    response = client.get(url)
    assert response.status_code == 404
    # Nothing tells them the team or the deliberation exists.
    assert team.name not in response.content.decode()
    logged = AccessLog.objects.get()
    assert (logged.team_id, logged.team_slug, logged.role) == (team.pk, team.slug, "")
    assert (logged.outcome, logged.user_id) == ("denied", intruder.pk)
    page = team_log(client, team)
    assert intruder.email in page and f"#{deliberation.pk}" in page
    assert not AccessLog.objects.for_team(other_team.pk).filter(outcome="denied").exists()


def test_it_logs_an_attempt_through_ones_own_teams_address_under_the_deliberations_team(
    client: Client, team: Any, other_team: Any
) -> None:
    deliberation = DeliberationFactory(team=team)
    intruder = MembershipFactory(team=other_team).user
    client.force_login(intruder)
    url = reverse(
        "deliberation:step",
        kwargs={"team": other_team.slug, "pk": deliberation.pk, "step": "case"},
    )
    assert client.get(url).status_code == 404
    logged = AccessLog.objects.get()
    assert (logged.team_id, logged.outcome) == (team.pk, "denied")
    assert intruder.email in team_log(client, team)


def test_it_logs_a_refused_device_page_under_the_deliberations_team(
    client: Client, team: Any, other_team: Any
) -> None:
    deliberation = DeliberationFactory(team=team)
    client.force_login(MembershipFactory(team=other_team).user)
    assert client.get(reverse("live:device", kwargs={"pk": deliberation.pk})).status_code == 404
    assert AccessLog.objects.get().team_id == team.pk


def test_it_logs_an_unknown_team_or_deliberation_under_no_team(client: Client, team: Any) -> None:
    client.force_login(MembershipFactory(team=TeamFactory()).user)
    client.get(reverse("deliberation:detail", kwargs={"team": "bestaat-niet", "pk": 1}))
    client.get(reverse("deliberation:detail", kwargs={"team": team.slug, "pk": 999999}))
    assert list(AccessLog.objects.order_by("id").values_list("team_id", "outcome")) == [
        (None, "denied"),
        (team.pk, "denied"),
    ]
