"""The free texts of a deliberation are declared once (texts.py, on the steps and item kinds), and
everything that handles case text reads that declaration."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import timedelta
from typing import Any

import pytest
from django.apps import apps
from django.db import connection, models
from django.utils import timezone

from beraad.deliberation import checks, exchange, items, texts
from beraad.deliberation.models import Deliberation, Stakeholder
from beraad.deliberation.texts import FreeText
from beraad.insights import search
from beraad.insights.models import SearchEntry
from beraad.library.copying import make_draft
from beraad.privacy.retention import apply_retention
from tests.factories import DeliberationFactory, StakeholderFactory, UserFactory, ready_to_conclude

TEXT_COLUMNS = (models.CharField, models.TextField)


def undeclared_text_fields() -> list[str]:
    """Text columns of the deliberation app's models that are neither free text nor structured."""
    found = []
    for model in apps.get_app_config("deliberation").get_models():
        declared = set(texts.names(texts.texts_of(model)))
        structured = texts.STRUCTURED.get(model.__name__, frozenset())
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_COLUMNS) and field.name not in declared | structured:
                found.append(f"{model.__name__}.{field.name}")
    return found


def test_every_text_field_is_declared_free_text_or_marked_structured() -> None:
    assert undeclared_text_fields() == []


def test_every_declared_text_is_a_text_field_and_not_also_structured() -> None:
    for model in apps.get_app_config("deliberation").get_models():
        declared = texts.names(texts.texts_of(model))
        assert len(declared) == len(set(declared)), model
        assert not set(declared) & texts.STRUCTURED.get(model.__name__, frozenset()), model
        for name in declared:
            assert isinstance(model._meta.get_field(name), TEXT_COLUMNS), (model, name)


def test_every_exchanged_text_is_in_the_published_schema_with_its_length() -> None:
    """The exchange format is versioned: a new free text must be added to its schema on purpose."""
    properties = exchange.schema()["properties"]
    sections = {"": exchange.schema()} | {
        name: properties[name] for name in ("case", "dilemma", "decision", "evaluation")
    }
    for step, free in texts.deliberation_texts():
        if free.exchange is not None:
            rule = sections[step.exchange]["properties"][free.key]
            limit = Deliberation._meta.get_field(free.name).max_length
            assert rule.get("maxLength") == limit, free.name
    lists = {"questions": properties["case"]["properties"]["questions"]} | {
        slug: properties[slug]
        for slug in ("stakeholders", "values", "options", "choices", "actions")
    }
    for kind, free in texts.item_texts():
        if free.exchange is not None:
            rule = lists[kind.slug]["items"]["properties"][free.key]
            assert rule.get("maxLength") == kind.model._meta.get_field(free.name).max_length


@pytest.fixture
def stakeholder_note() -> Iterator[models.Field[Any, Any]]:
    """A new free-text column on Stakeholder, as a later change to the model would add it."""
    field: models.Field[Any, Any] = models.TextField("note", blank=True, default="")
    field.contribute_to_class(Stakeholder, "note")
    with connection.schema_editor() as editor:
        editor.add_field(Stakeholder, field)
    try:
        yield field
        if connection.vendor == "postgresql":  # deferred foreign-key checks block ALTER TABLE
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        with connection.schema_editor() as editor:
            editor.remove_field(Stakeholder, field)
    finally:
        Stakeholder._meta.local_fields.remove(field)
        Stakeholder._meta._expire_cache()
        delattr(Stakeholder, "note")


def declare(monkeypatch: pytest.MonkeyPatch, slug: str, free: FreeText) -> None:
    """Add one free text to a kind of item, the way a developer would edit items.py."""
    kinds = tuple(
        dataclasses.replace(kind, texts=(*kind.texts, free)) if kind.slug == slug else kind
        for kind in items.ITEM_KINDS
    )
    monkeypatch.setattr(items, "ITEM_KINDS", kinds)
    monkeypatch.setattr(items, "ITEM_KINDS_BY_SLUG", {kind.slug: kind for kind in kinds})


NOTE = "Henk Jansen zorgt voor de hond van de buren"


# PostgreSQL alters a table inside the test's transaction; SQLite's schema editor cannot, so there
# the test runs outside one (and the tables are emptied afterwards).
@pytest.mark.django_db(transaction=connection.vendor == "sqlite")
def test_a_new_stakeholder_text_is_refused_until_declared_then_handled_everywhere(
    stakeholder_note: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert undeclared_text_fields() == ["Stakeholder.note"]

    declare(monkeypatch, "stakeholders", FreeText("note"))
    assert undeclared_text_fields() == []

    deliberation = ready_to_conclude(DeliberationFactory(consent="given"))
    StakeholderFactory(deliberation=deliberation, kind="neighbour", note=NOTE)

    # Detection: the personal-data check reads the new text.
    found, _complete = checks.current().open_warnings(deliberation)
    assert any(place.field == "note" and place.kind == "stakeholders" for place, _w in found)

    # Search: the entry (rebuilt on save) holds it, and a search finds it.
    entry = SearchEntry.objects.get(deliberation=deliberation)
    assert "hond van de buren" in entry.parts["stakeholders"]
    result = search.search(deliberation.team, "hond", search.Filters())
    assert [hit.deliberation.pk for hit in result.hits] == [deliberation.pk]

    # The library copy takes it along, with the name tagged.
    draft = make_draft(deliberation, UserFactory())
    assert "hond van de buren" in draft.stakeholders
    assert "Henk Jansen" not in draft.stakeholders

    # The exchange format exports it under its name.
    document = exchange.export_deliberation(deliberation)
    assert document["stakeholders"][0]["note"] == NOTE

    # Retention erases it, and the search entry forgets it.
    deliberation.conclude(None)
    apply_retention(now=timezone.now() + timedelta(days=365 * 30))
    assert Stakeholder.objects.get(deliberation=deliberation).note == ""
    entry.refresh_from_db()
    assert "hond" not in entry.stems
