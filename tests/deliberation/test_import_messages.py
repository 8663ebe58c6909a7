"""Import problems in words a social worker understands: the field named in Dutch, a plain
message, and at most twenty problems on the page with a count of the rest."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import translation

from beraad.accounts.models import Team
from beraad.deliberation.documents import SHOWN_PROBLEMS
from beraad.deliberation.exchange import schema, validate
from beraad.deliberation.exchange_labels import LABELS, place
from beraad.deliberation.models import Deliberation
from tests.deliberation.test_exchange import example

pytestmark = pytest.mark.django_db


def upload(document: Any) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "beraad.json", json.dumps(document).encode("utf-8"), content_type="application/json"
    )


def post(fclient: Client, team: Team, document: Any) -> tuple[int, str]:
    response = fclient.post(
        reverse("deliberation:import", kwargs={"team": team.slug}), {"document": upload(document)}
    )
    return response.status_code, response.content.decode()


def problems_on(page: str) -> list[str]:
    box = page.split('id="import-errors"')[1].split("</div>")[0]
    return re.findall(r"<li>(.*?)</li>", box, flags=re.DOTALL)


def test_a_wrong_kind_of_value_is_told_in_plain_words_with_the_dutch_field_name(
    fclient: Client, team: Team
) -> None:
    document = example()
    document["stakeholders"][1]["perspective"] = 42
    status, page = post(fclient, team, document)
    assert status == 400
    [problem] = problems_on(page)
    assert "<strong>Belanghebbende 2 › Hoe deze partij het ziet</strong>" in problem
    assert "Hier hoort tekst te staan, maar in het bestand staat hier een heel getal." in problem
    assert "Verkeerd soort waarde" not in page and "verwacht string" not in page
    assert not Deliberation.objects.exists()


def test_a_missing_part_is_named_in_dutch(fclient: Client, team: Team) -> None:
    document = example()
    del document["dilemma"]
    status, page = post(fclient, team, document)
    assert status == 400
    [problem] = problems_on(page)
    assert "<strong>Het bestand als geheel</strong>: Hier ontbreekt: Dilemma." in problem


def bad_document() -> dict[str, Any]:
    """A document with thousands of problems: 200 of each list, every field the wrong kind."""
    return {
        "format": "beraad.deliberation/1",
        "title": "Te veel fouten",
        "dilemma": {"question": ""},
        "stakeholders": [dict.fromkeys(("key", "kind", "label", "perspective", "interests"), 1)]
        * 200,
        "options": [dict.fromkeys(("key", "title", "description", "mitigation"), 1)] * 200,
        "values": [dict.fromkeys(("value", "stakeholder", "norm"), 1)] * 200,
        "choices": [
            dict.fromkeys(("participant", "option", "deciding_value", "harm", "mitigation"), 1)
        ]
        * 200,
        "actions": [dict.fromkeys(("what", "who", "done_note"), 1)] * 200,
    }


def test_a_file_with_thousands_of_problems_shows_twenty_and_a_count(
    fclient: Client, team: Team
) -> None:
    total = len(validate(bad_document()))
    assert total > 3000
    status, page = post(fclient, team, bad_document())
    assert status == 400
    assert len(problems_on(page)) == SHOWN_PROBLEMS
    more = f"{total - SHOWN_PROBLEMS:,}".replace(",", ".")  # Dutch thousands: "3.780"
    assert f"En nog {more} andere fouten." in page
    assert len(page.encode()) < 40_000  # one short page, not a line per problem
    assert not Deliberation.objects.exists()


def test_the_command_prints_twenty_problems_and_a_count(team: Team, tmp_path: Path) -> None:
    path = tmp_path / "fouten.json"
    path.write_text(json.dumps(bad_document()), encoding="utf-8")
    errors = StringIO()
    with pytest.raises(CommandError):
        call_command("import_deliberation", str(path), "--team", team.slug, stderr=errors)
    lines = errors.getvalue().splitlines()
    assert len(lines) == SHOWN_PROBLEMS + 1
    assert lines[-1].startswith("… and ") and lines[-1].endswith(" more.")


def _schema_paths(node: dict[str, Any], path: str, defs: dict[str, Any]) -> list[str]:
    if "$ref" in node:
        node = defs[node["$ref"].split("/")[-1]]
    found: list[str] = []
    for name, child in node.get("properties", {}).items():
        here = f"{path}.{name}" if path else name
        found.append(here)
        found += _schema_paths(child, here, defs)
    items = node.get("items")
    if isinstance(items, dict):
        found.append(f"{path}[]")
        found += _schema_paths(items, f"{path}[]", defs)
    return found


def test_every_field_of_the_exchange_format_has_a_dutch_name() -> None:
    document = schema()
    paths = _schema_paths(document, "", document.get("$defs", {}))
    assert len(paths) > 60
    missing = [path for path in paths if path not in LABELS]
    assert missing == []
    with translation.override("nl"):
        assert place("$.options[0].effects[1].value") == "Optie 1 › Gevolg 2 › Waarde"
        assert place("$.dilemma.values_a[2]") == "Dilemma › Waarde 3 achter hoorn A"
        assert place("$.onbekend[1]") == "“onbekend” › 2"
