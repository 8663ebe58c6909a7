"""The forms that let a team record the same deliberation with fewer clicks: sensible defaults,
a party with its values in one form, one click per choice, score and grid cell."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import Membership
from beraad.deliberation.forms import ChoiceForm, ParticipantForm, StakeholderForm
from beraad.deliberation.models import Deliberation, Rating, Stakeholder, Value, ValueAtStake
from tests.factories import OptionFactory, ParticipantFactory, ValueAtStakeFactory

pytestmark = pytest.mark.django_db


def add_url(d: Deliberation, kind: str) -> str:
    return reverse("deliberation:item_add", kwargs={"team": d.team.slug, "pk": d.pk, "kind": kind})


def test_the_role_offered_is_the_next_one_needed(deliberation: Deliberation) -> None:
    def offered() -> str:
        form = ParticipantForm(deliberation=deliberation, prefix="add-participants")
        return str(form.initial["role"])

    assert offered() == "facilitator"
    ParticipantFactory(deliberation=deliberation, role="facilitator")
    assert offered() == "case_presenter"
    ParticipantFactory(deliberation=deliberation, role="case_presenter")
    assert offered() == "participant"
    ParticipantFactory(deliberation=deliberation, role="participant")
    assert offered() == "participant"


def test_a_party_comes_with_its_values_at_stake(
    mclient: Client, deliberation: Deliberation
) -> None:
    trust, privacy = (Value.objects.get(team=None, slug=s) for s in ("trust", "privacy"))
    response = mclient.post(
        add_url(deliberation, "stakeholders"),
        {
            "add-stakeholders-kind": "client",
            "add-stakeholders-label": "mevrouw A.",
            "add-stakeholders-values": [trust.pk, privacy.pk],
        },
    )
    assert response.status_code == 302
    stakeholder = Stakeholder.objects.get()
    named = ValueAtStake.objects.filter(deliberation=deliberation).order_by("id")
    assert [(v.stakeholder, v.value) for v in named] == [
        (stakeholder, trust),
        (stakeholder, privacy),
    ]


def test_a_refused_party_adds_no_values(mclient: Client, deliberation: Deliberation) -> None:
    trust = Value.objects.get(team=None, slug="trust")
    response = mclient.post(
        add_url(deliberation, "stakeholders"),
        {"add-stakeholders-label": "mevrouw A.", "add-stakeholders-values": [trust.pk]},
    )
    assert response.status_code == 400
    assert not ValueAtStake.objects.exists()
    # What was ticked is still ticked.
    page = response.content.decode()
    assert re.search(rf'name="add-stakeholders-values" value="{trust.pk}"[^>]*checked', page)


def test_changing_a_party_does_not_offer_values_again(
    deliberation: Deliberation, member: Membership
) -> None:
    stakeholder = Stakeholder.objects.create(deliberation=deliberation, kind="client", label="A")
    assert "values" in StakeholderForm(deliberation=deliberation, membership=member).fields
    changing = StakeholderForm(instance=stakeholder, deliberation=deliberation, membership=member)
    assert "values" not in changing.fields


def test_a_choice_offers_the_next_participant_and_the_values_in_play(
    deliberation: Deliberation,
) -> None:
    first = ParticipantFactory(deliberation=deliberation)
    second = ParticipantFactory(deliberation=deliberation)
    option = OptionFactory(deliberation=deliberation)
    ValueAtStakeFactory(deliberation=deliberation)  # trust
    form = ChoiceForm(deliberation=deliberation, prefix="add-choices")
    assert form.initial["participant"] == first
    html = str(form["deciding_value"])
    trust = Value.objects.get(team=None, slug="trust")
    assert f'type="radio" name="add-choices-deciding_value" value="{trust.pk}"' in html
    assert html.count('type="radio"') == 1  # only the value at stake, not the catalogue
    assert str(form["option"]).count('type="radio"') == 1

    deliberation.choices.create(participant=first, option=option)
    assert ChoiceForm(deliberation=deliberation).initial["participant"] == second

    # Any value of the team is still accepted.
    dignity = Value.objects.get(team=None, slug="dignity")
    posted = ChoiceForm(
        {"option": option.pk, "deciding_value": dignity.pk, "participant": second.pk},
        deliberation=deliberation,
    )
    assert posted.is_valid(), posted.errors


def test_a_score_is_one_button(mclient: Client, deliberation: Deliberation) -> None:
    step = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "evaluation"},
    )
    page = mclient.get(step).content.decode()
    for score in range(1, 6):
        assert f'<button type="submit" name="add-ratings-score" value="{score}">' in page
    mclient.post(add_url(deliberation, "ratings"), {"add-ratings-score": "4"})
    assert list(Rating.objects.values_list("score", flat=True)) == [4]


def test_a_party_sent_from_a_device_brings_no_values(deliberation: Deliberation) -> None:
    from beraad.live.forms import contribution_form

    own = Value.objects.create(team=deliberation.team, slug="eigen-waarde", name="Eigen waarde")
    for guest in (True, False):
        form = contribution_form("stakeholders", deliberation, guest=guest)
        assert form is not None
        assert "values" not in form.fields
        assert "eigen-waarde" not in str(form) and "Eigen waarde" not in str(form)
        posted = contribution_form(
            "stakeholders",
            deliberation,
            guest=guest,
            data={"add-kind": "client", "add-label": "mevrouw A.", "add-values": [own.pk]},
        )
        assert posted is not None and posted.is_valid(), posted.errors
        posted.save()
    assert not ValueAtStake.objects.filter(deliberation=deliberation).exists()
