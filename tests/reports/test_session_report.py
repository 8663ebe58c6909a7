"""The session report: contents, left-out parts really absent, clean metadata, refusal, log."""

from __future__ import annotations

import re
from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from beraad.audit.models import AccessLog
from beraad.deliberation.models import (
    Choice,
    Deliberation,
    Effect,
    OptionEffect,
    Participant,
    Rating,
    Theme,
    Value,
    ValueAtStake,
)
from beraad.reports import sections
from beraad.reports.models import ReportPreference
from tests.factories import ActionFactory, DeliberationFactory, OptionFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


def rich(team: Any) -> Deliberation:
    d = DeliberationFactory(
        team=team,
        title="Wondzorg en de zoon",
        case_description="Casustekst over meneer B. en zijn wond",
        dilemma_question="Laat ik de zoon de wondzorg doen?",
        option_a="De zoon doet het",
        harm_a="Risico op infectie",
        option_b="Ik doe het zelf",
        harm_b="Geen tijd",
        rationale="Omdat de zoon het goed kan leren",
        follow_up_on="2026-12-01",
        learned="Vraag eerder door",
    )
    d.themes.add(Theme.objects.get(slug="carer-burden"))
    trust = Value.objects.get(team=None, slug="trust")
    safety = Value.objects.get(team=None, slug="safety")
    d.values_a.add(trust)
    son = StakeholderFactory(deliberation=d, kind="informal-carer", label="de zoon")
    StakeholderFactory(deliberation=d, kind="district-nurse", label="de wijkverpleegkundige")
    ValueAtStake.objects.create(deliberation=d, stakeholder=son, value=trust, norm="Dus samen")
    ValueAtStake.objects.create(deliberation=d, value=safety)
    option = OptionFactory(deliberation=d, title="Samen leren verbinden")
    OptionEffect.objects.create(option=option, value=trust, effect=Effect.SERVES)
    OptionEffect.objects.create(option=option, value=safety, effect=Effect.HARMS)
    person = Participant.objects.create(deliberation=d, role="participant", name="Tessa Testnaam")
    Participant.objects.create(deliberation=d, role="facilitator", name="Frits Fictief")
    Choice.objects.create(deliberation=d, participant=person, option=option, harm="Meer werk")
    ActionFactory(deliberation=d, what="Instructie geven aan de zoon", who="wijkverpleegkundige")
    d.outcome, d.chosen_option = "decided", option
    d.save()
    return d


def _post(client: Client, d: Deliberation, **data: Any) -> Any:
    url = reverse("reports:session", kwargs={"team": d.team.slug, "pk": d.pk})
    return client.post(url, {"sections": list(sections.SLUGS), **data})


def test_the_report_holds_every_part(
    fclient: Client, team: Any, pdf_text: Callable[[bytes], str]
) -> None:
    d = rich(team)
    response = _post(fclient, d)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert "Wondzorg" not in response["Content-Disposition"]  # no title in the file name
    text = pdf_text(response.content)
    for expected in (
        "Wondzorg en de zoon",
        "Casustekst over meneer B.",
        "Laat ik de zoon de wondzorg doen?",
        "Risico op infectie",
        "de zoon",
        "de wijkverpleegkundige",
        "vertrouwen",
        "veiligheid",
        "Dus samen",
        "Samen leren verbinden",
        "+ dient",
        "− schaadt",
        "Omdat de zoon het goed kan leren",
        "Instructie geven aan de zoon",
        "1 december 2026",
        "Vraag eerder door",
        "pagina 1 van",
    ):
        assert expected in text, expected
    # Participants by role, not by name, unless the facilitator chooses names.
    assert "Tessa Testnaam" not in text and "Deelnemer: 1" in text
    named = pdf_text(_post(fclient, d, show_names="on").content)
    assert "Tessa Testnaam" in named


def test_parts_left_out_are_absent_and_the_choice_is_remembered(
    fclient: Client, team: Any, pdf_text: Callable[[bytes], str]
) -> None:
    d = rich(team)
    url = reverse("reports:session", kwargs={"team": d.team.slug, "pk": d.pk})
    response = fclient.post(url, {"sections": ["dilemma", "actions"]})
    text = pdf_text(response.content)
    assert "Laat ik de zoon de wondzorg doen?" in text and "Instructie geven" in text
    for absent in ("Casustekst", "Dus samen", "Samen leren verbinden", "Meer werk", "Vraag eerder"):
        assert absent not in text, absent
    preference = ReportPreference.objects.get(team=team)
    assert preference.sections == ["dilemma", "actions"]
    form = fclient.get(url).content.decode()
    checked = re.findall(
        r'<input type="checkbox" name="sections" value="([a-z]+)"[^>]*checked', form
    )
    assert checked == ["dilemma", "actions"]
    refused = fclient.post(url, {})
    assert refused.status_code == 400


def test_the_metadata_names_the_deliberation_and_the_team_only(
    fclient: Client, team: Any, pdf_info: Callable[[bytes], dict[str, str]]
) -> None:
    d = rich(team)
    info = pdf_info(_post(fclient, d).content)
    assert info["Title"] == "Wondzorg en de zoon"
    assert info["Author"] == team.name
    everything = " ".join(info.values())
    for secret in ("meneer B.", "Tessa", "infectie", "zoon doet"):
        assert secret not in everything


def test_the_fonts_are_embedded(fclient: Client, team: Any) -> None:
    import shutil
    import subprocess

    tool = shutil.which("pdffonts")
    assert tool, "poppler-utils is needed"
    d = rich(team)
    d.title = "Zorg voor één cliënt, geïnformeerd"
    d.save()
    listing = subprocess.run(  # noqa: S603
        [tool, "-"], input=_post(fclient, d).content, capture_output=True, check=True
    ).stdout.decode()
    rows = [line for line in listing.splitlines()[2:] if line.strip()]
    assert rows and all(" yes " in row for row in rows)
    assert all("Beraad-Report" in row for row in rows)


def test_a_single_rating_is_not_shown(
    fclient: Client, team: Any, pdf_text: Callable[[bytes], str]
) -> None:
    d = rich(team)
    Rating.objects.create(deliberation=d, score=2)
    text = pdf_text(_post(fclient, d, sections=["evaluation"]).content)
    assert "gemiddeld" not in text and "niet getoond" in text
    for score in (4, 5):
        Rating.objects.create(deliberation=d, score=score)
    text = pdf_text(_post(fclient, d, sections=["evaluation"]).content)
    assert "3 waarderingen, gemiddeld 3,7 van 5" in text


def test_it_is_refused_when_consent_was_withdrawn_and_every_export_is_logged(
    fclient: Client, team: Any, facilitator: Any
) -> None:
    d = rich(team)
    _post(fclient, d)
    entry = AccessLog.objects.order_by("-id").first()
    assert entry is not None and (entry.action, entry.outcome) == ("export", "ok")
    d.withdraw_consent(facilitator.user)
    response = _post(fclient, d)
    assert response.status_code == 403
    assert "toestemming" in response.content.decode()
    entry = AccessLog.objects.order_by("-id").first()
    assert entry is not None and entry.outcome == "denied"


def test_the_print_page_is_the_same_report_and_logged_as_print(fclient: Client, team: Any) -> None:
    d = rich(team)
    response = _post(fclient, d, print="1")
    page = response.content.decode()
    assert response.status_code == 200 and "Samen leren verbinden" in page
    assert "@media print" in page
    entry = AccessLog.objects.order_by("-id").first()
    assert entry is not None and entry.action == "print"


def test_the_command_writes_the_chosen_parts(
    team: Any, tmp_path: Path, pdf_text: Callable[[bytes], str]
) -> None:
    d = rich(team)
    out = tmp_path / "r.pdf"
    call_command(
        "render_report", str(d.pk), "-o", str(out), "--sections", "dilemma", stdout=StringIO()
    )
    text = pdf_text(out.read_bytes())
    assert "Laat ik de zoon" in text and "Casustekst" not in text
    with pytest.raises(CommandError):
        call_command("render_report", str(d.pk), "-o", str(out), "--sections", "nonsense")
    d.withdraw_consent(None)
    with pytest.raises(CommandError):
        call_command("render_report", str(d.pk), "-o", str(out))


def test_a_member_downloads_but_only_a_facilitator_sets_the_teams_default(
    client: Client, team: Any, member: Any, facilitator: Any
) -> None:
    d = rich(team)
    url = reverse("reports:session", kwargs={"team": team.slug, "pk": d.pk})
    client.force_login(member.user)
    answer = client.post(url, {"sections": ["case"], "show_names": "on"})
    assert answer["Content-Type"] == "application/pdf"
    assert not ReportPreference.objects.filter(team=team).exists()
    client.force_login(facilitator.user)
    client.post(url, {"sections": ["case", "dilemma"], "show_names": "on"})
    assert ReportPreference.objects.get(team=team).sections == ["case", "dilemma"]
    form = client.get(url).content.decode()
    assert (
        'name="show_names"' in form and 'name="show_names" id="id_show_names" checked' not in form
    )
