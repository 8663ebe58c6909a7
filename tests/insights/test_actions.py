from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from urllib.parse import urlencode

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beraad.accounts.models import Membership, Role, Team, User
from beraad.deliberation.forms import ActionForm
from beraad.deliberation.models import Action, Deliberation, Status
from tests.factories import (
    ActionFactory,
    DeliberationFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def actions_url(team: Team, **query: str) -> str:
    url = reverse("insights:actions", kwargs={"team": team.slug})
    return f"{url}?{urlencode(query)}" if query else url


def mark_url(action: Action, team: Team | None = None) -> str:
    slug = (team or action.deliberation.team).slug
    return reverse("insights:action_mark", kwargs={"team": slug, "pk": action.pk})


def step_url(d: Deliberation, step: str = "opening") -> str:
    return reverse("deliberation:step", kwargs={"team": d.team.slug, "pk": d.pk, "step": step})


# The action list


@dataclass
class Board:
    me: User
    colleague: User


WHAT = {
    "mine_open": "Actie-Merel-open",
    "mine_overdue": "Actie-Merel-telaat",
    "mine_done": "Actie-Merel-klaar",
    "theirs_open": "Actie-Kees-open",
    "theirs_done": "Actie-Kees-klaar",
    "nobody_open": "Actie-niemand-open",
    "nobody_overdue": "Actie-niemand-telaat",
    "elsewhere_mine": "Actie-ander-team-Merel",
    "elsewhere_overdue": "Actie-ander-team-telaat",
}


@pytest.fixture
def board(team: Team, other_team: Team) -> Board:
    """Actions of one team with different assignees and states, and actions of another team
    (one of them assigned to the same person, who is a member of both teams)."""
    today = timezone.localdate()
    me = MembershipFactory(team=team).user
    MembershipFactory(team=other_team, user=me)
    colleague = MembershipFactory(team=team).user
    first = DeliberationFactory(team=team, held_on=date(2026, 3, 1), status=Status.CONCLUDED)
    second = DeliberationFactory(team=team, held_on=date(2026, 6, 1))
    ActionFactory(deliberation=first, what=WHAT["mine_open"], assignee=me)
    ActionFactory(
        deliberation=first,
        what=WHAT["mine_overdue"],
        assignee=me,
        due=today - timedelta(days=3),
    )
    ActionFactory(
        deliberation=second,
        what=WHAT["mine_done"],
        assignee=me,
        done=True,
        due=today - timedelta(days=30),
    )
    ActionFactory(
        deliberation=second, what=WHAT["theirs_open"], assignee=colleague, due=today + timedelta(2)
    )
    ActionFactory(deliberation=first, what=WHAT["theirs_done"], assignee=colleague, done=True)
    ActionFactory(deliberation=second, what=WHAT["nobody_open"], who="de wijkverpleging")
    ActionFactory(deliberation=second, what=WHAT["nobody_overdue"], due=today - timedelta(days=1))
    elsewhere = DeliberationFactory(team=other_team, held_on=date(2026, 4, 1))
    ActionFactory(deliberation=elsewhere, what=WHAT["elsewhere_mine"], assignee=me)
    ActionFactory(
        deliberation=elsewhere, what=WHAT["elsewhere_overdue"], due=today - timedelta(days=1)
    )
    return Board(me=me, colleague=colleague)


def shown(text: str) -> set[str]:
    return {key for key, what in WHAT.items() if what in text}


@pytest.mark.parametrize(
    ("whose", "state", "expected"),
    [
        ("mine", "all", {"mine_open", "mine_overdue", "mine_done"}),
        ("mine", "open", {"mine_open", "mine_overdue"}),
        ("mine", "overdue", {"mine_overdue"}),
        ("mine", "done", {"mine_done"}),
        (
            "all",
            "all",
            {
                "mine_open",
                "mine_overdue",
                "mine_done",
                "theirs_open",
                "theirs_done",
                "nobody_open",
                "nobody_overdue",
            },
        ),
        (
            "all",
            "open",
            {"mine_open", "mine_overdue", "theirs_open", "nobody_open", "nobody_overdue"},
        ),
        ("all", "overdue", {"mine_overdue", "nobody_overdue"}),
        ("all", "done", {"mine_done", "theirs_done"}),
    ],
)
def test_the_action_list_filters_by_whose_and_state(
    client: Client, team: Team, board: Board, whose: str, state: str, expected: set[str]
) -> None:
    client.force_login(board.me)
    response = client.get(actions_url(team, whose=whose, state=state))
    assert response.status_code == 200
    assert shown(response.content.decode()) == expected
    assert {a.what for a in response.context["actions"]} == {WHAT[key] for key in expected}


def test_mine_is_whoever_is_looking(client: Client, team: Team, board: Board) -> None:
    client.force_login(board.colleague)
    text = client.get(actions_url(team, whose="mine", state="all")).content.decode()
    assert shown(text) == {"theirs_open", "theirs_done"}


def test_the_action_list_shows_the_whole_teams_open_actions_by_default(
    client: Client, team: Team, board: Board
) -> None:
    client.force_login(board.me)
    response = client.get(actions_url(team))
    assert response.status_code == 200
    assert response.context["whose"] == "all" and response.context["state"] == "open"
    assert shown(response.content.decode()) == {
        "mine_open",
        "mine_overdue",
        "theirs_open",
        "nobody_open",
        "nobody_overdue",
    }


def test_unknown_filters_fall_back_to_the_defaults(
    client: Client, team: Team, board: Board
) -> None:
    client.force_login(board.me)
    response = client.get(actions_url(team, whose="everyone", state="'; drop"))
    assert response.status_code == 200
    assert response.context["whose"] == "all" and response.context["state"] == "open"
    assert "nobody_open" in shown(response.content.decode())


def test_the_other_teams_actions_show_only_on_its_own_list(
    client: Client, other_team: Team, board: Board
) -> None:
    client.force_login(board.me)
    text = client.get(actions_url(other_team, whose="all", state="all")).content.decode()
    assert shown(text) == {"elsewhere_mine", "elsewhere_overdue"}


def test_an_outsider_gets_404_for_the_action_list(
    client: Client, team: Team, other_team: Team, board: Board
) -> None:
    client.force_login(MembershipFactory(team=other_team).user)
    response = client.get(actions_url(team, whose="all", state="all"))
    assert response.status_code == 404
    assert not shown(response.content.decode())


def test_the_action_list_links_each_action_to_its_deliberation(
    client: Client, team: Team, board: Board
) -> None:
    client.force_login(board.me)
    text = client.get(actions_url(team, whose="mine", state="done")).content.decode()
    done = Action.objects.get(what=WHAT["mine_done"])
    detail = reverse("deliberation:detail", kwargs={"team": team.slug, "pk": done.deliberation_id})
    assert f'href="{detail}"' in text
    assert f'action="{mark_url(done)}"' in text


# Marking done and open again


def test_a_member_marks_an_action_done_with_a_note(
    client: Client, team: Team, member: Membership
) -> None:
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    client.force_login(member.user)
    before = timezone.now()
    response = client.post(mark_url(action), {"done": "1", "note": "Gebeld; de zoon komt langs."})
    assert response.status_code == 302
    assert response["Location"] == actions_url(team)
    action.refresh_from_db()
    assert action.done is True
    assert action.done_at is not None and action.done_at >= before
    assert action.done_by == member.user
    assert action.done_note == "Gebeld; de zoon komt langs."


def test_an_action_of_a_concluded_deliberation_can_be_marked_done(
    client: Client, team: Team, member: Membership
) -> None:
    concluded = DeliberationFactory(team=team, status=Status.CONCLUDED)
    action = ActionFactory(deliberation=concluded)
    client.force_login(member.user)
    assert client.post(mark_url(action), {"done": "1", "note": ""}).status_code == 302
    action.refresh_from_db()
    assert action.done and action.done_at is not None and action.done_by == member.user
    concluded.refresh_from_db()
    assert concluded.status == Status.CONCLUDED


def test_an_action_can_be_opened_again(client: Client, team: Team, member: Membership) -> None:
    other = MembershipFactory(team=team).user
    action = ActionFactory(
        deliberation=DeliberationFactory(team=team, status=Status.CONCLUDED),
        done=True,
        done_at=timezone.now(),
        done_by=other,
        done_note="Was gedaan",
    )
    client.force_login(member.user)
    assert client.post(mark_url(action), {"done": "0"}).status_code == 302
    action.refresh_from_db()
    assert action.done is False
    assert action.done_at is None
    assert action.done_by is None


def test_an_action_of_another_team_is_404(
    client: Client, team: Team, other_team: Team, member: Membership
) -> None:
    foreign = ActionFactory(deliberation=DeliberationFactory(team=other_team))
    client.force_login(member.user)
    # through one's own team, and through the other team's address
    assert client.post(mark_url(foreign, team), {"done": "1"}).status_code == 404
    assert client.post(mark_url(foreign), {"done": "1"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.done is False and foreign.done_at is None and foreign.done_by is None


def test_a_member_of_both_teams_cannot_mark_through_the_wrong_team(
    client: Client, team: Team, other_team: Team, member: Membership
) -> None:
    MembershipFactory(team=other_team, user=member.user)
    foreign = ActionFactory(deliberation=DeliberationFactory(team=other_team))
    client.force_login(member.user)
    assert client.post(mark_url(foreign, team), {"done": "1"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.done is False


def test_a_note_over_2000_characters_is_refused(
    client: Client, team: Team, member: Membership
) -> None:
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    client.force_login(member.user)
    response = client.post(mark_url(action), {"done": "1", "note": "x" * 2001})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.done is False
    assert action.done_at is None and action.done_by is None
    assert action.done_note == ""


def test_a_note_of_exactly_2000_characters_is_kept(
    client: Client, team: Team, member: Membership
) -> None:
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    client.force_login(member.user)
    client.post(mark_url(action), {"done": "1", "note": "x" * 2000})
    action.refresh_from_db()
    assert action.done is True and len(action.done_note) == 2000


def test_a_missing_done_value_changes_nothing(
    client: Client, team: Team, member: Membership
) -> None:
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    client.force_login(member.user)
    assert client.post(mark_url(action), {"done": "ja"}).status_code == 302
    action.refresh_from_db()
    assert action.done is False and action.done_at is None


def test_marking_returns_to_a_safe_next_path(
    client: Client, team: Team, member: Membership
) -> None:
    d = DeliberationFactory(team=team)
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    client.force_login(member.user)
    back = step_url(d) + "?x=1"
    response = client.post(mark_url(action), {"done": "1", "next": back})
    assert response.status_code == 302
    assert response["Location"] == back


@pytest.mark.parametrize(
    "evil",
    ["https://evil.example/", "//evil.example/steal", "http://evil.example", "javascript:alert(1)"],
)
def test_marking_ignores_an_off_site_next(
    client: Client, team: Team, member: Membership, evil: str
) -> None:
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    client.force_login(member.user)
    response = client.post(mark_url(action), {"done": "1", "next": evil})
    assert response.status_code == 302
    assert response["Location"] == actions_url(team)
    action.refresh_from_db()
    assert action.done is True


def test_a_refused_note_also_ignores_an_off_site_next(
    client: Client, team: Team, member: Membership
) -> None:
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    client.force_login(member.user)
    response = client.post(
        mark_url(action), {"done": "1", "note": "x" * 2001, "next": "https://evil.example/"}
    )
    assert response["Location"] == actions_url(team)


def test_marking_needs_a_post(client: Client, team: Team, member: Membership) -> None:
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    client.force_login(member.user)
    assert client.get(mark_url(action) + "?done=1").status_code == 405
    action.refresh_from_db()
    assert action.done is False


def test_an_anonymous_visitor_cannot_mark(client: Client, team: Team) -> None:
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    response = client.post(mark_url(action), {"done": "1"})
    assert response.status_code == 302
    assert "login" in response["Location"]
    action.refresh_from_db()
    assert action.done is False


# Step 1 asks about the open actions of earlier deliberations


@pytest.fixture
def history(team: Team, other_team: Team) -> dict[str, Any]:
    current = DeliberationFactory(team=team, held_on=date(2026, 5, 1))
    earlier = DeliberationFactory(team=team, held_on=date(2026, 4, 1), status=Status.CONCLUDED)
    much_earlier = DeliberationFactory(team=team, held_on=date(2025, 9, 1))
    later = DeliberationFactory(team=team, held_on=date(2026, 6, 1))
    foreign = DeliberationFactory(team=other_team, held_on=date(2026, 4, 1))
    ActionFactory(deliberation=earlier, what="Eerder-open-buurvrouw-bellen")
    ActionFactory(deliberation=much_earlier, what="Veel-eerder-open-huisarts")
    ActionFactory(deliberation=earlier, what="Eerder-klaar-brief", done=True)
    ActionFactory(deliberation=later, what="Later-open-evaluatie")
    ActionFactory(deliberation=foreign, what="Ander-team-open-melding")
    return {"current": current, "earlier": earlier}


def test_step_one_lists_open_actions_of_earlier_deliberations(
    fclient: Client, history: dict[str, Any]
) -> None:
    response = fclient.get(step_url(history["current"]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Eerder-open-buurvrouw-bellen" in text
    assert "Veel-eerder-open-huisarts" in text
    assert "Eerder-klaar-brief" not in text
    assert "Later-open-evaluatie" not in text
    assert "Ander-team-open-melding" not in text
    assert {a.what for a in response.context["earlier_actions"]} == {
        "Eerder-open-buurvrouw-bellen",
        "Veel-eerder-open-huisarts",
    }


def test_step_one_marks_an_earlier_action_and_comes_back(
    fclient: Client, history: dict[str, Any]
) -> None:
    url = step_url(history["current"])
    text = fclient.get(url).content.decode()
    action = Action.objects.get(what="Eerder-open-buurvrouw-bellen")
    assert f'action="{mark_url(action)}"' in text
    assert f'name="next" value="{url}"' in text
    response = fclient.post(mark_url(action), {"done": "1", "note": "Gedaan", "next": url})
    assert response["Location"] == url
    assert "Eerder-open-buurvrouw-bellen" not in fclient.get(url).content.decode()


def test_step_one_of_a_concluded_deliberation_does_not_list_earlier_actions(
    fclient: Client, team: Team, history: dict[str, Any]
) -> None:
    concluded = DeliberationFactory(team=team, held_on=date(2026, 5, 2), status=Status.CONCLUDED)
    response = fclient.get(step_url(concluded))
    assert response.status_code == 200
    assert "earlier_actions" not in response.context
    assert "Eerder-open-buurvrouw-bellen" not in response.content.decode()


def test_the_deliberations_own_actions_are_not_listed_as_earlier(
    fclient: Client, history: dict[str, Any]
) -> None:
    ActionFactory(deliberation=history["current"], what="Eigen-actie-van-vandaag")
    response = fclient.get(step_url(history["current"]))
    assert "Eigen-actie-van-vandaag" not in {a.what for a in response.context["earlier_actions"]}


def test_other_steps_do_not_list_earlier_actions(fclient: Client, history: dict[str, Any]) -> None:
    response = fclient.get(step_url(history["current"], "case"))
    assert response.status_code == 200
    assert "earlier_actions" not in response.context
    assert "Eerder-open-buurvrouw-bellen" not in response.content.decode()


# The assignee of an action


def test_the_assignee_choices_are_the_active_members_of_the_team(
    team: Team, other_team: Team
) -> None:
    d = DeliberationFactory(team=team)
    active = MembershipFactory(team=team).user
    admin = MembershipFactory(team=team, role=Role.TEAM_ADMIN).user
    both = MembershipFactory(team=team).user
    MembershipFactory(team=other_team, user=both)
    left = MembershipFactory(team=team).user
    left.is_active = False
    left.save()
    stranger = MembershipFactory(team=other_team).user
    UserFactory()  # no team at all
    form = ActionForm(deliberation=d)
    choices = list(form.fields["assignee"].queryset)
    assert sorted(u.pk for u in choices) == sorted([active.pk, admin.pk, both.pk])
    assert stranger not in choices and left not in choices


def test_an_assignee_from_another_team_is_refused(team: Team, other_team: Team) -> None:
    d = DeliberationFactory(team=team)
    stranger = MembershipFactory(team=other_team).user
    member = MembershipFactory(team=team).user
    refused = ActionForm({"what": "Bellen", "assignee": stranger.pk}, deliberation=d)
    assert not refused.is_valid()
    assert "assignee" in refused.errors
    accepted = ActionForm({"what": "Bellen", "assignee": member.pk}, deliberation=d)
    assert accepted.is_valid(), accepted.errors
    assert accepted.save().assignee == member
