"""A guest's access ends for good at conclusion, and a guest sees only the catalogue's values and
those the deliberation uses, never the team's other own value names."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import Role
from beraad.audit.models import AccessLog
from beraad.deliberation.models import Value, ValueAtStake
from beraad.live.models import GuestInvite
from tests.factories import (
    DeliberationFactory,
    MembershipFactory,
    OptionFactory,
    StakeholderFactory,
)
from tests.live.test_participation import control, device_url, go_to, invite_guest, join_as_guest

pytestmark = pytest.mark.django_db


@pytest.fixture
def room(team: Any, facilitator: Any) -> dict[str, Any]:
    """As in test_participation: a deliberation, its facilitator and two members on devices."""
    d = DeliberationFactory(team=team, current_step="case")
    options = [OptionFactory(deliberation=d, title=t) for t in ("Melden", "Afwachten")]
    clients = {"facilitator": Client(), "one": Client(), "two": Client()}
    clients["facilitator"].force_login(facilitator.user)
    for name in ("one", "two"):
        clients[name].force_login(MembershipFactory(team=team, role=Role.MEMBER).user)
    return {"d": d, "options": options, "c": clients, "team": team}


def test_reopening_a_concluded_deliberation_revives_no_guest_and_no_unused_link(
    room: dict[str, Any],
) -> None:
    d = room["d"]
    guest = join_as_guest(invite_guest(room))
    unused = invite_guest(room, "vrijwilliger")
    assert guest.get(device_url(d)).status_code == 200
    d.conclude(None)
    assert GuestInvite.objects.filter(ended_at__isnull=True).count() == 0
    reopen = reverse("deliberation:reopen", kwargs={"team": d.team.slug, "pk": d.pk})
    assert room["c"]["facilitator"].post(reopen).status_code == 302
    d.refresh_from_db()
    assert not d.is_concluded
    assert guest.get(device_url(d)).status_code == 403
    assert Client().post(unused, {"confidential": "on"}).status_code == 410
    # The facilitator can invite someone again, with a new link.
    assert join_as_guest(invite_guest(room, "mantelzorger")).get(device_url(d)).status_code == 200


@pytest.fixture
def values(room: dict[str, Any]) -> dict[str, Value]:
    d = room["d"]
    used = Value.objects.create(team=d.team, slug="buurtkracht", name="Buurtkracht")
    ValueAtStake.objects.create(
        deliberation=d, stakeholder=StakeholderFactory(deliberation=d), value=used
    )
    unused = Value.objects.create(team=d.team, slug="teamgeheim", name="Teamgeheimpje")
    horn = Value.objects.create(team=d.team, slug="hoorn", name="Hoornwaarde")
    d.values_a.add(horn)
    return {"used": used, "unused": unused, "horn": horn}


def test_a_guest_chooses_from_the_catalogue_and_this_deliberations_values_only(
    room: dict[str, Any], values: dict[str, Value]
) -> None:
    d = room["d"]
    go_to(room, "decision")
    control(room, "collect-named")
    guest = join_as_guest(invite_guest(room))
    page = guest.get(device_url(d)).content.decode()
    assert "Buurtkracht" in page and "Hoornwaarde" in page
    assert "Teamgeheimpje" not in page
    assert ">vertrouwen<" in page  # the catalogue's own values
    refused = guest.post(
        device_url(d, "device_choice"),
        {"option": room["options"][0].pk, "deciding_value": values["unused"].pk},
    )
    assert refused.status_code == 400
    assert "Teamgeheimpje" not in refused.content.decode()
    # A member of the team sees all of the team's values.
    assert "Teamgeheimpje" in room["c"]["one"].get(device_url(d)).content.decode()


def test_a_guest_adds_a_value_at_stake_from_the_same_list_only(
    room: dict[str, Any], values: dict[str, Value]
) -> None:
    d = room["d"]
    go_to(room, "values")
    control(room, "open-contributions")
    guest = join_as_guest(invite_guest(room))
    page = guest.get(device_url(d)).content.decode()
    assert "Buurtkracht" in page and "Teamgeheimpje" not in page
    assert 'name="add-new_value"' not in page
    sent = guest.post(device_url(d, "device_contribute"), {"add-value": values["unused"].pk})
    assert sent.status_code == 400
    assert not ValueAtStake.objects.filter(value=values["unused"]).exists()
    # Nobody makes a team value from a device: the facilitator adds them on the step page.
    member_page = room["c"]["one"].get(device_url(d)).content.decode()
    assert 'name="add-new_value"' not in member_page
    room["c"]["one"].post(device_url(d, "device_contribute"), {"add-new_value": "Nieuwtje"})
    assert not Value.objects.filter(name="Nieuwtje").exists()


def test_a_guest_trying_another_deliberation_is_on_that_teams_log(
    room: dict[str, Any], other_team: Any
) -> None:
    elsewhere = DeliberationFactory(team=other_team)
    guest = join_as_guest(invite_guest(room))
    invite = GuestInvite.objects.get()
    assert guest.get(device_url(elsewhere)).status_code == 404
    logged = AccessLog.objects.get(outcome="denied")
    assert (logged.team_id, logged.user_email, logged.object_id) == (
        other_team.pk,
        f"guest {invite.pk}",
        str(elsewhere.pk),
    )
