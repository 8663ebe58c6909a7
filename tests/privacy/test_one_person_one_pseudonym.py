"""One person, one pseudonym in the application: warnings, the stored table, choices for ambiguous
names, the library copy, "Vervang alle" and its undo."""

from __future__ import annotations

import io
import json
import sys

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beraad.audit.models import AccessLog
from beraad.deliberation.guard import token
from beraad.deliberation.models import Deliberation
from beraad.library import copying
from beraad.privacy.models import NameChoice, Pseudonym, Replacement
from beraad.privacy.replacing import replace_targets
from beraad.privacy.services import Warning, warnings_for
from tests.factories import ParticipantFactory, StakeholderFactory, UserFactory

EXAMPLE = "Fatima Bakker belde. Later zei mevrouw Bakker dat Fatima moe was."
AMBIGUOUS = "Henk de Boer en Henk Smit zijn buren. Henk belde gisteren."


def url(name: str, d: Deliberation) -> str:
    return reverse(name, kwargs={"team": d.team.slug, "pk": d.pk})


def names(d: Deliberation, text: str) -> list[Warning]:
    return [w for w in warnings_for(d, text)[0] if w.finding.kind == "name"]


def test_the_command_gives_the_example_one_pseudonym(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(EXAMPLE))
    out = io.StringIO()
    call_command("pseudonymise", stdout=out)
    assert out.getvalue() == (
        "[PERSOON-1] belde. Later zei mevrouw [PERSOON-1] dat [PERSOON-1] moe was."
    )


def test_the_json_says_which_person_each_span_is(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "Fatima Bakker en Tim Bakker belden. Fatima's zoon en Tim. Mevrouw Bakker zweeg."
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))
    out = io.StringIO()
    call_command("pseudonymise", "--json", stdout=out)
    spans = json.loads(out.getvalue())["spans"]
    by_text = {(s["text"], s["start"]): s for s in spans}
    # "Mevrouw Bakker" could be either Bakker: Fatima is proposed (a woman's name more often
    # than not, Tim a man's), and the choice stays open.
    assert [s["person"] for s in spans] == [1, 2, 1, 2, 1]
    assert by_text[("Fatima", text.index("Fatima's"))]["pseudonym"] == "[PERSOON-1]"
    # The span starts after the title.
    last = spans[-1]
    assert text[last["start"] : last["end"]] == "Bakker" == last["text"]
    assert last["candidates"] == [1, 2]
    assert {s["kind"] for s in spans} == {"name"}


@pytest.mark.django_db
def test_the_example_gets_one_pseudonym_in_the_app(deliberation: Deliberation) -> None:
    deliberation.case_description = EXAMPLE
    deliberation.save()
    found = names(deliberation, EXAMPLE)
    assert [w.finding.text for w in found] == ["Fatima Bakker", "Bakker", "Fatima"]
    # The title stays outside: "mevrouw A", and a sentence starts with a capital.
    assert [w.replacement for w in found] == ["Persoon A", "A", "persoon A"]
    assert {w.person for w in found} == {"persoon A"}
    labels = set(Pseudonym.objects.filter(kind="name").values_list("label", flat=True))
    assert labels == {"persoon A"}
    assert Pseudonym.objects.filter(kind="name").count() == 3  # one row per form, no names
    assert "Bakker" not in json.dumps(list(Pseudonym.objects.values()), default=str)


@pytest.mark.django_db
def test_one_person_keeps_one_pseudonym_across_fields(deliberation: Deliberation) -> None:
    deliberation.case_description = "Mevrouw Fatima Bakker woont alleen."
    deliberation.dilemma_question = "Moeten we Tim Jansen bellen?"
    deliberation.save()
    StakeholderFactory(deliberation=deliberation, perspective="Bakkers zoon wil hulp.")
    possessive = names(deliberation, "Bakkers zoon wil hulp.")[0]
    assert possessive.replacement == "Persoon A's"
    assert names(deliberation, "Tim zegt nee.")[0].replacement == "Persoon B"
    assert names(deliberation, "Dat zei F. Bakker.")[0].replacement == "persoon A"


@pytest.mark.django_db
def test_a_shared_first_name_asks_who_and_remembers(
    mclient: Client, deliberation: Deliberation
) -> None:
    deliberation.case_description = AMBIGUOUS
    deliberation.save()
    henk = names(deliberation, AMBIGUOUS)[2]
    assert henk.finding.text == "Henk" and henk.ambiguous
    assert str(henk.message) == "Henk kan Henk de Boer of Henk Smit zijn: kies wie."
    assert henk.person not in {c.label for c in henk.candidates}  # not merged silently
    page = mclient.get(url("privacy:review", deliberation)).content.decode()
    assert "Wie is “Henk”?" in page and "<select" in page
    smit = next(c for c in henk.candidates if c.name == "Henk Smit")
    response = mclient.post(
        url("privacy:choose", deliberation), {"name": henk.choice_digest, "person": smit.digest}
    )
    assert response.status_code == 302
    assert NameChoice.objects.filter(deliberation=deliberation).count() == 1
    chosen = names(deliberation, AMBIGUOUS)[2]
    assert chosen.person == smit.label and chosen.chosen
    assert str(chosen.message).startswith("Dit lijkt een naam")
    # The library copy uses the choice: "Henk" is tagged as Henk Smit.
    case = copying.make_draft(deliberation, UserFactory())
    assert case.case_description == (
        "[PERSOON-1] en [PERSOON-2] zijn buren. [PERSOON-2] belde gisteren."
    )
    # "Someone else" forgets the choice again.
    mclient.post(url("privacy:choose", deliberation), {"name": henk.choice_digest, "person": ""})
    assert not NameChoice.objects.exists()


@pytest.mark.django_db
def test_a_choice_can_be_made_inside_the_step_form(
    mclient: Client, deliberation: Deliberation
) -> None:
    deliberation.case_description = AMBIGUOUS
    deliberation.save()
    henk = names(deliberation, AMBIGUOUS)[2]
    de_boer = next(c for c in henk.candidates if c.name == "Henk de Boer")
    step = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "case"},
    )
    page = mclient.get(step).content.decode()
    assert f'name="choose" value="{henk.choice_digest}"' in page
    response = mclient.post(
        step,
        {
            "case_description": AMBIGUOUS,
            "_base_case_description": token(AMBIGUOUS),
            "choose": henk.choice_digest,
            f"choice-{henk.choice_digest}": de_boer.digest,
        },
    )
    assert response.status_code == 302
    assert names(deliberation, AMBIGUOUS)[2].person == de_boer.label


@pytest.fixture
def named(deliberation: Deliberation) -> Deliberation:
    deliberation.case_description = EXAMPLE
    deliberation.dilemma_question = "Moet Fatima Bakker haar zoon inlichten? Bel 06-12345678."
    deliberation.save()
    StakeholderFactory(
        deliberation=deliberation, label="Buurvrouw", perspective="Mevrouw Bakker is bang."
    )
    return deliberation


@pytest.mark.django_db
def test_replace_all_replaces_a_person_everywhere_without_javascript(
    mclient: Client, named: Deliberation
) -> None:
    targets = {target: (shown, n, forms) for target, shown, n, forms in replace_targets(named)}
    assert targets["person:persoon A"] == ("persoon A", 5, ["Bakker", "Fatima", "Fatima Bakker"])
    response = mclient.post(url("privacy:replace_all", named), {"target": "person:persoon A"})
    assert response.status_code == 302
    assert response.url == url("privacy:review", named)
    named.refresh_from_db()
    assert named.case_description == "Persoon A belde. Later zei mevrouw A dat persoon A moe was."
    assert named.dilemma_question == "Moet persoon A haar zoon inlichten? Bel 06-12345678."
    assert named.stakeholders.get().perspective == "Mevrouw A is bang."
    page = mclient.get(response.url).content.decode()
    assert "5 vervangingen in 3 velden." in page
    assert "Vervanging ongedaan maken" in page
    assert AccessLog.objects.filter(
        action="update", object_type="deliberation", object_id=str(named.pk)
    ).exists()


@pytest.mark.django_db
def test_replace_all_replaces_one_identifier(mclient: Client, named: Deliberation) -> None:
    phone = next(t for t, _s, _n, forms in replace_targets(named) if forms == ["06-12345678"])
    mclient.post(url("privacy:replace_all", named), {"target": phone})
    named.refresh_from_db()
    assert "06-12345678" not in named.dilemma_question
    assert "Fatima Bakker" in named.dilemma_question  # nothing else changed


@pytest.mark.django_db
def test_undo_puts_the_texts_back(mclient: Client, named: Deliberation) -> None:
    before = named.case_description
    mclient.post(url("privacy:replace_all", named), {"target": "person:persoon A"})
    response = mclient.post(url("privacy:undo", named), follow=True)
    named.refresh_from_db()
    assert named.case_description == before
    assert named.stakeholders.get().perspective == "Mevrouw Bakker is bang."
    assert "Ongedaan gemaakt: 3 velden zijn weer zoals ze waren." in response.content.decode()
    assert not Replacement.objects.exists()


@pytest.mark.django_db
def test_undo_refuses_once_a_text_was_saved_again(mclient: Client, named: Deliberation) -> None:
    mclient.post(url("privacy:replace_all", named), {"target": "person:persoon A"})
    named.refresh_from_db()
    named.case_description += " Ze belt morgen terug."
    named.save()
    # The texts from before the replacement (names and all) are gone as soon as it cannot be
    # undone any more.
    assert not Replacement.objects.exists()
    response = mclient.post(url("privacy:undo", named), follow=True)
    page = response.content.decode()
    assert "Een vervanging kun je alleen ongedaan maken tot een van de teksten" in page
    named.refresh_from_db()
    assert named.case_description.endswith("Ze belt morgen terug.")
    assert "Fatima" not in named.dilemma_question


@pytest.mark.django_db
def test_an_added_item_keeps_the_undo_and_a_saved_one_ends_it(
    mclient: Client, named: Deliberation
) -> None:
    """Only a text saved again makes an undo impossible: a participant who joins (an item
    added) leaves every replaced text as it was, and is not even checked against them."""
    mclient.post(url("privacy:replace_all", named), {"target": "person:persoon A"})
    with CaptureQueriesContext(connection) as queries:
        ParticipantFactory(deliberation=named, name="Deelnemer")
    assert not [q for q in queries.captured_queries if "privacy_replacement" in q["sql"]]
    assert Replacement.objects.filter(deliberation=named).exists()
    stakeholder = named.stakeholders.get()
    stakeholder.perspective += " Ze belt terug."
    stakeholder.save()
    assert not Replacement.objects.filter(deliberation=named).exists()


@pytest.mark.django_db
def test_concluding_forgets_the_texts_kept_for_an_undo(
    mclient: Client, named: Deliberation
) -> None:
    mclient.post(url("privacy:replace_all", named), {"target": "person:persoon A"})
    assert Replacement.objects.filter(deliberation=named).exists()
    named.conclude(None)
    assert not Replacement.objects.filter(deliberation=named).exists()


@pytest.mark.django_db
def test_an_editor_with_the_old_text_gets_a_conflict_not_an_overwrite(
    mclient: Client, named: Deliberation
) -> None:
    old = named.case_description
    mclient.post(url("privacy:replace_all", named), {"target": "person:persoon A"})
    step = reverse(
        "deliberation:step", kwargs={"team": named.team.slug, "pk": named.pk, "step": "case"}
    )
    response = mclient.post(
        step, {"case_description": old + " Nog iets.", "_base_case_description": token(old)}
    )
    assert response.status_code == 400
    named.refresh_from_db()
    assert named.case_description.startswith("Persoon A belde.")


@pytest.mark.django_db
def test_replace_all_answers_htmx_with_the_region(mclient: Client, named: Deliberation) -> None:
    response = mclient.post(
        url("privacy:replace_all", named), {"target": "person:persoon A"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert page.startswith('<div id="review-region">')
    assert "5 vervangingen in 3 velden." in page
    assert "Vervanging ongedaan maken" in page


@pytest.mark.django_db
def test_replace_all_says_when_there_is_nothing(mclient: Client, named: Deliberation) -> None:
    response = mclient.post(
        url("privacy:replace_all", named), {"target": "person:persoon Z"}, follow=True
    )
    assert "Er is niets te vervangen" in response.content.decode()
    response = mclient.post(url("privacy:undo", named), follow=True)
    assert "Er is geen vervanging om ongedaan te maken." in response.content.decode()


def test_pseudonym_letters_never_run_out() -> None:
    from beraad.privacy.services import _letters

    codes = [_letters(n) for n in range(30_000)]
    assert codes[:3] == ["A", "B", "C"] and codes[25:28] == ["Z", "AA", "AB"]
    assert codes[701:703] == ["ZZ", "AAA"]
    assert len(set(codes)) == len(codes)


@pytest.mark.django_db
def test_made_up_choices_are_bounded(
    mclient: Client, deliberation: Deliberation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from beraad.privacy import services

    monkeypatch.setattr(services, "MAX_NAME_CHOICES", 2)
    digests = [f"{n:064x}" for n in range(4)]
    assert all(services.is_digest(d) for d in digests)
    for name in digests[:3]:
        mclient.post(url("privacy:choose", deliberation), {"name": name, "person": digests[3]})
    assert NameChoice.objects.filter(deliberation=deliberation).count() == 2
    # Changing a choice already made is still allowed.
    mclient.post(url("privacy:choose", deliberation), {"name": digests[0], "person": digests[2]})
    assert NameChoice.objects.get(deliberation=deliberation, digest=digests[0]).person == digests[2]
