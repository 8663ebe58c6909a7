"""The core works without its features: with every receiver and registration of the feature apps
(privacy's check, insights, library, live, reports) taken away, a whole deliberation still runs."""

from __future__ import annotations

import io
import json
import weakref
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import signals as model_signals
from django.test import Client
from django.urls import reverse

from beraad.deliberation import checks, listing, panels
from beraad.deliberation import signals as core_signals
from beraad.deliberation.method import STEPS
from beraad.deliberation.models import Deliberation, Status
from beraad.insights.models import SearchEntry

FEATURES = ("beraad.privacy", "beraad.insights", "beraad.library", "beraad.live", "beraad.reports")
SIGNALS = [
    model_signals.post_save,
    model_signals.post_delete,
    model_signals.pre_delete,
    model_signals.m2m_changed,
    core_signals.deliberation_changed,
    core_signals.retention_applied,
]


def _module(receiver: Any) -> str:
    target = receiver() if isinstance(receiver, weakref.ReferenceType) else receiver
    return getattr(target, "__module__", "")


def _is_feature(receiver: Any) -> bool:
    return _module(receiver).startswith(FEATURES)


@pytest.fixture
def core_alone() -> Iterator[None]:
    saved = {signal: list(signal.receivers) for signal in SIGNALS}
    saved_panels = {place: dict(found) for place, found in panels._panels.items()}
    saved_check, saved_search = checks.slot.get(), listing.slot.get()
    for signal in SIGNALS:
        signal.receivers = [entry for entry in signal.receivers if not _is_feature(entry[1])]
        signal.sender_receivers_cache.clear()
    panels._panels.clear()
    checks.slot.unregister()
    listing.slot.unregister()
    yield
    for signal, receivers in saved.items():
        signal.receivers = receivers
        signal.sender_receivers_cache.clear()
    panels._panels.update(saved_panels)
    if saved_check is not None:
        checks.slot.register(saved_check)
    if saved_search is not None:
        listing.slot.register(saved_search)


def test_no_feature_is_connected_inside_the_fixture(core_alone: None) -> None:
    for signal in SIGNALS:
        assert not [r for r in signal.receivers if _is_feature(r[1])]
    # The core's own translation of model signals is still there.
    assert any(
        _module(r[1]) == "beraad.deliberation.signals" for r in model_signals.post_save.receivers
    )


def test_the_features_are_connected_outside_it() -> None:
    assert any(_is_feature(r[1]) for r in core_signals.deliberation_changed.receivers)
    assert any(_is_feature(r[1]) for r in core_signals.retention_applied.receivers)
    assert isinstance(checks.current(), checks.TextCheck) and type(
        checks.current()
    ).__module__.startswith("beraad.privacy")
    assert listing.searcher() is not None
    assert panels._panels["step:dilemma"]


def test_a_whole_deliberation_runs_on_the_core_alone(
    core_alone: None, fclient: Client, team: Any
) -> None:
    created = fclient.post(
        reverse("deliberation:create", kwargs={"team": team.slug}),
        {"title": "Sleutel van de buurvrouw", "held_on": "2026-11-02", "language": "nl"},
    )
    assert created.status_code == 302
    deliberation = Deliberation.objects.get(team=team)
    base = {"team": team.slug, "pk": deliberation.pk}

    def step(slug: str) -> str:
        return reverse("deliberation:step", kwargs={**base, "step": slug})

    for each in STEPS:  # every step page renders without panels or warnings
        page = fclient.get(step(each.slug))
        assert page.status_code == 200
        assert 'class="similar"' not in page.content.decode()
    saved = fclient.post(
        step("case"), {"case_description": "Jan Jansen belt elke avond de wijkverpleging."}
    )
    assert saved.status_code == 302
    fclient.post(
        step("dilemma"),
        {"dilemma_question": "Bellen we de zoon?", "option_a": "Bellen", "option_b": "Niet"},
    )
    added = fclient.post(
        reverse("deliberation:item_add", kwargs={**base, "kind": "options"}),
        {"add-options-title": "Eerst met hem praten"},
    )
    assert added.status_code == 302
    option = deliberation.options.get()
    fclient.post(step("decision"), {"outcome": "decided", "chosen_option": option.pk})
    deliberation.refresh_from_db()
    assert deliberation.case_description.startswith("Jan Jansen")  # saved, no check ran

    listed = fclient.post(reverse("deliberation:list", kwargs={"team": team.slug}), {})
    assert listed.status_code == 302  # filters only: no search words field without a search
    page = fclient.get(reverse("deliberation:list", kwargs={"team": team.slug}))
    assert "Sleutel van de buurvrouw" in page.content.decode()
    assert 'name="q"' not in page.content.decode()

    assert fclient.post(reverse("deliberation:conclude", kwargs=base)).status_code == 302
    deliberation.refresh_from_db()
    assert deliberation.status == Status.CONCLUDED
    assert fclient.get(reverse("deliberation:detail", kwargs=base)).status_code == 200

    exported = fclient.get(reverse("deliberation:export", kwargs=base))
    assert exported.status_code == 200
    upload = io.BytesIO(exported.content)
    upload.name = "beraad.json"
    imported = fclient.post(
        reverse("deliberation:import", kwargs={"team": team.slug}), {"document": upload}
    )
    assert imported.status_code == 302
    assert Deliberation.objects.filter(team=team).count() == 2
    assert json.loads(exported.content)["title"] == "Sleutel van de buurvrouw"
    # Nothing of insights ran: no search entry was made for either.
    assert not SearchEntry.objects.exists()
