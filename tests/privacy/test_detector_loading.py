"""Where deduce is not loaded (runserver before its first build, tests), a check uses the own rules
and says so; in development the first check after the build loads it; warm_privacy reports."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from beraad.deliberation.models import Deliberation
from beraad.privacy import detector
from beraad.privacy.management.commands import warm_privacy

NOTE = "De volledige controle wordt nog opgestart; dit is een eerste, snelle controle."


def check_typed(client: Client, deliberation: Deliberation, text: str) -> str:
    url = reverse("privacy:check", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk})
    response = client.post(
        url,
        {"field": "case_description", "target": "id_case_description", "case_description": text},
    )
    assert response.status_code == 200
    return response.content.decode()


def case_step(client: Client, deliberation: Deliberation) -> str:
    url = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "case"},
    )
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
@pytest.mark.usefixtures("deduce_not_ready")
def test_it_checks_typed_text_with_the_rules_alone_and_says_so(
    mclient: Client, deliberation: Deliberation
) -> None:
    page = check_typed(mclient, deliberation, "Bel haar op 06-12345678, zegt Pieter.")
    assert "06-12345678" in page  # the own rules find the phone number
    assert NOTE in page
    # Nothing found by the rules is no all-clear: the note says the check is a quick one.
    assert NOTE in check_typed(mclient, deliberation, "Het gesprek ging over de thuiszorg.")


@pytest.mark.django_db
def test_it_leaves_the_note_out_once_deduce_is_loaded(
    mclient: Client, deliberation: Deliberation
) -> None:
    page = check_typed(mclient, deliberation, "Bel haar op 06-12345678, zegt Pieter.")
    assert "Pieter" in page
    assert NOTE not in page
    assert NOTE not in check_typed(mclient, deliberation, "Het gesprek ging over de thuiszorg.")
    assert NOTE not in case_step(mclient, deliberation)


@pytest.mark.django_db
@pytest.mark.usefixtures("deduce_not_ready")
def test_it_says_so_on_a_step_page(mclient: Client, deliberation: Deliberation) -> None:
    assert NOTE in case_step(mclient, deliberation)
    deliberation.case_description = "Mevrouw Jansen belde op 06-12345678."
    deliberation.save()
    page = case_step(mclient, deliberation)
    assert "06-12345678" in page
    assert NOTE in page


@pytest.mark.django_db
@pytest.mark.usefixtures("deduce_not_ready")
def test_it_says_so_on_the_conclude_page(fclient: Client, deliberation: Deliberation) -> None:
    deliberation.case_description = "Het gesprek ging over de thuiszorg."
    deliberation.save()
    url = reverse(
        "deliberation:conclude", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
    )
    assert NOTE in fclient.get(url).content.decode()


@pytest.fixture
def deduce_unloaded(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """A process without deduce; "loading" it puts back the copy the tests loaded (no second
    load of seconds and 850 MB). The list holds whether the build stamp is there."""
    loaded = detector.load_deduce()
    built = [False]
    monkeypatch.setattr(detector, "_deduce", None)
    monkeypatch.setattr(detector, "_built_seen_at", 0.0)
    monkeypatch.setattr(detector, "deduce_built", lambda: built[0])
    monkeypatch.setattr(
        detector, "_load_holding_the_lock", lambda **_: setattr(detector, "_deduce", loaded)
    )
    return built


def test_it_loads_deduce_in_development_once_it_is_built(
    deduce_unloaded: list[bool], settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.DEBUG = True
    text = "Mevrouw Jansen belde op 06-12345678."
    assert detector.check(text)[1] is False  # not built yet: the rules alone
    deduce_unloaded[0] = True  # warm_privacy is done
    assert detector.check(text)[1] is False  # it looks for the stamp every few seconds, not always
    monkeypatch.setattr(detector, "_built_seen_at", 0.0)
    findings, complete = detector.check(text)
    assert complete
    assert "name" in {f.kind for f in findings}
    assert detector.deduce_ready()


def test_it_never_loads_deduce_on_a_request_in_production(
    deduce_unloaded: list[bool], settings: Any
) -> None:
    settings.DEBUG = False
    deduce_unloaded[0] = True
    assert detector.check("Mevrouw Jansen belde op 06-12345678.")[1] is False
    assert not detector.deduce_ready()


def test_warm_privacy_prints_progress_while_it_loads() -> None:
    out = io.StringIO()
    call_command("warm_privacy", every=0.5, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("warm_privacy: loading deduce") or lines[0].startswith(
        "warm_privacy: building"
    )
    progress = [line for line in lines[1:-1] if line.endswith(" s") and " … " in line]
    assert progress, lines  # a line every half second while the child process loads deduce
    assert lines[-1].startswith("warm_privacy: personal-data detection ready in")
    assert "name, phone" in lines[-1]


def test_warm_privacy_if_needed_stops_when_built(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(warm_privacy, "deduce_built", lambda: True)
    out = io.StringIO()
    call_command("warm_privacy", if_needed=True, stdout=out)
    assert out.getvalue() == "warm_privacy: deduce's lookup cache is built already.\n"


def test_deduce_once_loaded_is_out_of_the_garbage_collectors_reach() -> None:
    """Its millions of objects are never walked again: a full collection would take seconds of a
    core in the middle of a request (or a test) otherwise."""
    import gc

    loaded = detector.load_deduce()  # the copy the tests loaded, before the first test
    walked = {id(thing) for thing in gc.get_objects()}
    assert id(loaded) not in walked
    assert gc.get_freeze_count() > 1_000_000
