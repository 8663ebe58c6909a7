"""A practice deliberation discusses a library case: there is no client, so no consent is asked."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from beraad.deliberation.models import Consent, Deliberation, Status
from beraad.library.models import LibraryCase
from tests.factories import DeliberationFactory, ready_to_conclude

pytestmark = pytest.mark.django_db

CONSENT_QUESTION = 'name="consent"'


def start_practice(fclient: Client, team: Any) -> Deliberation:
    case = LibraryCase.objects.create(
        organisation=team.organisation,
        title="Oefencasus",
        dilemma_question="Delen of niet?",
        option_a="Delen",
        option_b="Niet delen",
        status="published",
    )
    answer = fclient.post(
        reverse("library:practice", kwargs={"organisation": team.organisation.slug, "pk": case.pk}),
        {"team": team.slug},
    )
    assert answer.status_code == 302
    return Deliberation.objects.get(team=team, is_practice=True)


def step_url(d: Deliberation, slug: str = "opening") -> str:
    return reverse("deliberation:step", kwargs={"team": d.team.slug, "pk": d.pk, "step": slug})


def test_it_does_not_ask_consent_at_step_one_of_a_practice_deliberation(
    fclient: Client, team: Any
) -> None:
    practice = start_practice(fclient, team)
    page = fclient.get(step_url(practice)).content.decode()
    assert CONSENT_QUESTION not in page
    assert 'name="consent_given_on"' not in page
    assert "toestemming van een cliënt is niet nodig" in page


def test_it_still_asks_consent_in_a_real_deliberation(fclient: Client, team: Any) -> None:
    real = DeliberationFactory(team=team)
    page = fclient.get(step_url(real)).content.decode()
    assert CONSENT_QUESTION in page
    assert "toestemming van een cliënt is niet nodig" not in page


def test_it_saves_step_one_of_a_practice_deliberation_without_consent(
    fclient: Client, team: Any
) -> None:
    practice = start_practice(fclient, team)
    answer = fclient.post(
        step_url(practice),
        {
            "title": "Oefenen",
            "held_on": practice.held_on.isoformat(),
            "language": "nl",
            "confidentiality_agreed": "on",
            "consent": "given",  # posted anyway: ignored, the question does not apply
        },
    )
    assert answer.status_code == 302
    practice.refresh_from_db()
    assert practice.title == "Oefenen" and practice.confidentiality_agreed
    assert practice.consent == Consent.NOT_APPLICABLE
    assert practice.consent_recorded_by is None


def test_it_refuses_to_autosave_consent_of_a_practice_deliberation(
    fclient: Client, team: Any
) -> None:
    practice = start_practice(fclient, team)
    url = reverse(
        "deliberation:autosave",
        kwargs={"team": team.slug, "pk": practice.pk, "step": "opening", "field": "consent"},
    )
    assert fclient.post(url, {"consent": "given"}).status_code == 404
    practice.refresh_from_db()
    assert practice.consent == Consent.NOT_APPLICABLE


def test_it_shows_no_consent_or_withdrawal_on_the_overview_of_a_practice_deliberation(
    fclient: Client, team: Any
) -> None:
    practice = start_practice(fclient, team)
    detail = reverse("deliberation:detail", kwargs={"team": team.slug, "pk": practice.pk})
    page = fclient.get(detail).content.decode()
    withdraw = reverse(
        "deliberation:withdraw_consent", kwargs={"team": team.slug, "pk": practice.pk}
    )
    assert withdraw not in page
    assert "toestemming van een cliënt is niet nodig" in page
    assert fclient.post(withdraw).status_code == 404
    practice.refresh_from_db()
    assert practice.consent_withdrawn_at is None


def test_a_practice_deliberation_concludes_and_reopens_without_consent(
    fclient: Client, team: Any
) -> None:
    practice = start_practice(fclient, team)
    ready_to_conclude(practice)
    conclude = reverse("deliberation:conclude", kwargs={"team": team.slug, "pk": practice.pk})
    assert fclient.post(conclude).status_code == 302
    practice.refresh_from_db()
    assert practice.status == Status.CONCLUDED
    # Read-only step 1: no consent row either.
    readonly = fclient.get(step_url(practice)).content.decode()
    assert "van de cliënt om de casus te bespreken" not in readonly.lower()
    reopen = reverse("deliberation:reopen", kwargs={"team": team.slug, "pk": practice.pk})
    fclient.post(reopen)
    practice.refresh_from_db()
    assert practice.status == Status.IN_PROGRESS
    page = fclient.get(step_url(practice)).content.decode()
    assert CONSENT_QUESTION not in page
    assert "toestemming van een cliënt is niet nodig" in page


def test_a_reopened_real_deliberation_keeps_its_recorded_consent(
    fclient: Client, team: Any
) -> None:
    real = DeliberationFactory(team=team, consent=Consent.GIVEN)
    ready_to_conclude(real)
    real.conclude(None)
    fclient.post(reverse("deliberation:reopen", kwargs={"team": team.slug, "pk": real.pk}))
    page = fclient.get(step_url(real)).content.decode()
    assert CONSENT_QUESTION in page
    given = re.search(r'<input[^>]*name="consent"[^>]*value="given"[^>]*>', page)
    assert given is not None and "checked" in given.group(0)
