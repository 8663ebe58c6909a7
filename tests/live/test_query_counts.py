"""The queries of every kind of request a live deliberation makes, pinned: 300 devices polling one
server multiply each one (docs/deployment.md, "Live facilitation under load"). A query added back
fails here; a query taken out is a reason to lower the number.

Counted inside the test's transaction, so each atomic block shows as a SAVEPOINT and its RELEASE
(in production: nothing, and a COMMIT). On PostgreSQL the access log's lock and the read of the
last hash are one query, as on SQLite the read alone. Each number is the same on both databases.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import OrganisationRole, Role, User
from beraad.live.models import LiveSession, PendingChoice
from tests.factories import DeliberationFactory, MembershipFactory, OptionFactory

pytestmark = pytest.mark.django_db

HX = {"HTTP_HX_REQUEST": "true"}
POLL = re.compile(r"/live/\d+/state/\?v=(\d+)&amp;m=([\w-]+)")
Exactly = Callable[[int], AbstractContextManager[Any]]


class Room:
    """A deliberation at step 7 with three options, its facilitator, a member and a guest."""

    def __init__(self, team: Any, facilitator: Any) -> None:
        self.d = DeliberationFactory(team=team, current_step="decision")
        self.options = [
            OptionFactory(deliberation=self.d, title=t) for t in ("Melden", "Afwachten", "Bellen")
        ]
        self.facilitator = Client()
        self.facilitator.force_login(facilitator.user)
        self.member = Client()
        self.member.force_login(MembershipFactory(team=team, role=Role.MEMBER).user)
        kw = {"team": team.slug, "pk": self.d.pk}
        self.present = reverse("live:present", kwargs=kw)
        self.control = reverse("live:control", kwargs=kw)
        self.screen = reverse("live:state", kwargs=kw)
        self.guests = reverse("live:guests", kwargs=kw)
        self.device = reverse("live:device", kwargs={"pk": self.d.pk})

    def url(self, name: str) -> str:
        return reverse(f"live:{name}", kwargs={"pk": self.d.pk})

    def press(self, do: str) -> None:
        assert self.facilitator.post(self.control, {"do": do}).status_code == 302

    def poll_url(self, client: Client) -> str:
        found = POLL.search(client.get(self.device).content.decode())
        assert found is not None
        return f"{self.url('device_state')}?v={found[1]}&m={found[2]}"

    def screen_version(self) -> str:
        return LiveSession.objects.get(pk=self.d.pk).screen_version

    def guest(self) -> Client:
        page = self.facilitator.post(self.guests, {"label": "vrijwilliger", "hours": "4"})
        link = re.search(r'value="http://testserver(/guest/[^"/]+/)"', page.content.decode())
        assert link is not None
        guest = Client()
        assert guest.post(link[1], {"confidential": "on"}).status_code == 302
        return guest


@pytest.fixture
def room(team: Any, facilitator: Any) -> Room:
    made = Room(team, facilitator)
    assert made.facilitator.get(made.present).status_code == 200  # the live session exists
    return made


def test_it_opens_a_device_page_for_the_first_time_in_14_queries_on_postgresql(
    room: Room, django_assert_num_queries: Exactly
) -> None:
    # session, user, seat with role (none yet), deliberation with live session and role; the seat
    # with its participant line and the screen's version: one statement on PostgreSQL (with its
    # SAVEPOINT and RELEASE here, inside the test's transaction), else SAVEPOINT, participant
    # lookup, participant, seat, the screen's version, RELEASE (a new participant changes no
    # text: privacy has no replacement to check); options; the menu (memberships, organisation
    # roles); the access log (SAVEPOINT, lock and last hash, entry, RELEASE).
    with django_assert_num_queries(14 if connection.vendor == "postgresql" else 17):
        assert room.member.get(room.device).status_code == 200


def test_it_opens_a_device_page_in_10_queries(
    room: Room, django_assert_num_queries: Exactly
) -> None:
    room.member.get(room.device)
    # session, user, seat with role and session, options, the menu (memberships, organisation
    # roles); the access log (SAVEPOINT, lock and last hash, entry, RELEASE).
    with django_assert_num_queries(10):
        page = room.member.get(room.device)
    assert page.status_code == 200
    assert all(str(o.title) in page.content.decode() for o in room.options)


def test_a_page_shows_the_same_menu_from_two_queries(
    room: Room, team: Any, django_assert_num_queries: Exactly
) -> None:
    """Facilitator of two teams of one organisation, coordinator of it, trainer of another:
    every link the menu had from four queries, from two."""
    user = room.facilitator.session["_auth_user_id"]
    other = MembershipFactory(user_id=user, role=Role.FACILITATOR).team
    OrganisationRole.objects.create(
        user_id=user, organisation=team.organisation, role=OrganisationRole.Kind.COORDINATOR
    )
    OrganisationRole.objects.create(
        user_id=user, organisation=other.organisation, role=OrganisationRole.Kind.TRAINER
    )
    room.facilitator.get(room.device)
    with django_assert_num_queries(10):
        page = room.facilitator.get(room.device).content.decode()
    for organisation in {team.organisation, other.organisation}:
        library = reverse("library:list", kwargs={"organisation": organisation.slug})
        assert page.count(f'href="{library}"') == 1
    overview = reverse("insights:organisation", kwargs={"organisation": team.organisation.slug})
    assert page.count(f'href="{overview}"') == 1
    assert (
        reverse("insights:organisation", kwargs={"organisation": other.organisation.slug})
        not in page
    )
    switch = page.split('class="team-switch"')[1].split("</details>")[0]
    assert switch.index(f">{team.name}<") > 0 and switch.index(f">{other.name}<") > 0
    names = sorted([team.name, other.name])
    assert switch.index(f">{names[0]}<") < switch.index(f">{names[1]}<")


def test_an_unchanged_poll_reads_two_rows_for_a_member_and_for_a_guest(
    room: Room, django_assert_num_queries: Exactly
) -> None:
    member_poll = room.poll_url(room.member)
    guest = room.guest()
    guest_poll = room.poll_url(guest)
    # session, the version (membership and the person's password joined in); nothing written,
    # nothing logged.
    with django_assert_num_queries(2):
        assert room.member.get(member_poll, **HX).status_code == 204
    # session, the version (invitation joined in).
    with django_assert_num_queries(2):
        assert guest.get(guest_poll, **HX).status_code == 204


def test_a_changed_poll_reads_seven_queries(room: Room, django_assert_num_queries: Exactly) -> None:
    poll = room.poll_url(room.member)
    room.press("collect-anonymous")
    # session, user, the version, seat with role and session, options; the choice form's
    # options and values. Not logged (only a refusal is).
    with django_assert_num_queries(7):
        answer = room.member.get(poll, **HX)
    assert answer.status_code == 200 and 'name="option"' in answer.content.decode()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda user: user.set_password("een-nieuw-wachtwoord-42"), id="password"),
        pytest.param(lambda user: setattr(user, "is_active", False), id="deactivated"),
        pytest.param(lambda user: user.memberships.all().delete(), id="left-the-team"),
        pytest.param(lambda user: user.end_all_sessions(), id="signed-out-everywhere"),
    ],
)
def test_an_unchanged_poll_is_not_answered_for_a_session_that_no_longer_holds(
    room: Room, change: Callable[[Any], Any]
) -> None:
    """The quick answer does not load the person, so it must refuse what loading them would."""
    poll = room.poll_url(room.member)
    assert room.member.get(poll, **HX).status_code == 204
    user = User.objects.get(pk=room.member.session["_auth_user_id"])
    change(user)
    user.save()
    answer = room.member.get(poll, **HX)
    assert answer.status_code != 204
    assert room.member.get(room.device).status_code != 200


def test_a_session_signed_in_after_signing_out_everywhere_gets_the_quick_answer(
    room: Room, django_assert_num_queries: Exactly
) -> None:
    user = User.objects.get(pk=room.member.session["_auth_user_id"])
    user.end_all_sessions()
    room.member.force_login(user)
    poll = room.poll_url(room.member)
    with django_assert_num_queries(2):
        assert room.member.get(poll, **HX).status_code == 204


@pytest.mark.parametrize(("round_", "queries"), [("collect-anonymous", 13), ("collect-named", 17)])
def test_a_choice_is_stored_and_logged_in_few_queries(
    room: Room, round_: str, queries: int, django_assert_num_queries: Exactly
) -> None:
    room.member.get(room.device)
    room.press(round_)
    form = {"option": room.options[1].pk, "harm": "Het vertrouwen lijdt eronder."}
    # SAVEPOINT (the request's transaction), user, seat with role and session, the option;
    # seat and session locked (one query), the pending choice, chose, the screen's version; the
    # options shown; the access log (lock and last hash, entry), RELEASE. By name, also: an
    # update that finds no choice before the insert, the choice read back into the form shown
    # again (it can be changed until the reveal), and the form's options and values.
    with django_assert_num_queries(queries):
        answer = room.member.post(room.url("device_choice"), form, **HX)
    assert answer.status_code == 200
    assert PendingChoice.objects.filter(session_id=room.d.pk, option=room.options[1]).count() == 1


def test_a_named_choice_sent_again_replaces_the_first_in_as_few_queries(
    room: Room, django_assert_num_queries: Exactly
) -> None:
    room.member.get(room.device)
    room.press("collect-named")
    room.member.post(room.url("device_choice"), {"option": room.options[0].pk}, **HX)
    with django_assert_num_queries(16):  # the update finds it: no insert
        answer = room.member.post(room.url("device_choice"), {"option": room.options[2].pk}, **HX)
    assert answer.status_code == 200
    assert list(PendingChoice.objects.values_list("option", flat=True)) == [room.options[2].pk]


def test_a_rating_is_stored_and_logged_in_eleven_queries(
    room: Room, django_assert_num_queries: Exactly
) -> None:
    room.member.get(room.device)
    for do in ("next", "open-ratings"):
        room.press(do)
    # SAVEPOINT, user, seat with role and session; seat and session locked, the pending
    # rating, rated, the screen's version; the access log (lock and last hash, entry), RELEASE.
    with django_assert_num_queries(11):
        assert room.member.post(room.url("device_rating"), {"score": 4}, **HX).status_code == 200


def test_the_facilitators_screen_polls_in_few_queries(
    room: Room, django_assert_num_queries: Exactly
) -> None:
    version = room.screen_version()
    # session, user, membership, deliberation, the versions.
    with django_assert_num_queries(5):
        assert room.facilitator.get(room.screen, {"v": version}, **HX).status_code == 204
    room.member.get(room.device)  # a seat taken: the screen shows it
    with django_assert_num_queries(11):
        assert room.facilitator.get(room.screen, {"v": version}, **HX).status_code == 200


def test_the_presentation_page_and_a_control_button_keep_their_queries(
    room: Room, django_assert_num_queries: Exactly
) -> None:
    with django_assert_num_queries(14):
        assert room.facilitator.get(room.present).status_code == 200
    with django_assert_num_queries(12):
        room.press("collect-anonymous")
