"""Follow-up after erasure, a note with personal data, index upkeep, and period bounds."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beraad.deliberation import signals
from beraad.deliberation.models import CaseQuestion, Deliberation
from beraad.insights import index
from beraad.insights.models import SearchEntry
from beraad.privacy.retention import apply_retention
from tests.factories import ActionFactory, DeliberationFactory

pytestmark = pytest.mark.django_db


def _erased(team: Any) -> Deliberation:
    deliberation = DeliberationFactory(team=team, held_on=timezone.localdate().replace(year=2019))
    deliberation.conclude(None)
    Deliberation.objects.filter(pk=deliberation.pk).update(
        concluded_at=timezone.now().replace(year=2019)
    )
    return deliberation


def test_actions_of_an_erased_deliberation_are_no_longer_followed_up(
    fclient: Client, team: Any
) -> None:
    erased = _erased(team)
    old = ActionFactory(deliberation=erased, what="Oude actie", done=False)
    apply_retention()
    current = DeliberationFactory(team=team)
    listed = fclient.get(
        reverse("insights:actions", kwargs={"team": team.slug}), {"state": "all"}
    ).content.decode()
    assert f"/actions/{old.pk}/mark/" not in listed
    step = fclient.get(
        reverse(
            "deliberation:step", kwargs={"team": team.slug, "pk": current.pk, "step": "opening"}
        )
    ).content.decode()
    assert f"/actions/{old.pk}/mark/" not in step
    answer = fclient.post(
        reverse("insights:action_mark", kwargs={"team": team.slug, "pk": old.pk}),
        {"done": "1", "note": "Mevrouw Jansen gebeld"},
    )
    assert answer.status_code == 404
    old.refresh_from_db()
    assert not old.done and old.done_note == ""


def test_a_note_with_personal_data_is_saved_with_a_warning_and_can_be_changed(
    fclient: Client, team: Any
) -> None:
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    url = reverse("insights:action_mark", kwargs={"team": team.slug, "pk": action.pk})
    answer = fclient.post(url, {"done": "1", "note": "Gebeld naar 0612345678."})
    warnings = [str(m) for m in get_messages(answer.wsgi_request) if m.level_tag == "warning"]
    assert warnings and "0612345678" not in warnings[0]
    action.refresh_from_db()
    first_done_at = action.done_at
    assert action.done and first_done_at is not None
    page = fclient.get(
        reverse("insights:actions", kwargs={"team": team.slug}), {"state": "done"}
    ).content.decode()
    assert "Gebeld naar 0612345678." in page  # in the note field, to be rewritten
    fclient.post(url, {"done": "1", "note": "Gebeld met de dochter."})
    action.refresh_from_db()
    assert action.done_note == "Gebeld met de dochter." and action.done_at == first_done_at


def test_a_bad_mark_says_what_was_wrong(fclient: Client, team: Any) -> None:
    action = ActionFactory(deliberation=DeliberationFactory(team=team))
    url = reverse("insights:action_mark", kwargs={"team": team.slug, "pk": action.pk})
    answer = fclient.post(url, {"done": "x"})
    errors = [str(m) for m in get_messages(answer.wsgi_request) if m.level_tag == "error"]
    assert errors and "2.000" not in errors[0] and "2,000" not in errors[0]
    action.refresh_from_db()
    assert not action.done


def test_a_rebuild_is_an_upsert_and_missing_entries_are_built(team: Any) -> None:
    deliberation = DeliberationFactory(team=team, case_description="eerste")
    CaseQuestion.objects.create(deliberation=deliberation, question="Wie is de huisarts?")
    index.build([deliberation.pk])
    index.build([deliberation.pk])
    entry = SearchEntry.objects.get(pk=deliberation.pk)
    assert "huisarts" in entry.parts["questions"]
    SearchEntry.objects.all().delete()
    assert index.build_missing() == 1
    assert SearchEntry.objects.filter(pk=deliberation.pk).exists()
    assert index.build_missing() == 0


def test_a_failed_bulk_change_rebuilds_nothing(team: Any) -> None:
    deliberation = DeliberationFactory(team=team, case_description="voor")
    with pytest.raises(RuntimeError), signals.batched():
        Deliberation.objects.filter(pk=deliberation.pk).update(case_description="na")
        signals.announce(Deliberation, [deliberation.pk])
        raise RuntimeError("rolled back")
    assert SearchEntry.objects.get(pk=deliberation.pk).parts["case"] == "voor"


@pytest.mark.parametrize(
    "period", [{"date_to": "0001-03-01"}, {"date_from": "9999-01-01", "date_to": "9999-12-31"}]
)
def test_a_period_outside_1900_2100_is_refused(
    fclient: Client, team: Any, period: dict[str, str]
) -> None:
    answer = fclient.get(reverse("insights:dashboard", kwargs={"team": team.slug}), period)
    assert answer.status_code == 400
