"""Dates within a sensible range (forms and import), and removing an item without JavaScript."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beraad.deliberation.dates import EARLIEST, HAPPENED, PLANNED
from beraad.deliberation.exchange import ImportRefused, import_deliberation
from beraad.deliberation.models import Deliberation, Stakeholder
from tests.factories import ActionFactory, DeliberationFactory, StakeholderFactory

pytestmark = pytest.mark.django_db

RANGE_MESSAGE = "Deze datum kan niet kloppen"


def create(fclient: Client, team: Any, held_on: str) -> Any:
    return fclient.post(
        reverse("deliberation:create", kwargs={"team": team.slug}),
        {"title": "Mijn getypte titel", "held_on": held_on},
    )


@pytest.mark.parametrize("typed", ["0001-01-01", "9999-12-31", "1999-12-31"])
def test_it_refuses_an_impossible_date_in_plain_dutch_and_keeps_what_was_typed(
    fclient: Client, team: Any, typed: str
) -> None:
    response = create(fclient, team, typed)
    text = response.content.decode()
    assert response.status_code == 400
    assert RANGE_MESSAGE in text
    assert "1 januari 2000" in text  # the range, said in words
    assert f'value="{typed}"' in text  # what was typed stays
    assert 'value="Mijn getypte titel"' in text
    assert not Deliberation.objects.exists()


def test_it_accepts_dates_at_both_ends_of_the_range(fclient: Client, team: Any) -> None:
    latest = HAPPENED.bounds()[1]
    assert create(fclient, team, EARLIEST.isoformat()).status_code == 302
    assert create(fclient, team, latest.isoformat()).status_code == 302
    assert create(fclient, team, (latest + timedelta(days=1)).isoformat()).status_code == 400
    assert Deliberation.objects.count() == 2


def test_it_tells_the_date_picker_the_range(fclient: Client, team: Any) -> None:
    page = fclient.get(reverse("deliberation:create", kwargs={"team": team.slug})).content.decode()
    field = re.search(r'<input[^>]*name="held_on"[^>]*>', page)
    assert field is not None
    assert 'min="2000-01-01"' in field.group(0)
    assert f'max="{HAPPENED.bounds()[1].isoformat()}"' in field.group(0)


def test_step_one_refuses_the_year_9999(fclient: Client, deliberation: Deliberation) -> None:
    url = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "opening"},
    )
    response = fclient.post(url, {"title": "Titel", "held_on": "9999-12-31", "language": "nl"})
    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    deliberation.refresh_from_db()
    assert deliberation.held_on.year != 9999


def test_an_action_cannot_be_due_in_the_year_9999(
    fclient: Client, deliberation: Deliberation
) -> None:
    url = reverse(
        "deliberation:item_add",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "kind": "actions"},
    )
    response = fclient.post(url, {"add-actions-what": "Bellen", "add-actions-due": "9999-12-31"})
    assert response.status_code == 400
    assert RANGE_MESSAGE in response.content.decode()
    assert not deliberation.actions.exists()
    planned = timezone.localdate() + timedelta(days=400)
    fclient.post(url, {"add-actions-what": "Bellen", "add-actions-due": planned.isoformat()})
    assert deliberation.actions.get().due == planned


@pytest.mark.parametrize(
    ("change", "path"),
    [
        (lambda d: d.update(held_on="0001-01-01"), "$.held_on"),
        (lambda d: d.update(held_on="9999-12-31"), "$.held_on"),
        (lambda d: d.update(decision={"follow_up_on": "9999-12-31"}), "$.decision.follow_up_on"),
        (lambda d: d.update(actions=[{"what": "Bellen", "due": "0001-01-01"}]), "$.actions[0].due"),
    ],
)
def test_the_import_refuses_dates_outside_the_range(team: Any, change: Any, path: str) -> None:
    document: dict[str, Any] = {
        "format": "beraad.deliberation/1",
        "title": "Kort",
        "dilemma": {"question": ""},
    }
    change(document)
    with pytest.raises(ImportRefused) as refused:
        import_deliberation(document, team=team)
    assert [problem.path for problem in refused.value.problems] == [path]
    assert RANGE_MESSAGE in refused.value.problems[0].message
    assert not Deliberation.objects.exists()


def test_the_import_accepts_a_planned_date_a_few_years_ahead(team: Any) -> None:
    ahead = PLANNED.bounds()[1]
    d = import_deliberation(
        {
            "format": "beraad.deliberation/1",
            "title": "Kort",
            "held_on": date(2026, 5, 25).isoformat(),
            "dilemma": {"question": ""},
            "actions": [{"what": "Bellen", "due": ahead.isoformat()}],
        },
        team=team,
    )
    assert d.actions.get().due == ahead


# Removing an item without JavaScript


def remove_url(d: Deliberation, kind: str, pk: int) -> str:
    return reverse(
        "deliberation:item_delete",
        kwargs={"team": d.team.slug, "pk": d.pk, "kind": kind, "item": pk},
    )


def test_without_javascript_remove_opens_a_confirmation_page_first(
    mclient: Client, deliberation: Deliberation
) -> None:
    stakeholder = StakeholderFactory(deliberation=deliberation, label="de zoon")
    step = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "stakeholders"},
    )
    page = mclient.get(step).content.decode()
    url = remove_url(deliberation, "stakeholders", stakeholder.pk)
    # The remove control is a link (no JavaScript: a page that asks) that htmx posts after asking.
    link = re.search(rf'<a href="{re.escape(url)}"[^>]*>', page)
    assert link is not None
    assert f'hx-post="{url}"' in link.group(0) and "hx-confirm=" in link.group(0)
    confirm = mclient.get(url)
    text = confirm.content.decode()
    assert confirm.status_code == 200
    assert "Dit onderdeel verwijderen?" in text and "de zoon" in text
    assert "Ja, verwijderen" in text
    assert Stakeholder.objects.filter(pk=stakeholder.pk).exists()  # asking removes nothing
    done = mclient.post(url)
    assert done.status_code == 302
    assert not Stakeholder.objects.filter(pk=stakeholder.pk).exists()


def test_the_confirmation_page_is_refused_for_a_concluded_deliberation(
    fclient: Client, deliberation: Deliberation
) -> None:
    action = ActionFactory(deliberation=deliberation)
    deliberation.conclude(None)
    assert fclient.get(remove_url(deliberation, "actions", action.pk)).status_code == 403


def test_the_confirmation_page_answers_404_for_another_teams_item(
    mclient: Client, deliberation: Deliberation
) -> None:
    elsewhere = StakeholderFactory(deliberation=DeliberationFactory())
    assert mclient.get(remove_url(deliberation, "stakeholders", elsewhere.pk)).status_code == 404
