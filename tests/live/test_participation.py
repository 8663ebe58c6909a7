"""Participants on their own devices: guests, private choices and the reveal, ratings, contributions."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beraad.accounts.models import Role
from beraad.audit.models import AccessLog
from beraad.deliberation.models import Choice, Rating, Stakeholder, Status
from beraad.live.models import GuestInvite, LiveSession, PendingChoice, PendingRating, Seat
from beraad.live.rounds import distribution
from tests.factories import DeliberationFactory, MembershipFactory, OptionFactory

pytestmark = pytest.mark.django_db

CASE_TEXT = "Mevrouw A. weigert al weken de thuiszorg aan de deur."


@pytest.fixture
def room(team: Any, facilitator: Any) -> dict[str, Any]:
    d = DeliberationFactory(team=team, current_step="case", case_description=CASE_TEXT)
    options = [OptionFactory(deliberation=d, title=t) for t in ("Melden", "Afwachten")]
    clients = {"facilitator": Client(), "one": Client(), "two": Client()}
    clients["facilitator"].force_login(facilitator.user)
    for name in ("one", "two"):
        clients[name].force_login(MembershipFactory(team=team, role=Role.MEMBER).user)
    return {"d": d, "options": options, "c": clients, "team": team}


def control(room: dict[str, Any], do: str) -> Any:
    d = room["d"]
    url = reverse("live:control", kwargs={"team": d.team.slug, "pk": d.pk})
    return room["c"]["facilitator"].post(url, {"do": do})


def go_to(room: dict[str, Any], step: str) -> None:
    LiveSession.for_deliberation(room["d"])
    LiveSession.objects.filter(pk=room["d"].pk).update(step=step)


def invite_guest(room: dict[str, Any], label: str = "wijkagent") -> str:
    d = room["d"]
    url = reverse("live:guests", kwargs={"team": d.team.slug, "pk": d.pk})
    response = room["c"]["facilitator"].post(url, {"label": label, "hours": "4"})
    assert response.status_code == 200
    match = re.search(r'value="(http://[^"]+/guest/[^"/]+/)"', response.content.decode())
    assert match, "the new link is shown once to the facilitator"
    return match.group(1).replace("http://testserver", "")


def join_as_guest(link: str) -> Client:
    guest = Client()
    assert guest.post(link, {}).status_code == 400  # must agree to confidentiality first
    response = guest.post(link, {"confidential": "on"})
    assert response.status_code == 302
    return guest


def device_url(d: Any, name: str = "device") -> str:
    return reverse(f"live:{name}", kwargs={"pk": d.pk})


def choose(client: Client, d: Any, option: Any, harm: str = "") -> Any:
    return client.post(device_url(d, "device_choice"), {"option": option.pk, "harm": harm})


def one_choice_sent(room: dict[str, Any], harm: str = "") -> tuple[Any, Any]:
    """Step 7, an anonymous round, member one has chosen the first option: (deliberation, it)."""
    d, option = room["d"], room["options"][0]
    go_to(room, "decision")
    control(room, "collect-anonymous")
    assert choose(room["c"]["one"], d, option, harm).status_code == 302
    return d, option


def test_a_guest_link_works_once_expires_and_reaches_nothing_else(room: dict[str, Any]) -> None:
    d = room["d"]
    link = invite_guest(room)
    invite = GuestInvite.objects.get()
    assert link.split("/")[-2] not in invite.key_digest  # only a digest is stored

    assert Client().get(link).status_code == 200  # a link preview spends nothing
    guest = join_as_guest(link)
    page = guest.get(device_url(d))
    assert page.status_code == 200 and d.title in page.content.decode()
    # At the case step a guest does not get the case text, until the facilitator shares it.
    go_to(room, "case")
    assert CASE_TEXT not in guest.get(device_url(d)).content.decode()
    control(room, "share-case")
    assert CASE_TEXT in guest.get(device_url(d)).content.decode()

    # Once: a second device (or a forwarded link) is refused, in words.
    again = Client().post(link, {"confidential": "on"})
    assert again.status_code == 410 and "al gebruikt" in again.content.decode()

    # Nothing else: another deliberation of the same team, the team's pages, the presentation.
    other = DeliberationFactory(team=d.team)
    assert guest.get(device_url(other)).status_code == 404
    assert guest.post(device_url(other, "device_choice"), {}).status_code == 404
    kw = {"team": d.team.slug, "pk": d.pk}
    for name in ("deliberation:detail", "live:present", "deliberation:export", "live:guests"):
        response = guest.get(reverse(name, kwargs=kw))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert guest.get(reverse("deliberation:list", kwargs={"team": d.team.slug})).status_code == 302

    # It expires: the guest inside is stopped, and an unopened link no longer opens.
    GuestInvite.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    assert guest.get(device_url(d)).status_code == 403
    fresh = invite_guest(room, "vrijwilliger")
    GuestInvite.objects.filter(label="vrijwilliger").update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert Client().post(fresh, {"confidential": "on"}).status_code == 410
    # The log names the guest by invitation number, never by anything they typed.
    # and under the deliberation's team, so the team admins see it in their log.
    logged = AccessLog.objects.filter(role="guest")
    assert f"guest {invite.pk}" in {entry.user_email for entry in logged}
    assert all(entry.user_email.startswith("guest ") for entry in logged)
    assert {entry.team_id for entry in logged} == {d.team_id}


def test_a_guest_is_stopped_when_the_deliberation_is_concluded_or_access_ended(
    room: dict[str, Any],
) -> None:
    d = room["d"]
    guest = join_as_guest(invite_guest(room))
    assert guest.get(device_url(d)).status_code == 200
    invite = GuestInvite.objects.get()
    url = reverse("live:guest_end", kwargs={"team": d.team.slug, "pk": d.pk, "guest": invite.pk})
    room["c"]["one"].post(url)  # a member cannot
    assert guest.get(device_url(d)).status_code == 200
    room["c"]["facilitator"].post(url)
    assert guest.get(device_url(d)).status_code == 403
    GuestInvite.objects.update(ended_at=None)
    type(d).objects.filter(pk=d.pk).update(status=Status.CONCLUDED)
    assert guest.get(device_url(d)).status_code == 403
    # A member is sent to the concluded record; following it adds no one to it.
    seats = Seat.objects.count()
    response = room["c"]["two"].get(device_url(d))
    assert response.status_code == 302 and response["Location"].endswith(f"/d/{d.pk}/")
    assert Seat.objects.count() == seats


def test_anonymous_choices_carry_no_person_in_database_export_or_log(
    room: dict[str, Any],
) -> None:
    d, (melden, afwachten), c = room["d"], room["options"], room["c"]
    guest = join_as_guest(invite_guest(room))
    go_to(room, "decision")
    assert choose(c["one"], d, melden).status_code == 409  # not collecting yet
    control(room, "collect-anonymous")
    assert choose(c["one"], d, melden, "Vertrouwen breekt").status_code == 302
    assert choose(c["two"], d, afwachten).status_code == 302
    assert choose(guest, d, melden).status_code == 302
    # Anonymous: nothing ties a choice to its sender, so it cannot be sent twice.
    assert choose(c["one"], d, afwachten).status_code == 409
    assert PendingChoice.objects.filter(participant__isnull=False).count() == 0
    assert Seat.objects.filter(chose=True).count() == 3

    control(room, "reveal")
    assert PendingChoice.objects.count() == 0
    choices = list(Choice.objects.filter(deliberation=d))
    assert len(choices) == 3 and all(ch.participant_id is None for ch in choices)
    assert sorted(ch.option.title for ch in choices) == ["Afwachten", "Melden", "Melden"]  # type: ignore[union-attr]

    export = c["facilitator"].get(
        reverse("deliberation:export", kwargs={"team": d.team.slug, "pk": d.pk})
    )
    document = json.loads(export.content)
    assert len(document["choices"]) == 3
    assert all("participant" not in choice for choice in document["choices"])
    # The log records that someone sent a choice for this deliberation, never which row it is.
    sent = AccessLog.objects.filter(object_type="live-choice", action="create")
    assert set(sent.values_list("object_id", flat=True)) == {str(d.pk)}
    assert (
        not AccessLog.objects.filter(object_type__icontains="choice")
        .exclude(object_type="live-choice")
        .exists()
    )


def test_choices_by_name_can_be_changed_until_the_reveal_and_show_who(
    room: dict[str, Any],
) -> None:
    d, (melden, afwachten), c = room["d"], room["options"], room["c"]
    go_to(room, "decision")
    control(room, "collect-named")
    choose(c["one"], d, melden)
    choose(c["one"], d, afwachten)  # changed their mind
    choose(c["two"], d, afwachten)
    assert PendingChoice.objects.count() == 2
    control(room, "reveal")
    choices = Choice.objects.filter(deliberation=d).select_related("participant", "option")
    assert {ch.option.title for ch in choices} == {"Afwachten"}  # type: ignore[union-attr]
    assert all(ch.participant is not None for ch in choices)
    screen = c["two"].get(device_url(d)).content.decode()
    assert "Wie koos wat" in screen
    # The distribution counts every option, also the one nobody chose in the end.
    counted = {t.label: t.count for t in distribution(d).options}
    assert counted == {"Afwachten": 2, "Melden": 0}
    # Collected once: a second round would mix with the first.
    control(room, "collect-anonymous")
    assert LiveSession.objects.get(pk=d.pk).collecting == "revealed"


def test_nobody_sees_a_choice_before_the_reveal(room: dict[str, Any]) -> None:
    d, (melden, _afwachten), c = room["d"], room["options"], room["c"]
    go_to(room, "decision")
    control(room, "collect-named")
    secret = "Een prijs die alleen ik zo zie"
    choose(c["one"], d, melden, secret)
    kw = {"team": d.team.slug, "pk": d.pk}
    pages = [
        c["two"].get(device_url(d)),
        c["two"].get(device_url(d, "device_state")),
        c["facilitator"].get(reverse("live:present", kwargs=kw)),
        c["facilitator"].get(reverse("live:state", kwargs=kw)),
        c["facilitator"].get(reverse("deliberation:step", kwargs=kw | {"step": "decision"})),
        c["facilitator"].get(reverse("deliberation:export", kwargs=kw)),
    ]
    for page in pages:
        assert page.status_code == 200
        assert secret not in page.content.decode()
    # The facilitator sees who has sent one, and the step page says choices are waiting.
    present = pages[2].content.decode()
    assert "✓" in present
    assert "1 keuze is ingestuurd" in pages[4].content.decode()
    control(room, "reveal")
    after = c["facilitator"].get(reverse("deliberation:step", kwargs=kw | {"step": "decision"}))
    assert secret in after.content.decode()


def test_ratings_from_devices_are_anonymous_and_once_per_person(room: dict[str, Any]) -> None:
    d, c = room["d"], room["c"]
    c["three"] = Client()
    c["three"].force_login(MembershipFactory(team=d.team, role=Role.MEMBER).user)
    go_to(room, "evaluation")
    assert c["one"].post(device_url(d, "device_rating"), {"score": "4"}).status_code == 409
    control(room, "open-ratings")
    page = c["one"].get(device_url(d)).content.decode()
    assert 'name="score"' in page
    assert c["one"].post(device_url(d, "device_rating"), {"score": "9"}).status_code == 400
    assert c["one"].post(device_url(d, "device_rating"), {"score": "4"}).status_code == 302
    assert c["one"].post(device_url(d, "device_rating"), {"score": "5"}).status_code == 409
    assert c["two"].post(device_url(d, "device_rating"), {"score": "2"}).status_code == 302
    # Held without order until the ratings close: no id tells who came first.
    assert not Rating.objects.filter(deliberation=d).exists()
    assert PendingRating.objects.count() == 2
    control(room, "close-ratings")
    assert PendingRating.objects.count() == 0
    assert sorted(Rating.objects.filter(deliberation=d).values_list("score", flat=True)) == [2, 4]
    assert c["three"].post(device_url(d, "device_rating"), {"score": "3"}).status_code == 409
    assert [f.name for f in Rating._meta.get_fields() if f.is_relation] == ["deliberation"]


def test_contributions_arrive_on_the_screen_only_while_the_step_is_open(
    room: dict[str, Any],
) -> None:
    d, c = room["d"], room["c"]
    go_to(room, "stakeholders")
    data = {"add-kind": "neighbour", "add-label": "de buurvrouw"}
    assert c["one"].post(device_url(d, "device_contribute"), data).status_code == 409
    assert not Stakeholder.objects.filter(deliberation=d).exists()
    control(room, "open-contributions")
    state = reverse("live:state", kwargs={"team": d.team.slug, "pk": d.pk})
    version = LiveSession.objects.get(pk=d.pk).screen_version
    assert c["facilitator"].get(state, {"v": version}).status_code == 204
    bad = c["one"].post(device_url(d, "device_contribute"), {"add-kind": "neighbour"})
    assert bad.status_code == 400
    assert c["one"].post(device_url(d, "device_contribute"), data).status_code == 302
    changed = c["facilitator"].get(state, {"v": version})
    assert changed.status_code == 200 and "de buurvrouw" in changed.content.decode()
    # A guest adds too, without the team's check-while-typing endpoint on their form.
    guest = join_as_guest(invite_guest(room))
    form = guest.get(device_url(d)).content.decode()
    assert 'name="add-label"' in form and "privacy/check" not in form
    guest_data = {"add-kind": "police", "add-label": "de wijkagent"}
    assert guest.post(device_url(d, "device_contribute"), guest_data).status_code == 302
    # Moving on closes contributions; a late one gets its text back rather than another form.
    control(room, "next")
    control(room, "open-contributions")
    late = c["one"].post(device_url(d, "device_contribute"), data | {"step": "stakeholders"})
    assert late.status_code == 409
    returned = re.findall(r"<blockquote>(.*?)</blockquote>", late.content.decode())
    assert returned == ["de buurvrouw"]  # what they typed; not the step or the kind they picked
    assert Stakeholder.objects.filter(deliberation=d).count() == 2


def test_a_device_is_told_nothing_changed_and_gets_its_forms_only_when_they_change(
    room: dict[str, Any],
) -> None:
    d, c = room["d"], room["c"]
    go_to(room, "decision")
    first = c["one"].get(device_url(d)).content.decode()
    version = LiveSession.objects.get(pk=d.pk).version
    mode = re.search(r"m=([\w-]+)", first)
    assert mode is not None
    state = device_url(d, "device_state")
    assert c["one"].get(state, {"v": version, "m": mode.group(1)}).status_code == 204
    # Another device taking its seat changes the facilitator's screen, not this device's page.
    c["two"].get(device_url(d))
    assert c["one"].get(state, {"v": version, "m": mode.group(1)}).status_code == 204
    control(room, "collect-anonymous")
    changed = c["one"].get(state, {"v": version, "m": mode.group(1)}).content.decode()
    assert 'hx-swap-oob="true"' in changed and 'name="option"' in changed
    # An outsider gets nothing; someone not signed in is sent to the login page.
    outsider = Client()
    outsider.force_login(MembershipFactory(role=Role.TEAM_ADMIN).user)
    assert outsider.get(device_url(d)).status_code == 404
    assert Client().get(device_url(d)).status_code == 302


def test_a_guest_link_never_reaches_the_log(
    room: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    import logging

    from beraad.lib.logging import RedactKeys

    link = invite_guest(room)
    key = link.split("/")[-2]
    join_as_guest(link)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        Client().post(link, {"confidential": "on"})  # 410, logged by Django as "Gone: <path>"
    records = [r for r in caplog.records if r.name == "django.request"]
    assert records
    for record in records:
        RedactKeys().filter(record)
        assert key not in record.getMessage()


def test_choices_never_revealed_are_deleted_when_the_deliberation_is_concluded(
    room: dict[str, Any], facilitator: Any
) -> None:
    d, _melden = one_choice_sent(room, "Nooit onthuld")
    assert PendingChoice.objects.count() == 1
    d.conclude(facilitator.user)
    assert PendingChoice.objects.count() == 0
    assert not Choice.objects.filter(deliberation=d).exists()
    # Reopened, the round can be collected afresh.
    assert LiveSession.objects.get(pk=d.pk).collecting == ""
    assert not Seat.objects.filter(chose=True).exists()


def test_two_people_of_the_same_name_keep_their_own_choice(room: dict[str, Any]) -> None:
    d, (melden, afwachten), _c = room["d"], room["options"], room["c"]
    first = join_as_guest(invite_guest(room, "vrijwilliger"))
    second = join_as_guest(invite_guest(room, "vrijwilliger"))
    go_to(room, "decision")
    control(room, "collect-named")
    choose(first, d, melden, "Mijn eigen afweging")
    choose(second, d, afwachten, "Een heel andere afweging")
    assert PendingChoice.objects.count() == 2
    # Neither sees the other's text in their own (pre-filled) form.
    assert "Een heel andere afweging" not in first.get(device_url(d)).content.decode()
    control(room, "reveal")
    assert sorted(Choice.objects.values_list("harm", flat=True)) == [
        "Een heel andere afweging",
        "Mijn eigen afweging",
    ]
    assert Choice.objects.values("participant").distinct().count() == 2


def test_an_option_chosen_in_an_open_round_cannot_be_removed_until_the_reveal(
    room: dict[str, Any],
) -> None:
    d, melden = one_choice_sent(room)
    c = room["c"]
    url = reverse(
        "deliberation:item_delete",
        kwargs={"team": d.team.slug, "pk": d.pk, "kind": "options", "item": melden.pk},
    )
    refused = c["facilitator"].post(url, follow=True)
    assert "Onthul de keuzes eerst" in refused.content.decode()
    assert d.options.filter(pk=melden.pk).exists()
    control(room, "reveal")
    assert c["facilitator"].post(url).status_code == 302
    assert not d.options.filter(pk=melden.pk).exists()


def test_a_deliberation_can_be_deleted_while_choices_are_being_collected(
    room: dict[str, Any],
) -> None:
    d, _melden = one_choice_sent(room)
    d.delete()
    assert not PendingChoice.objects.exists() and not LiveSession.objects.exists()


@pytest.mark.parametrize(
    ("outermost", "manual"),
    [
        pytest.param(False, False, id="in-a-transaction"),
        pytest.param(True, False, id="outermost", marks=pytest.mark.django_db(transaction=True)),
        pytest.param(
            True, True, id="autocommit-off", marks=pytest.mark.django_db(transaction=True)
        ),
    ],
)
def test_a_seat_the_same_person_took_meanwhile_on_another_device_is_theirs(
    room: dict[str, Any], outermost: bool, manual: bool
) -> None:
    """The device page makes a seat without looking again: one made meanwhile wins, and the
    participant line made for the second one is rolled back with it (also in a transaction begun
    by turning autocommit off, which is no atomic block)."""
    from django.db import connection, transaction

    from beraad.live.rounds import take_seat

    d = room["d"]
    session = LiveSession.for_deliberation(d)
    session.deliberation = d
    user = MembershipFactory(team=d.team, role=Role.MEMBER).user
    if manual:
        transaction.set_autocommit(False)
    try:
        first = take_seat(session, user)
        assert connection.in_atomic_block is not outermost  # as on the device page, or inside one
        taken_again(session, user, first)
    finally:
        if manual:
            transaction.commit()
            transaction.set_autocommit(True)
    assert Seat.objects.filter(session=session, user=user).count() == 1


def taken_again(session: LiveSession, user: Any, first: Seat) -> None:
    from beraad.deliberation.models import Participant
    from beraad.live.rounds import take_seat

    d = session.deliberation
    lines = Participant.objects.filter(deliberation=d).count()
    version = LiveSession.objects.get(pk=d.pk).room_version
    again = take_seat(session, user)
    assert again.pk == first.pk and again.participant_id == first.participant_id
    assert again.session is session
    assert Participant.objects.filter(deliberation=d).count() == lines
    assert LiveSession.objects.get(pk=d.pk).room_version == version
    assert Seat.objects.filter(session=session, user=user).count() == 1


def test_a_member_takes_over_the_line_of_their_name_unless_another_seat_has_it(
    room: dict[str, Any],
) -> None:
    """The facilitator typed the participants beforehand: a member's device takes over the line
    of their name (whatever its capitals), a second person of that name gets a line of their own,
    and a guest always does. Each seat moves the screen's version on once."""
    from beraad.deliberation.models import Participant
    from beraad.live.rounds import guest_seat, take_seat

    d = room["d"]
    session = LiveSession.for_deliberation(d)
    session.deliberation = d
    typed = Participant.objects.create(deliberation=d, name="anna de vries", role="minute_taker")
    guest_line = Participant.objects.create(deliberation=d, name="wijkagent", role="guest")
    anna, namesake = (
        MembershipFactory(team=d.team, role=Role.MEMBER, user__name="Anna de Vries").user
        for _ in range(2)
    )
    version = LiveSession.objects.get(pk=d.pk).room_version

    first = take_seat(session, anna)
    assert first.participant_id == typed.pk
    assert (first.participant.name, first.participant.role) == ("anna de vries", "minute_taker")
    second = take_seat(session, namesake)
    assert second.participant_id not in (typed.pk, guest_line.pk)
    assert Participant.objects.get(pk=second.participant_id).name == "Anna de Vries"
    invite = GuestInvite.objects.create(
        session=session,
        label="wijkagent",
        key_digest="x" * 64,
        expires_at=timezone.now() + timedelta(hours=1),
    )
    guest = guest_seat(invite)
    assert guest.participant_id not in (typed.pk, guest_line.pk, second.participant_id)
    assert (guest.participant.name, guest.participant.role) == ("wijkagent", "guest")
    assert (second.participant.name, second.participant.role) == ("Anna de Vries", "participant")
    assert guest_seat(invite).pk == guest.pk  # found again, not made again

    assert LiveSession.objects.get(pk=d.pk).room_version == version + 3
    seats = Seat.objects.filter(session=session).order_by("id")
    assert [(s.pk, s.user_id, s.guest_id, s.participant_id) for s in seats] == [
        (first.pk, anna.pk, None, typed.pk),
        (second.pk, namesake.pk, None, second.participant_id),
        (guest.pk, None, invite.pk, guest.participant_id),
    ]
    assert not any(s.chose or s.rated for s in seats)
    assert Participant.objects.get(pk=guest.participant_id).role == "guest"


def test_a_new_participant_line_is_announced_and_a_line_taken_over_is_not(
    room: dict[str, Any],
) -> None:
    from beraad.deliberation.models import Participant
    from beraad.deliberation.signals import deliberation_changed
    from beraad.live.rounds import take_seat

    d = room["d"]
    session = LiveSession.for_deliberation(d)
    session.deliberation = d
    Participant.objects.create(deliberation=d, name="Bram", role="participant")
    heard: list[tuple[Any, frozenset[int], bool]] = []

    def listen(sender: Any, deliberation_ids: frozenset[int], created: bool, **kwargs: Any) -> None:
        heard.append((sender, deliberation_ids, created))

    deliberation_changed.connect(listen, dispatch_uid="test-listen")
    try:
        take_seat(session, MembershipFactory(team=d.team, role=Role.MEMBER, user__name="Bram").user)
        assert heard == []
        take_seat(session, MembershipFactory(team=d.team, role=Role.MEMBER, user__name="Cas").user)
        assert heard == [(Participant, frozenset({d.pk}), True)]
    finally:
        deliberation_changed.disconnect(dispatch_uid="test-listen")


@pytest.mark.django_db(transaction=True)
def test_a_seat_is_made_in_one_statement_on_postgresql(
    room: dict[str, Any], django_assert_num_queries: Any
) -> None:
    """The whole room arrives at once: participant line, seat and the screen's version in one
    round trip. SQLite, in the same process, has no round trips to save: a transaction of the
    participant lookup and three writes."""
    from django.db import connection

    from beraad.live.rounds import take_seat

    d = room["d"]
    session = LiveSession.for_deliberation(d)
    session.deliberation = d
    user = MembershipFactory(team=d.team, role=Role.MEMBER).user
    with django_assert_num_queries(1 if connection.vendor == "postgresql" else 6):
        seat = take_seat(session, user)
    assert Seat.objects.get(session=session, user=user).participant_id == seat.participant_id


def test_the_one_statement_seat_writes_every_column_of_its_two_tables() -> None:
    """A field added to either model must be added to the statement too (else PostgreSQL alone
    would leave it to the column's database default)."""
    from beraad.deliberation.models import Participant
    from beraad.live.rounds import PARTICIPANT_WRITES, SEAT_WRITES

    for model, written in [(Participant, PARTICIPANT_WRITES), (Seat, SEAT_WRITES)]:
        fields = {f.name for f in model._meta.local_concrete_fields if not f.primary_key}
        assert fields == set(written), model.__name__
