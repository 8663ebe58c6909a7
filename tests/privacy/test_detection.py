from __future__ import annotations

import io
import json
import sys
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from beraad.deliberation.models import Deliberation, Stakeholder
from beraad.privacy import detector
from beraad.privacy.models import Dismissal, Pseudonym
from beraad.privacy.pseudonyms import tag_text
from beraad.privacy.services import open_warnings, pseudonym_for, warnings_for
from beraad.privacy.spans import Finding
from tests.factories import StakeholderFactory

TEXT = (
    "Mevrouw Jansen belde op 06-12345678; haar BSN is 123456782 en ze woont aan de Kerkstraat 12A."
)


def kinds(text: str) -> set[str]:
    return {finding.kind for finding in detector.detect(text)}


def test_it_combines_deduce_and_the_own_rules() -> None:
    found = detector.detect(TEXT)
    assert {"name", "phone", "bsn", "address"} <= {f.kind for f in found}
    for finding in found:
        assert TEXT[finding.start : finding.end] == finding.text
    names = [f.text for f in found if f.kind == "name"]
    assert names == ["Jansen"]  # the title is not part of the name


def test_it_does_not_flag_pseudonyms() -> None:
    assert "name" not in kinds("Mevrouw A. en de zoon spraken met meneer B. over de wondzorg.")


def test_it_finds_a_town_as_a_place_and_nothing_more() -> None:
    found = detector.detect("Het gesprek was in Utrecht, op het kantoor van het wijkteam.")
    assert [(f.text, f.kind) for f in found] == [("Utrecht", "place")]


def test_a_place_gives_way_to_a_name_or_address_that_overlaps_it() -> None:
    found = detector.detect(
        "Meneer Zeist woont op Kerkstraat 4 in Zeist; naar Den Bosch gaat hij niet."
    )
    assert [(f.text, f.kind) for f in found] == [
        ("Zeist", "name"),
        ("Kerkstraat 4", "address"),
        ("Zeist", "place"),
        ("Den Bosch", "place"),
    ]


@pytest.mark.usefixtures("deduce_not_ready")
def test_it_checks_without_waiting_for_deduce() -> None:
    findings, complete = detector.check("Bel 06-12345678.")
    assert not complete
    assert [f.kind for f in findings] == ["phone"]


def test_it_tags_the_same_text_with_the_same_tag() -> None:
    text = "Piet belde. Later belde Piet weer, en toen Klaas."
    findings = [
        Finding(0, 4, "name", "Piet"),
        Finding(24, 28, "name", "Piet"),
        Finding(43, 48, "name", "Klaas"),
    ]
    assert (
        tag_text(text, findings)
        == "[PERSOON-1] belde. Later belde [PERSOON-1] weer, en toen [PERSOON-2]."
    )


def test_it_pseudonymises_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXT))
    out = io.StringIO()
    call_command("pseudonymise", stdout=out)
    assert "[PERSOON-1]" in out.getvalue()
    assert "[BSN-1]" in out.getvalue()
    assert "123456782" not in out.getvalue()
    monkeypatch.setattr(sys, "stdin", io.StringIO(TEXT))
    out = io.StringIO()
    call_command("pseudonymise", "--json", stdout=out)
    document = json.loads(out.getvalue())
    assert document["text"].startswith("Mevrouw [PERSOON-1]")
    for span in document["spans"]:
        assert TEXT[span["start"] : span["end"]] == span["text"]
        assert set(span) == {"start", "end", "kind", "text", "pseudonym", "person", "candidates"}


@pytest.mark.django_db
def test_it_gives_the_same_name_the_same_pseudonym(deliberation: Deliberation) -> None:
    jansen = Finding(8, 14, "name", "Jansen")
    first = pseudonym_for(deliberation, jansen)
    again = pseudonym_for(deliberation, Finding(30, 37, "name", "JANSEN "))
    other = pseudonym_for(deliberation, Finding(0, 5, "name", "Bakker"))
    assert first == again
    assert first != other
    assert first.startswith(("persoon", "person"))
    # The database keeps digests, not names.
    assert not Pseudonym.objects.filter(digest__icontains="jansen").exists()
    assert "Jansen" not in json.dumps(list(Pseudonym.objects.values()), default=str)


@pytest.mark.django_db
def test_it_checks_typed_text(mclient: Client, deliberation: Deliberation) -> None:
    url = reverse("privacy:check", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk})
    response = mclient.post(
        url,
        {"field": "case_description", "target": "id_case_description", "case_description": TEXT},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Jansen" in page
    assert 'data-target="id_case_description"' in page
    assert "Gebruik een rol of pseudoniem" in page


@pytest.mark.django_db
def test_a_check_while_typing_stores_no_pseudonym_for_unsaved_text(
    mclient: Client, deliberation: Deliberation
) -> None:
    """Text that is typed and never saved leaves nothing behind, not even a digest; once saved,
    its names get the pseudonym the check showed."""
    url = reverse("privacy:check", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk})
    data = {"field": "case_description", "target": "id_case_description", "case_description": TEXT}
    typed = mclient.post(url, data).content.decode()
    again = mclient.post(url, data).content.decode()
    assert Pseudonym.objects.filter(deliberation=deliberation).count() == 0
    shown = [w.replacement for w in warnings_for(deliberation, TEXT, persist=False)[0]]
    assert shown and all(label in typed and label in again for label in shown)
    assert Pseudonym.objects.filter(deliberation=deliberation).count() == 0
    deliberation.case_description = TEXT
    deliberation.save()
    stored = [w.replacement for w in warnings_for(deliberation, TEXT)[0]]
    assert stored == shown
    assert Pseudonym.objects.filter(deliberation=deliberation).count() > 0


@pytest.mark.django_db
def test_a_pseudonym_already_in_the_text_is_not_given_to_someone_else(
    deliberation: Deliberation,
) -> None:
    """ "Henk" replaced by "persoon A" while typing (no row stored), then "Piet" typed: Piet gets
    another letter, while typing and once saved."""
    text = "Gesprek met persoon A over de schulden. Daarna belde Piet Mol."
    typed = [w for w in warnings_for(deliberation, text, persist=False)[0] if w.person]
    assert [w.finding.text for w in typed] == ["Piet Mol"]
    assert typed[0].person != "persoon A"
    deliberation.case_description = text
    deliberation.save()
    saved = [w for w in warnings_for(deliberation, text)[0] if w.person]
    assert saved[0].person == typed[0].person


@pytest.mark.django_db
def test_it_replaces_in_a_step_field_without_javascript(
    mclient: Client, deliberation: Deliberation
) -> None:
    deliberation.case_description = TEXT
    deliberation.save()
    step = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "case"},
    )
    page = mclient.get(step).content.decode()
    assert 'name="replace"' in page
    warning = next(w for w in warnings_for(deliberation, TEXT)[0] if w.finding.kind == "name")
    mclient.post(step, {"case_description": TEXT, "replace": f"case_description|{warning.digest}"})
    deliberation.refresh_from_db()
    assert "Jansen" not in deliberation.case_description
    assert warning.replacement in deliberation.case_description


@pytest.mark.django_db
def test_it_replaces_in_an_item_and_dismisses(mclient: Client, deliberation: Deliberation) -> None:
    stakeholder = StakeholderFactory(
        deliberation=deliberation, label="mevrouw Bakker", perspective="Bel haar op 06-12345678"
    )
    warnings = {w.finding.kind: w for w in warnings_for(deliberation, stakeholder.perspective)[0]}
    url = reverse("privacy:replace", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk})
    response = mclient.post(
        url,
        {
            "kind": "stakeholders",
            "item": stakeholder.pk,
            "field": "perspective",
            "digest": warnings["phone"].digest,
        },
    )
    assert response.status_code == 302
    stakeholder.refresh_from_db()
    assert "06-12345678" not in stakeholder.perspective
    name = warnings_for(deliberation, stakeholder.label)[0][0]
    mclient.post(
        reverse("privacy:dismiss", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}),
        {"digest": name.digest},
    )
    assert Dismissal.objects.filter(deliberation=deliberation).count() == 1
    assert warnings_for(deliberation, stakeholder.label)[0] == []
    assert Stakeholder.objects.get().label == "mevrouw Bakker"


@pytest.mark.django_db
def test_it_lists_open_warnings_before_concluding(
    fclient: Client, deliberation: Deliberation
) -> None:
    deliberation.case_description = TEXT
    deliberation.save()
    StakeholderFactory(deliberation=deliberation, perspective="Haar e-mail is a.jansen@example.nl")
    found, _complete = open_warnings(deliberation)
    assert {w.finding.kind for _loc, w in found} >= {"name", "phone", "bsn", "email"}
    page = fclient.get(
        reverse(
            "deliberation:conclude", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
        )
    ).content.decode()
    assert 'id="open-warnings"' in page
    assert "a.jansen@example.nl" in page
    kw = {"team": deliberation.team.slug, "pk": deliberation.pk}
    detail = fclient.get(reverse("deliberation:detail", kwargs=kw)).content.decode()
    assert f"{len(found)} open waarschuwingen" in detail
    deliberation.case_description = "De cliënt belde."
    deliberation.save()
    detail = fclient.get(reverse("deliberation:detail", kwargs=kw)).content.decode()
    assert "1 open waarschuwing<" in detail


def test_it_reads_pseudonyms_and_dismissals_once_for_all_texts(
    deliberation: Deliberation, django_assert_max_num_queries: Any
) -> None:
    deliberation.case_description = TEXT
    deliberation.save()
    for n in range(6):
        StakeholderFactory(
            deliberation=deliberation, perspective=f"Buurman Pietersen belt 06-1234567{n}"
        )
    open_warnings(deliberation)  # creates the pseudonyms
    # The texts (deliberation + one query per item kind) and one query each for pseudonyms and
    # dismissals, however many texts and findings there are.
    with django_assert_max_num_queries(12):
        found, _complete = open_warnings(deliberation)
    assert len(found) >= 6 * 2 + 3
    labels = {w.replacement for _loc, w in found if w.finding.text == "Pietersen"}
    assert len(labels) == 1


def test_it_runs_the_benchmark_command() -> None:
    out = io.StringIO()
    call_command("privacy_benchmark", "--runs", "5", stdout=out)
    text = out.getvalue()
    assert "median" in text and "ratio" in text


def test_it_warms_up(capsys: Any) -> None:
    out = io.StringIO()
    call_command("warm_privacy", stdout=out)
    assert "phone" in out.getvalue()


# Session twelve: a first name deduce found before the rules' surname, names in lower case, and a
# name found once found everywhere in the text.


def names_in(text: str) -> list[str]:
    return [f.text for f in detector.detect(text) if f.kind == "name"]


def test_deduces_first_name_joins_the_rules_surname() -> None:
    """The rules found "Petrović" alone at the start of the sentence and deduce "Dragan
    Petrović": the whole name is one finding, so that it is one person."""
    text = "Dragan Petrović (57) is arbeidsongeschikt. Dhr. Petrović had een eigen bedrijf."
    assert names_in(text)[0] == "Dragan Petrović"
    out = io.StringIO()
    sys.stdin = io.StringIO(text)
    try:
        call_command("pseudonymise", stdout=out)
    finally:
        sys.stdin = sys.__stdin__
    assert out.getvalue().count("[PERSOON-1]") == 2 and "[PERSOON-2]" not in out.getvalue()


def test_a_word_in_lower_case_after_a_title_is_a_name_and_found_everywhere() -> None:
    text = "hoi, mevrouw bulut staat aan de deur. bulut zegt dat jij haar gebeld hebt."
    assert names_in(text) == ["bulut", "bulut"]
    text = "tel mw koopmans: huur niet betaald. Koopmans vraagt uitstel"
    assert names_in(text) == ["koopmans", "Koopmans"]


@pytest.mark.parametrize(
    "text",
    [
        "Mw. woont in een klein hofje. Meneer zwerft overdag rond.",
        "mw. verhuisd van de ene straat naar de andere.",
        "Mevrouw doet haar boodschappen bij de supermarkt.",
    ],
)
def test_a_verb_after_a_title_is_no_name(text: str) -> None:
    assert names_in(text) == []


def test_a_name_found_with_a_capital_is_looked_for_with_a_capital_only() -> None:
    text = "Mevrouw Bakker belde. De bakker aan de overkant levert brood. Bakker zelf niet."
    assert names_in(text) == ["Bakker", "Bakker"]
    # Not inside a web address: a name found in lower case is looked for in any case.
    text = "mevrouw nagelkerk belde. Zie linktr.ee/nagelkerk.nails voor haar werk."
    assert names_in(text) == ["nagelkerk"]


def test_a_verb_after_a_title_in_lower_case_is_not_looked_for_everywhere() -> None:
    assert names_in("meneer huilde tijdens het gesprek. Hij huilde vaker.") == []
    found = names_in("mw schrok ervan. Zuster Jansen belde. Later belde de andere Zuster.")
    assert "schrok" not in found and "Zuster" not in found


def test_finding_a_name_everywhere_takes_linear_time() -> None:
    from tests.cpu import cpu_seconds_under

    letters = "abcdefghijklmnopqrstuvwxyz"
    words = ["".join(letters[(i // 26**k) % 26] for k in range(4)) + "xq" for i in range(3000)]
    text = " ".join(f"mevrouw {w} belt." for w in words) + " ".join(words) * 3
    with cpu_seconds_under(3):
        found = detector._names_in_lower_case(text, [])
    assert len(found) >= 11_000  # each name after its title and three times more
