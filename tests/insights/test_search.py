"""Full-text search: Dutch stems, filters, snippets, index upkeep, and no words in URLs or logs."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beraad.audit.models import AccessLog
from beraad.deliberation.models import Theme, Value, ValueAtStake
from beraad.insights import search, text
from beraad.insights.models import SearchEntry
from beraad.privacy.retention import apply_retention
from tests.factories import (
    ActionFactory,
    DeliberationFactory,
    OptionFactory,
    StakeholderFactory,
)

pytestmark = pytest.mark.django_db


def _search(client: Client, team: Any, **data: str) -> str:
    response = client.post(reverse("deliberation:list", kwargs={"team": team.slug}), data)
    assert response.status_code == 200
    return response.content.decode()


def test_stems_match_word_forms_and_ignore_diacritics() -> None:
    assert text.stem("mantelzorgers") == text.stem("mantelzorger")
    assert text.stem("Financiële") == text.stem("financiele")
    assert text.query_stems("De mantelzorgers, de MANTELZORGER!") == [
        text.stem("de"),
        text.stem("mantelzorger"),
    ]


def test_a_snippet_marks_every_matching_word_and_escapes_the_rest() -> None:
    piece = text.snippet(
        "<b>Vooraf</b> de mantelzorger belde; later nog een mantelzorgers-overleg.",
        text.query_stems("mantelzorgers"),
    )
    assert piece is not None
    assert piece.count("<mark>") == 2
    assert "&lt;b&gt;" in piece and "<b>" not in piece
    assert text.snippet("niets te vinden", text.query_stems("schuld")) is None


def test_it_finds_a_word_form_in_every_searched_part(fclient: Client, team: Any) -> None:
    DeliberationFactory(team=team, title="Casus A", case_description="Twee mantelzorgers.")
    in_stakeholder = DeliberationFactory(team=team, title="Casus B")
    StakeholderFactory(deliberation=in_stakeholder, label="de mantelzorger")
    in_option = DeliberationFactory(team=team, title="Casus C")
    OptionFactory(deliberation=in_option, title="Mantelzorg ontlasten", description="")
    in_action = DeliberationFactory(team=team, title="Casus D")
    ActionFactory(deliberation=in_action, what="Bel de mantelzorgers")
    DeliberationFactory(team=team, title="Casus E", case_description="Over schulden.")
    DeliberationFactory(title="Ander team", case_description="mantelzorger")
    page = _search(fclient, team, q="mantelzorger")
    for found in ("Casus A", "Casus B", "Casus D"):
        assert found in page
    assert "Casus E" not in page and "Ander team" not in page
    assert "<mark>mantelzorgers</mark>" in page
    # "mantelzorg" is a prefix of the stem "mantelzorger": the option matches a search for it.
    assert "Casus C" in _search(fclient, team, q="mantelzorg")


def test_every_word_must_match(fclient: Client, team: Any) -> None:
    DeliberationFactory(team=team, title="Beide", case_description="schulden en een mantelzorger")
    DeliberationFactory(team=team, title="Alleen schuld", case_description="schulden")
    page = _search(fclient, team, q="schulden mantelzorger")
    assert "Beide" in page and "Alleen schuld" not in page


def test_filters_narrow_a_search_and_work_alone(
    client: Client, team: Any, facilitator: Any
) -> None:
    client.force_login(facilitator.user)
    theme = Theme.objects.get(slug="carer-burden")
    trust = Value.objects.get(team=None, slug="trust")
    early = DeliberationFactory(
        team=team, title="Vroeg", held_on=date(2026, 1, 5), case_description="zoon"
    )
    late = DeliberationFactory(
        team=team, title="Laat", held_on=date(2026, 6, 5), case_description="zoon"
    )
    late.themes.add(theme)
    ValueAtStake.objects.create(deliberation=late, value=trust)
    StakeholderFactory(deliberation=early, kind="gp")
    assert "Vroeg" not in _search(client, team, q="zoon", theme="carer-burden")
    assert "Laat" in _search(client, team, q="zoon", value="trust")
    assert "Laat" not in _search(client, team, q="zoon", kind="gp")
    assert "Vroeg" not in _search(client, team, q="zoon", date_from="2026-03-01")
    # Filters alone go to the address (nothing secret in them), so paging keeps them.
    url = reverse("deliberation:list", kwargs={"team": team.slug})
    answer = client.post(url, {"q": "", "theme": "carer-burden"})
    assert answer.status_code == 302 and answer["Location"] == f"{url}?theme=carer-burden"
    listed = client.get(answer["Location"]).content.decode()
    assert "Laat" in listed and "Vroeg" not in listed


def test_a_bad_filter_is_explained_and_keeps_what_was_typed(fclient: Client, team: Any) -> None:
    url = reverse("deliberation:list", kwargs={"team": team.slug})
    response = fclient.post(
        url, {"q": "mijn zoekwoorden", "date_from": "2026-05-01", "date_to": "2026-01-01"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert 'value="mijn zoekwoorden"' in page
    assert 'role="alert"' in page


def test_search_words_stay_out_of_urls_and_the_log(fclient: Client, team: Any) -> None:
    DeliberationFactory(team=team, title="Geheim", case_description="Kwikstaartje")
    page = _search(fclient, team, q="kwikstaartje")
    assert "Geheim" in page
    assert "q=kwikstaartje" not in page.lower()
    entry = AccessLog.objects.order_by("-id").first()
    assert entry is not None and entry.action == "search"
    assert "kwikstaart" not in json.dumps(list(AccessLog.objects.values()), default=str).lower()


def test_the_entry_follows_edits_deletions_and_erasure(team: Any) -> None:
    deliberation = DeliberationFactory(team=team, case_description="eerste versie")
    stakeholder = StakeholderFactory(deliberation=deliberation, label="de wijkagent")
    entry = SearchEntry.objects.get(pk=deliberation.pk)
    assert "wijkagent" in entry.parts["stakeholders"] and entry.facets["kinds"] == ["client"]
    deliberation.case_description = "tweede versie"
    deliberation.save()
    stakeholder.delete()
    entry.refresh_from_db()
    assert entry.parts["case"] == "tweede versie" and "stakeholders" not in entry.parts
    assert text.stem("eerste") not in entry.stems.split()
    deliberation.themes.add(Theme.objects.get(slug="confidentiality"))
    entry.refresh_from_db()
    assert entry.facets["themes"] == ["confidentiality"]
    deliberation.delete()
    assert not SearchEntry.objects.filter(pk=deliberation.pk).exists()


def test_retention_erases_the_search_entry_too(team: Any) -> None:
    from django.utils import timezone

    deliberation = DeliberationFactory(team=team, case_description="Verhaal van de buurman")
    deliberation.conclude(None)
    type(deliberation).objects.filter(pk=deliberation.pk).update(
        concluded_at=timezone.now().replace(year=2020)
    )
    apply_retention()
    entry = SearchEntry.objects.get(pk=deliberation.pk)
    assert "buurman" not in json.dumps(entry.parts) and text.stem("buurman") not in entry.stems


def test_search_reads_a_fixed_number_of_queries(team: Any) -> None:
    def queries_for(count: int) -> int:
        for n in range(count):
            d = DeliberationFactory(team=team, case_description=f"mantelzorger nummer {n}")
            d.themes.add(Theme.objects.get(slug="carer-burden"))
        with CaptureQueriesContext(connection) as captured:
            result = search.search(team, "mantelzorger", search.Filters(theme="carer-burden"))
        assert len(result.hits) == result.total
        return len(captured)

    few = queries_for(3)
    assert queries_for(12) == few


def test_only_the_best_matches_show_and_the_page_says_so(fclient: Client, team: Any) -> None:
    for n in range(search.LIMIT + 2):
        DeliberationFactory(team=team, title=f"Nummer {n}", case_description="schuldhulp")
    result = search.search(team, "schuldhulp", search.Filters())
    assert result.total == search.LIMIT + 2 and len(result.hits) == search.LIMIT
    assert result.truncated
    page = _search(fclient, team, q="schuldhulp")
    assert page.count('class="snippet"') == search.LIMIT


def test_the_search_page_reads_a_fixed_number_of_queries(fclient: Client, team: Any) -> None:
    url = reverse("deliberation:list", kwargs={"team": team.slug})

    def queries_for(count: int) -> int:
        for n in range(count):
            d = DeliberationFactory(team=team, case_description=f"mantelzorger {n}")
            d.themes.add(Theme.objects.get(slug="carer-burden"))
        with CaptureQueriesContext(connection) as captured:
            assert (
                fclient.post(url, {"q": "mantelzorger", "theme": "carer-burden"}).status_code == 200
            )
        return len(captured)

    fclient.post(url, {"q": "warm"})  # sessions and the like, read once
    few = queries_for(3)
    assert queries_for(12) == few
