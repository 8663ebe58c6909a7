"""Both reports on paper: nothing runs off the right edge of a page, no page before the last is
left half empty, and a session report does not end on a page of one or two lines; with the demo
data and with large data (many values, long texts, three years of a busy team)."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.utils import timezone, translation

from beraad.accounts.models import Team
from beraad.deliberation.models import (
    CaseQuestion,
    Choice,
    Deliberation,
    OptionEffect,
    Rating,
    Theme,
    Value,
)
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
from tests.reports.pdf_checks import MIN_LAST_PAGE_LINES, layout_problems

pytestmark = pytest.mark.django_db

# Words longer than a narrow table column, as Dutch makes them, and a link without spaces.
LONG_WORD = "arbeidsongeschiktheidsverzekeringsmaatschappij"
LINK = "https://www.voorbeeldgemeente.nl/sociaal-domein/regelingen/bijzondere-bijstand/aanvraag"
SENTENCE = (
    "De cliënt vertelt dat zij haar post niet meer opent sinds de brief van de "
    f"{LONG_WORD}, en dat zij bang is dat haar zoon het hoort. "
)


def _session_html(deliberation: Deliberation) -> str:
    options = session.Options(sections=list(sections.SLUGS), show_names=True)
    return session.render_html(deliberation, options, for_pdf=True)


def _period_html(team: Team, period: stats.Period, language: str = "nl") -> str:
    with translation.override(language):
        data = team_report.context(team, period, for_pdf=True)
        return render_to_string("reports/team.html", data)


def _large_deliberation(team: Team) -> Deliberation:
    """Everything a session report shows, at the length a busy team types it."""
    values = list(Value.objects.filter(team=None).order_by("id")[:12])
    deliberation = DeliberationFactory(
        team=team,
        title=f"Wat doen we met de brieven van de {LONG_WORD} die mevrouw niet opent"[:200],
        held_on=date(2026, 3, 12),
        status="concluded",
        outcome="decided",
        case_description="\n\n".join(SENTENCE * 4 for _ in range(5)),
        dilemma_question="Openen we samen met de zoon haar post, of laten we haar dat zelf doen?",
        option_a=SENTENCE * 3,
        harm_a=SENTENCE * 2,
        option_b=SENTENCE * 3,
        harm_b=SENTENCE * 2,
        rationale=SENTENCE * 5,
        dissent=SENTENCE * 2,
        follow_up_on=date(2026, 5, 1),
        learned=SENTENCE * 3,
        takeaways=SENTENCE * 3 + LINK,
    )
    deliberation.themes.set(Theme.objects.all()[:6])
    people = [
        ParticipantFactory(deliberation=deliberation, name=f"Medewerker {n} van {LONG_WORD}")
        for n in range(8)
    ]
    for n in range(6):
        CaseQuestion.objects.create(
            deliberation=deliberation, question=f"Vraag {n}: {SENTENCE}", answer=SENTENCE * 2
        )
    for n in range(8):
        stakeholder = StakeholderFactory(
            deliberation=deliberation,
            label=f"belanghebbende {n} bij de {LONG_WORD}",
            perspective=SENTENCE * 3,
            interests=SENTENCE + LINK,
        )
        for value in values[n % 4 :: 4]:
            ValueAtStakeFactory(
                deliberation=deliberation,
                stakeholder=stakeholder,
                value=value,
                norm=f"dus moeten we {LONG_WORD} vermijden",
            )
    options = [
        OptionFactory(
            deliberation=deliberation,
            title=f"Optie {n}: samen met de {LONG_WORD} bellen",
            description=SENTENCE * 2,
            mitigation=SENTENCE,
        )
        for n in range(5)
    ]
    effects = ["serves", "harms", "neutral"]
    for n, option in enumerate(options):
        for m, value in enumerate(values):
            OptionEffect.objects.create(option=option, value=value, effect=effects[(n + m) % 3])
    for n, person in enumerate(people):
        Choice.objects.create(
            deliberation=deliberation,
            participant=person,
            option=options[n % 5],
            deciding_value=values[n],
            harm=SENTENCE,
            mitigation=SENTENCE,
            needs=SENTENCE + LINK,
        )
    for n in range(10):
        ActionFactory(
            deliberation=deliberation,
            what=SENTENCE + LINK,
            who=f"de wijkverpleegkundige van de {LONG_WORD}",
            due=date(2026, 4, 1) + timedelta(days=7 * n),
            done=n % 2 == 0,
        )
    Rating.objects.bulk_create([Rating(deliberation=deliberation, score=4) for _ in range(6)])
    return deliberation


def test_it_keeps_every_demo_session_report_on_the_page_without_an_orphaned_last_page() -> None:
    call_command("loaddemo", "--i-know-this-is-not-production", stdout=StringIO())
    found = Deliberation.objects.filter(team__organisation__slug="gemeente-demostad")
    assert found.count() >= 10
    problems = {
        d.title: layout_problems(_session_html(d), last_page_lines=MIN_LAST_PAGE_LINES)
        for d in found.order_by("id")
    }
    assert {title: p for title, p in problems.items() if p} == {}


def test_it_keeps_a_large_session_report_on_the_page(team: Team) -> None:
    deliberation = _large_deliberation(team)
    html = _session_html(deliberation)
    assert layout_problems(html, last_page_lines=MIN_LAST_PAGE_LINES) == []
    assert html.count("<table") >= 4  # twelve values: the grid is printed in two tables


def test_it_keeps_a_short_session_report_to_one_page(team: Team) -> None:
    deliberation = DeliberationFactory(team=team, title="Kort", dilemma_question="Delen of niet?")
    html = _session_html(deliberation)
    assert layout_problems(html) == []
    assert html.count("<h2>") == len(sections.SLUGS)


def test_it_lays_out_the_demo_period_report_by_quarter_and_by_month() -> None:
    call_command("loaddemo", "--i-know-this-is-not-production", stdout=StringIO())
    noord = Team.objects.get(slug="noord")
    year = stats.Period(date(2026, 1, 1), date(2026, 12, 31), "quarter")
    assert layout_problems(_period_html(noord, year)) == []
    by_month = stats.Period(date(2026, 1, 1), date(2026, 12, 31), "month")
    assert layout_problems(_period_html(noord, by_month, "en")) == []


def test_it_lays_out_a_large_period_report() -> None:
    """Three years of a busy team by month: 36 rows per trend table, every theme, and titles
    longer than their column."""
    call_command("generate_load_data", "--teams", "1", "--per-team", "300", stdout=StringIO())
    team = Team.objects.get(slug="load-001")
    today = timezone.localdate()
    for n in range(5):
        made = DeliberationFactory(
            team=team,
            title=f"{LONG_WORD} en de {LONG_WORD}: casus {n} {LINK}"[:200],
            held_on=today - timedelta(days=40 * n),
        )
        made.themes.set(Theme.objects.all())
    period = stats.Period(today - timedelta(days=3 * 365), today, "month")
    html = _period_html(team, period)
    assert layout_problems(html) == []
    assert html.count("<svg") >= 8


@pytest.mark.parametrize("kind", ["session", "period"])
def test_the_layout_check_finds_a_table_off_the_page_and_a_half_empty_page(
    team: Any, kind: str
) -> None:
    """The check itself can fail: a table too wide for the page, and a forced page break."""
    unbreakable = '<td style="overflow-wrap: normal; hyphens: manual">' + "W" * 200 + "</td>"
    wide = "<table><tr>" + "<td>x</td>" * 3 + unbreakable + "</tr></table>"
    if kind == "session":
        html = _session_html(DeliberationFactory(team=team, title="Kort"))
    else:
        html = _period_html(team, stats.Period(date(2026, 1, 1), date(2026, 3, 31), "month"))
    broken = html.replace(
        "</h1>",
        '</h1><p style="break-after: page">—</p>' + wide,
        1,
    )
    problems = layout_problems(broken)
    assert any("past the right edge" in p for p in problems)
    assert any("page 1 of" in p and "full" in p for p in problems)
