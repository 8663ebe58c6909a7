"""The period report and the CSV exports: no case texts, Dutch Excel, consent respected, logged."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from beraad.audit.models import AccessLog
from beraad.deliberation.models import Theme
from tests.factories import ActionFactory, DeliberationFactory

pytestmark = pytest.mark.django_db

PERIOD = {"date_from": "2026-01-01", "date_to": "2026-06-30"}


@pytest.fixture
def world(team: Any, facilitator: Any) -> dict[str, Any]:
    inside = DeliberationFactory(
        team=team,
        title="Schulden en de huur",
        held_on=date(2026, 2, 3),
        case_description="Geheime casustekst",
        status="concluded",
        outcome="insight",
    )
    inside.themes.add(Theme.objects.get(slug="carer-burden"))
    ActionFactory(deliberation=inside, what="Bel de schuldhulp", due=date(2026, 3, 1), done=True)
    outside = DeliberationFactory(team=team, title="Buiten de periode", held_on=date(2025, 5, 1))
    withdrawn = DeliberationFactory(team=team, title="Ingetrokken", held_on=date(2026, 3, 3))
    withdrawn.withdraw_consent(facilitator.user)
    other = DeliberationFactory(title="Ander team", held_on=date(2026, 3, 3))
    return {"inside": inside, "outside": outside, "withdrawn": withdrawn, "other": other}


def _post(client: Client, team: Any, button: str) -> Any:
    return client.post(reverse("reports:team", kwargs={"team": team.slug}), {**PERIOD, button: "1"})


def test_the_period_report_lists_deliberations_without_case_text(
    fclient: Client,
    team: Any,
    world: dict[str, Any],
    pdf_text: Callable[[bytes], str],
    pdf_fonts: Callable[[bytes], list[str]],
) -> None:
    response = _post(fclient, team, "team_pdf")
    fonts = pdf_fonts(response.content)
    assert fonts and all("Beraad-Report" in row and " yes " in row for row in fonts)  # charts too
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "Schulden en de huur" in text and "3 februari 2026" in text
    assert "inzicht, geen besluit" in text and "draagkracht van mantelzorgers" in text
    assert "Geheime casustekst" not in text and "Bel de schuldhulp" not in text
    for absent in ("Buiten de periode", "Ingetrokken", "Ander team"):
        assert absent not in text
    assert "toestemming" in text  # says that one was left out, and why
    assert "Gehouden tegenover gepland" in text
    entry = AccessLog.objects.order_by("-id").first()
    assert entry is not None and entry.action == "export" and entry.object_type == "team_report"


def test_the_deliberations_csv_opens_in_dutch_excel(
    fclient: Client, team: Any, world: dict[str, Any]
) -> None:
    response = _post(fclient, team, "deliberations_csv")
    content = response.content
    assert content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:2] == ["datum", "titel"]
    assert rows[1][:2] == ["03-02-2026", "Schulden en de huur"]
    assert rows[1][-2:] == ["1", "1"]
    assert len(rows) == 2  # not the withdrawn one, not outside the period, not another team
    entry = AccessLog.objects.order_by("-id").first()
    assert entry is not None and entry.object_type == "deliberations_csv"


def test_the_actions_csv(fclient: Client, team: Any, world: dict[str, Any]) -> None:
    rows = list(
        csv.reader(
            io.StringIO(_post(fclient, team, "actions_csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert len(rows) == 2
    assert rows[1][0] == "03-02-2026" and rows[1][2] == "Bel de schuldhulp"
    assert rows[1][5] == "01-03-2026" and rows[1][6] == "ja"


def test_a_bad_period_is_explained(fclient: Client, team: Any) -> None:
    response = fclient.post(
        reverse("reports:team", kwargs={"team": team.slug}),
        {"date_from": "2026-06-01", "date_to": "2026-01-01", "team_pdf": "1"},
    )
    assert response.status_code == 400 and 'role="alert"' in response.content.decode()


def test_the_command_writes_the_period_report(
    team: Any, world: dict[str, Any], tmp_path: Path, pdf_text: Callable[[bytes], str]
) -> None:
    out = tmp_path / "t.pdf"
    call_command(
        "render_team_report",
        team.slug,
        "--from",
        "2026-01-01",
        "--to",
        "2026-06-30",
        "-o",
        str(out),
        stdout=StringIO(),
    )
    assert "Schulden en de huur" in pdf_text(out.read_bytes())
    with pytest.raises(CommandError):
        call_command(
            "render_team_report",
            team.slug,
            "--from",
            "2026-07-01",
            "--to",
            "2026-01-01",
            "-o",
            str(out),
        )
    with pytest.raises(CommandError):
        call_command(
            "render_team_report",
            "nope",
            "--from",
            "2026-01-01",
            "--to",
            "2026-02-01",
            "-o",
            str(out),
        )


def test_the_period_report_shows_no_team_value_names_and_counts_no_withdrawn_deliberation(
    team: Any, world: dict[str, Any], pdf_text: Callable[[bytes], str]
) -> None:
    from beraad.deliberation.models import Value, ValueAtStake
    from beraad.insights import stats
    from beraad.reports import team as team_report

    own = Value.objects.create(
        team=team, slug="wens-van-mevrouw-jansen", name="Wens van mevrouw Jansen"
    )
    ValueAtStake.objects.create(deliberation=world["inside"], value=own)
    ValueAtStake.objects.create(
        deliberation=world["inside"], value=Value.objects.get(team=None, slug="trust")
    )
    period = stats.Period(date(2026, 1, 1), date(2026, 6, 30))
    text = pdf_text(team_report.render_pdf(team, period))
    assert "Jansen" not in text and "vertrouwen" in text
    data = team_report.context(team, period, for_pdf=False)
    assert data["figures"].total == 1  # the withdrawn one is not counted
    english = pdf_text(team_report.render_pdf(team, period, "en"))
    assert "Period report" in english and "Periodeverslag" not in english


def test_a_csv_cell_cannot_become_a_formula(
    fclient: Client, team: Any, world: dict[str, Any]
) -> None:
    world["inside"].title = '=HYPERLINK("http://example.test")'
    world["inside"].save()
    rows = list(
        csv.reader(
            io.StringIO(_post(fclient, team, "deliberations_csv").content.decode("utf-8-sig")),
            delimiter=";",
        )
    )
    assert rows[1][1].startswith("'=")
