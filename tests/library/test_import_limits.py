"""The library import reads files the way the deliberation import does: the same limits, and 400
with a message (never a server error) for a file of any shape."""

from __future__ import annotations

import json
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import OrganisationRole, Team
from beraad.deliberation.documents import MAX_ENTRIES
from beraad.library.models import LibraryCase
from tests.deliberation.test_exchange_limits import (
    MALFORMED,
    big_document,
    many_small_stakeholders,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def trainer_client(client: Client, team: Team) -> Client:
    trainer = UserFactory()
    OrganisationRole.objects.create(user=trainer, organisation=team.organisation, role="trainer")
    client.force_login(trainer)
    return client


def post(client: Client, team: Team, content: bytes) -> tuple[int, str, float]:
    url = reverse("library:import", kwargs={"organisation": team.organisation.slug})
    assert client.get(url).status_code == 200  # templates loaded, as in a running server
    started = time.perf_counter()
    response = client.post(url, {"document": SimpleUploadedFile("zaak.json", content)})
    return response.status_code, response.content.decode(), time.perf_counter() - started


def test_it_refuses_a_6_7_mb_library_file_in_under_a_second_naming_the_limit(
    trainer_client: Client, team: Team
) -> None:
    status, text, elapsed = post(trainer_client, team, big_document())
    assert status == 400
    assert "2 MB" in text
    assert elapsed < 1.0
    assert not LibraryCase.objects.exists()


def test_it_refuses_100000_items_in_a_library_file_by_the_item_limit(
    trainer_client: Client, team: Team
) -> None:
    status, text, elapsed = post(trainer_client, team, many_small_stakeholders())
    assert status == 400
    assert f"hoogstens {MAX_ENTRIES}" in text
    assert elapsed < 1.0
    assert not LibraryCase.objects.exists()


@pytest.mark.parametrize(("content", "message"), MALFORMED)
def test_it_answers_400_with_a_message_for_a_malformed_library_file(
    trainer_client: Client, team: Team, content: bytes, message: str
) -> None:
    status, text, _elapsed = post(trainer_client, team, content)
    assert status == 400
    assert message in text
    assert not LibraryCase.objects.exists()


def test_it_refuses_a_library_file_with_too_many_values(trainer_client: Client, team: Team) -> None:
    document = {
        "format": "beraad.deliberation/1",
        "title": "Oefencasus",
        "dilemma": {"question": "Wat nu?"},
        "library": {"values": [f"waarde-{n}" for n in range(MAX_ENTRIES + 1)]},
    }
    status, text, _elapsed = post(trainer_client, team, json.dumps(document).encode())
    assert status == 400
    assert "<code>$.library.values</code>" in text
    assert not LibraryCase.objects.exists()
