"""Fuzzing the importer: documents generated from the schema, arbitrary JSON and arbitrary bytes.

An import either succeeds or is refused with its reasons (ImportRefused, a 400 page); it never
fails otherwise, and a refused import leaves no row behind.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from beraad.accounts.models import Team
from beraad.deliberation.exchange import ImportRefused, import_deliberation, schema

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,  # the team and the database stay across examples
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5)
    ),
    max_leaves=30,
)


def rows() -> dict[str, int]:
    """Every table of the product's own apps (the access log aside: a refusal is logged)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("beraad.") and model._meta.app_label != "audit"
    }


@FUZZ
@given(document=from_schema(schema()))
def test_it_imports_or_refuses_every_document_the_schema_allows(
    team: Team, document: dict[str, Any]
) -> None:
    before = rows()
    try:
        deliberation = import_deliberation(document, team=team)
    except ImportRefused as refused:
        event("refused")
        assert refused.problems
        assert rows() == before
    else:
        event("imported")
        assert deliberation.team == team
        assert rows()["deliberation.Deliberation"] == before["deliberation.Deliberation"] + 1


@FUZZ
@given(document=JSON)
def test_it_refuses_arbitrary_json_with_reasons_and_writes_nothing(
    team: Team, document: Any
) -> None:
    before = rows()
    with pytest.raises(ImportRefused) as refused:
        import_deliberation(document, team=team)
    assert refused.value.problems
    assert rows() == before


def post(client: Client, team: Team, content: bytes) -> int:
    url = reverse("deliberation:import", kwargs={"team": team.slug})
    upload = SimpleUploadedFile("beraad.json", content, content_type="application/json")
    return client.post(url, {"document": upload}).status_code


@FUZZ
@given(document=JSON | from_schema(schema()))
def test_it_answers_arbitrary_json_through_the_page_with_200_302_or_400(
    fclient: Client, team: Team, document: Any
) -> None:
    before = rows()
    status = post(fclient, team, json.dumps(document).encode())
    assert status in (302, 400)
    if status == 400:
        assert rows() == before


@FUZZ
@given(content=st.binary(max_size=2_000))
def test_it_answers_arbitrary_bytes_through_the_page_with_400(
    fclient: Client, team: Team, content: bytes
) -> None:
    before = rows()
    assert post(fclient, team, content) in (302, 400)
    assert rows()["deliberation.Deliberation"] - before["deliberation.Deliberation"] <= 1
