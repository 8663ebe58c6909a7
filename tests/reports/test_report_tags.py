"""Both reports are accessible PDFs (PDF/UA-1): tagged, with their language and title, headings in
order, tables with header cells that every data cell points to, and charts as figures with a text
alternative. Read back with pdfinfo and, for the tag tree, pypdf."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject

from beraad.accounts.models import Team
from beraad.deliberation.models import Choice, Deliberation, OptionEffect, Theme, Value
from beraad.insights import stats
from beraad.reports import sections, session
from beraad.reports import team as team_report
from tests.factories import (
    ActionFactory,
    DeliberationFactory,
    OptionFactory,
    ParticipantFactory,
    StakeholderFactory,
    ValueAtStakeFactory,
)

pytestmark = pytest.mark.django_db


def _deliberation(team: Team, language: str = "nl") -> Deliberation:
    deliberation = DeliberationFactory(
        team=team,
        title="Wondzorg delen met de zoon",
        language=language,
        held_on=date(2026, 2, 3),
        status="concluded",
        outcome="decided",
        case_description="Een casus.",
        dilemma_question="Delen of niet?",
        option_a="Wel delen",
        option_b="Niet delen",
    )
    deliberation.themes.add(Theme.objects.first())
    trust = Value.objects.get(team=None, slug="trust")
    stakeholder = StakeholderFactory(deliberation=deliberation, perspective="Zij wil rust.")
    ValueAtStakeFactory(deliberation=deliberation, stakeholder=stakeholder, value=trust)
    option = OptionFactory(deliberation=deliberation, title="Samen bellen")
    OptionEffect.objects.create(option=option, value=trust, effect="serves")
    person = ParticipantFactory(deliberation=deliberation, name="Anna")
    Choice.objects.create(deliberation=deliberation, participant=person, option=option)
    ActionFactory(deliberation=deliberation, due=date(2026, 3, 1))
    return deliberation


def _period_report(team: Team, language: str) -> bytes:
    for month in (1, 2, 4):
        made = DeliberationFactory(team=team, held_on=date(2026, month, 3), status="concluded")
        made.themes.set(Theme.objects.all()[:2])
    return team_report.render_pdf(
        team, stats.Period(date(2026, 1, 1), date(2026, 6, 30), "month"), language
    )


def _elements(node: Any) -> Iterator[DictionaryObject]:
    """Every structure element below ``node``, depth first, in reading order."""
    kids = node.get("/K")
    if kids is None:
        return
    kids = kids.get_object()
    for kid in kids if isinstance(kids, ArrayObject) else [kids]:
        kid = kid.get_object()
        if isinstance(kid, DictionaryObject) and "/S" in kid:
            yield kid
            yield from _elements(kid)


def _dict(value: Any) -> DictionaryObject:
    found = value.get_object()
    assert isinstance(found, DictionaryObject)
    return found


def _tree(content: bytes) -> tuple[DictionaryObject, list[DictionaryObject]]:
    catalog = _dict(PdfReader(io.BytesIO(content)).trailer["/Root"])
    return catalog, list(_elements(_dict(catalog["/StructTreeRoot"])))


def _check_tagged(
    content: bytes, pdf_info: Callable[[bytes], dict[str, str]], language: str
) -> list[DictionaryObject]:
    """What every report has: tagged, PDF/UA-1, its language, its title shown; the elements."""
    info = pdf_info(content)
    assert info["Tagged"] == "yes"
    catalog, elements = _tree(content)
    assert _dict(catalog["/MarkInfo"])["/Marked"] == BooleanObject(True)
    assert catalog["/Lang"] == language
    assert _dict(catalog["/ViewerPreferences"])["/DisplayDocTitle"] == BooleanObject(True)
    metadata = catalog["/Metadata"].get_object().get_data().decode()
    assert 'pdfuaid:part="1"' in metadata and "<dc:title>" in metadata  # PDF/UA-1, its title
    kinds = [str(e["/S"]) for e in elements]
    headings = [int(kind[2]) for kind in kinds if kind in ("/H1", "/H2", "/H3", "/H4")]
    assert headings[0] == 1 and headings.count(1) == 1
    assert all(b - a <= 1 for a, b in itertools.pairwise(headings))  # no skipped level
    for kind in ("/H2", "/Table", "/THead", "/TBody", "/TR", "/TH", "/TD", "/P"):
        assert kind in kinds, kind
    # Every data cell names the header cells it belongs to (a screen reader reads them out).
    header_ids = {str(e["/ID"]) for e in elements if e["/S"] == "/TH" and "/ID" in e}
    cells = [e for e in elements if e["/S"] == "/TD"]
    assert header_ids and cells
    for cell in cells:
        named = [str(h) for h in _dict(cell["/A"])["/Headers"]]
        assert named and set(named) <= header_ids
    return elements


def test_the_session_report_is_a_tagged_accessible_pdf(
    team: Team, pdf_info: Callable[[bytes], dict[str, str]]
) -> None:
    deliberation = _deliberation(team)
    content = session.render_pdf(
        deliberation, session.Options(sections=list(sections.SLUGS), show_names=True)
    )
    assert pdf_info(content)["Title"] == "Wondzorg delen met de zoon"
    elements = _check_tagged(content, pdf_info, "nl")
    kinds = [str(e["/S"]) for e in elements]
    assert "/H3" in kinds  # each person's choice, under "Individual choices"
    assert "/Sect" in kinds and "/L" in kinds  # the parts, the participants by name


def test_an_english_session_report_says_so(
    team: Team, pdf_info: Callable[[bytes], dict[str, str]]
) -> None:
    content = session.render_pdf(
        _deliberation(team, "en"), session.Options(sections=list(sections.SLUGS))
    )
    _check_tagged(content, pdf_info, "en")


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_period_report_tags_its_charts_as_figures_with_a_text_alternative(
    team: Team, pdf_info: Callable[[bytes], dict[str, str]], language: str
) -> None:
    content = _period_report(team, language)
    elements = _check_tagged(content, pdf_info, language)
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert len(figures) >= 5  # held, themes and values over time, themes, outcomes, actions
    held = "Gehouden beraden" if language == "nl" else "Deliberations held"
    alternatives = [str(f.get("/Alt", "")) for f in figures]
    assert all(len(alt) > 20 and alt != "Pygal" for alt in alternatives), alternatives
    assert any(alt.startswith(held) and "3" in alt for alt in alternatives)
