"""Every dropdown says what to choose: no page shows Django's "---------" as an empty choice."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from tests.test_form_fuzz import PAGES, open_page
from tests.test_url_access import world  # noqa: F401  (a fixture)

pytestmark = pytest.mark.django_db

# An <option> that says nothing: dashes only, or no text at all.
SILENT = re.compile(r"<option[^>]*>\s*(?:-{3,})?\s*</option>")


def test_the_check_recognises_a_silent_option() -> None:
    assert SILENT.search('<option value="" selected>---------</option>')
    assert SILENT.search('<option value=""></option>')
    assert not SILENT.search('<option value="">Kies een belanghebbende</option>')


def test_no_page_has_a_dropdown_without_words(
    world: dict[str, Any],  # noqa: F811
) -> None:
    silent: list[str] = []
    selects = 0
    for page in PAGES:
        with transaction.atomic():
            address, html = open_page(Client(), world, page)
            transaction.set_rollback(True)
        selects += html.count("<select")
        silent += [f"{page[0]} ({address}): {found}" for found in SILENT.findall(html)]
    assert selects > 10  # the walk did reach the forms with dropdowns
    assert silent == [], "\n".join(silent)


def test_an_empty_dropdown_says_what_to_choose_in_dutch(mclient: Client, deliberation: Any) -> None:
    from django.urls import reverse

    url = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "stakeholders"},
    )
    page = mclient.get(url).content.decode()
    assert '<option value="" selected>Kies wat voor partij het is</option>' in page
