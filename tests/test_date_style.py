"""One date style: in Dutch, month names in lower case ("25 mei 2026"), on every page."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.factories import ActionFactory, DeliberationFactory

ROOT = Path(__file__).resolve().parent.parent
CAPITALISED_MONTH = re.compile(
    r"\b\d{1,2} (?:Jan|Feb|Mrt|Apr|Mei|Jun|Jul|Aug|Sep|Okt|Nov|Dec)[a-z]*\.? \d{4}\b"
)


@pytest.mark.django_db
def test_dates_in_may_are_written_in_lower_case_on_the_list_and_overview(
    mclient: Client, team: Any
) -> None:
    d = DeliberationFactory(team=team, title="In mei", held_on=date(2026, 5, 25))
    ActionFactory(deliberation=d, due=date(2026, 5, 29))
    pages = [
        reverse("deliberation:list", kwargs={"team": team.slug}),
        reverse("deliberation:detail", kwargs={"team": team.slug, "pk": d.pk}),
        reverse("deliberation:step", kwargs={"team": team.slug, "pk": d.pk, "step": "decision"}),
    ]
    for url in pages:
        text = mclient.get(url).content.decode()
        assert CAPITALISED_MONTH.findall(text) == [], url
    assert "25 mei 2026" in mclient.get(pages[0]).content.decode()
    assert "25 mei 2026" in mclient.get(pages[1]).content.decode()


def test_no_template_or_module_asks_for_a_capitalised_month() -> None:
    """Django's "M" format gives "Mei"; "F" (and "N" for short labels) give "mei" in Dutch."""
    offending = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for fmt in re.findall(r"\|date:[\"']([^\"']*)[\"']", line):
                if "M" in fmt:
                    offending.append(f"{path.relative_to(ROOT)}:{number}: {fmt}")
    for path in sorted((ROOT / "beraad").rglob("*.py")):
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for fmt in re.findall(
                r"date_format\([^,()]+(?:\([^()]*\))?, [\"']([^\"']*)[\"']", line
            ):
                if "M" in fmt:
                    offending.append(f"{path.relative_to(ROOT)}:{number}: {fmt}")
    assert offending == [], "\n".join(offending)
