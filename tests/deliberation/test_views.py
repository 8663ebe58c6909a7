from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import Membership, Role
from beraad.audit.models import AccessLog
from beraad.deliberation.models import (
    Deliberation,
    Rating,
    Stakeholder,
    Status,
    Theme,
    Value,
    ValueAtStake,
)
from tests.factories import (
    DeliberationFactory,
    MembershipFactory,
    OptionFactory,
    StakeholderFactory,
    ready_to_conclude,
)

pytestmark = pytest.mark.django_db


def step(d: Deliberation, slug: str) -> str:
    return reverse("deliberation:step", kwargs={"team": d.team.slug, "pk": d.pk, "step": slug})


def autosave(d: Deliberation, slug: str, field: str) -> str:
    return reverse(
        "deliberation:autosave",
        kwargs={"team": d.team.slug, "pk": d.pk, "step": slug, "field": field},
    )


def item(d: Deliberation, kind: str, action: str, pk: int | None = None) -> str:
    kwargs: dict[str, Any] = {"team": d.team.slug, "pk": d.pk, "kind": kind}
    if pk is not None:
        kwargs["item"] = pk
    return reverse(f"deliberation:item_{action}", kwargs=kwargs)


HTMX = {"HTTP_HX_REQUEST": "true"}


# The list


def test_it_lists_the_teams_deliberations_newest_first(fclient: Client, team: Any) -> None:
    old = DeliberationFactory(team=team, title="Oud beraad", held_on="2026-01-05")
    new = DeliberationFactory(team=team, title="Nieuw beraad", held_on="2026-06-05")
    new.themes.add(Theme.objects.get(slug="carer-burden"))
    DeliberationFactory(title="Van een ander team")
    response = fclient.get(reverse("deliberation:list", kwargs={"team": team.slug}))
    text = response.content.decode()
    assert response.status_code == 200
    assert text.index(new.title) < text.index(old.title)
    assert "Van een ander team" not in text
    assert "draagkracht van mantelzorgers" in text


def test_it_filters_the_list_by_status(fclient: Client, team: Any) -> None:
    DeliberationFactory(team=team, title="Nog bezig")
    DeliberationFactory(team=team, title="Klaar", status=Status.CONCLUDED)
    url = reverse("deliberation:list", kwargs={"team": team.slug}) + "?status=concluded"
    text = fclient.get(url).content.decode()
    assert "Klaar" in text
    assert "Nog bezig" not in text


def test_it_searches_titles_and_dilemmas_without_putting_the_words_in_the_url(
    fclient: Client, team: Any
) -> None:
    DeliberationFactory(team=team, title="Wondzorg door de zoon", dilemma_question="Delen of niet?")
    DeliberationFactory(team=team, title="Schulden", dilemma_question="Melden we de zoon aan?")
    DeliberationFactory(team=team, title="Huurachterstand", dilemma_question="Wachten?")
    DeliberationFactory(title="Zoon van een ander team")
    url = reverse("deliberation:list", kwargs={"team": team.slug})
    response = fclient.post(url, {"q": "  ZOON ", "status": ""})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Wondzorg door de zoon" in text and "Schulden" in text
    assert "Huurachterstand" not in text and "ander team" not in text
    assert "2 beraden passen bij “ZOON”." in text
    assert "?q=" not in text
    entry = AccessLog.objects.order_by("-id").first()
    assert (
        entry is not None and entry.action == "search" and entry.object_type == "deliberation_list"
    )
    assert (
        "zoon" not in json.dumps(AccessLog.objects.values().get(pk=entry.pk), default=str).lower()
    )
    nothing = fclient.post(url, {"q": "wondzorg schulden"}).content.decode()
    assert "Geen beraad past bij “wondzorg schulden”." in nothing


# Creating and the steps


def test_it_creates_a_deliberation_and_opens_step_one(
    fclient: Client, team: Any, facilitator: Membership
) -> None:
    response = fclient.post(
        reverse("deliberation:create", kwargs={"team": team.slug}),
        {"title": "Een adres", "held_on": "2026-11-20", "themes": ["volunteers", "consent"]},
    )
    created = Deliberation.objects.get(title="Een adres")
    assert response.status_code == 302
    assert response["Location"] == step(created, "opening")
    assert created.team == team
    assert created.created_by == facilitator.user
    assert sorted(t.slug for t in created.themes.all()) == ["consent", "volunteers"]


def test_it_keeps_what_was_typed_when_a_date_is_invalid(fclient: Client, team: Any) -> None:
    response = fclient.post(
        reverse("deliberation:create", kwargs={"team": team.slug}),
        {"title": "Mijn getypte titel", "held_on": "31-02-2026"},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert 'value="Mijn getypte titel"' in text
    assert 'id="id_held_on_error"' in text
    assert 'aria-describedby="id_held_on_error"' in text
    assert not Deliberation.objects.exists()


def test_it_requires_a_facilitator_to_create(mclient: Client, team: Any) -> None:
    response = mclient.post(
        reverse("deliberation:create", kwargs={"team": team.slug}), {"title": "x"}
    )
    assert response.status_code == 403
    assert not Deliberation.objects.exists()


def test_it_saves_a_step_and_goes_to_the_next(mclient: Client, deliberation: Deliberation) -> None:
    response = mclient.post(
        step(deliberation, "case"),
        {"case_description": "De zoon doet de wondzorg.", "save_next": "1"},
    )
    deliberation.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == step(deliberation, "dilemma")
    assert deliberation.case_description == "De zoon doet de wondzorg."


def test_it_refuses_an_oversized_paste_and_keeps_it(
    mclient: Client, deliberation: Deliberation
) -> None:
    pasted = "x" * 20_001
    response = mclient.post(step(deliberation, "case"), {"case_description": pasted})
    text = response.content.decode()
    deliberation.refresh_from_db()
    assert response.status_code == 400
    assert pasted in text
    assert "20000" in text
    assert deliberation.case_description == ""
    assert "maxlength" not in text.split('id="id_case_description"')[0][-300:]


def test_it_shows_html_as_text(mclient: Client, deliberation: Deliberation) -> None:
    deliberation.case_description = "<script>alert('x')</script> <b>vet</b>"
    deliberation.save()
    text = mclient.get(
        reverse(
            "deliberation:detail", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
        )
    ).content.decode()
    assert "<script>alert" not in text
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in text


def test_it_marks_the_current_step_and_the_done_steps(
    mclient: Client, deliberation: Deliberation
) -> None:
    deliberation.case_description = "Er is iets gebeurd."
    deliberation.save()
    text = mclient.get(step(deliberation, "dilemma")).content.decode()
    nav = text[
        text.index('<nav class="steps"') : text.index("</nav>", text.index('<nav class="steps"'))
    ]
    assert nav.count('aria-current="step"') == 1
    assert 'class="done"' in nav  # the case step
    assert nav.count("step-done") == 1


def test_it_remembers_the_step_to_resume(mclient: Client, deliberation: Deliberation) -> None:
    mclient.get(step(deliberation, "values"))
    deliberation.refresh_from_db()
    assert deliberation.current_step == "values"
    detail = reverse(
        "deliberation:detail", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
    )
    assert step(deliberation, "values") in mclient.get(detail).content.decode()


def test_it_answers_404_for_an_unknown_step(mclient: Client, deliberation: Deliberation) -> None:
    assert mclient.get(step(deliberation, "nonsense")).status_code == 404


# Autosave


def test_it_autosaves_one_field(mclient: Client, deliberation: Deliberation) -> None:
    response = mclient.post(
        autosave(deliberation, "dilemma", "dilemma_question"),
        {"dilemma_question": "Mag ik dit delen?", "option_a": "wordt genegeerd"},
        **HTMX,
    )
    deliberation.refresh_from_db()
    assert response.status_code == 200
    assert "opgeslagen" in response.content.decode()
    assert deliberation.dilemma_question == "Mag ik dit delen?"
    assert deliberation.option_a == ""


def test_it_shows_a_failed_autosave_and_keeps_the_text(
    mclient: Client, deliberation: Deliberation
) -> None:
    too_long = "y" * 501
    response = mclient.post(
        autosave(deliberation, "dilemma", "dilemma_question"),
        {"dilemma_question": too_long},
        **HTMX,
    )
    text = response.content.decode()
    deliberation.refresh_from_db()
    assert "save-failed" in text
    assert too_long in text
    assert deliberation.dilemma_question == ""


def test_it_ties_each_field_to_its_own_save_state(
    mclient: Client, member: Membership, deliberation: Deliberation
) -> None:
    page = mclient.get(step(deliberation, "case")).content.decode()
    textarea = re.search(r'<textarea[^>]*id="id_case_description"[^>]*>', page)
    assert textarea is not None
    described = re.search(r'aria-describedby="([^"]*)"', textarea.group(0))
    assert described is not None
    assert "id_case_description_helptext" in described.group(1).split()
    assert described.group(1).split()[-1] == "id_case_description_save"
    # Right below its own field, inside the field's block (not after it, above the next label).
    state = page.index('id="id_case_description_save"')
    assert page.index('id="id_case_description"') < state < page.index("_base_case_description")
    key = f'data-draft-key="{member.user_id}:{deliberation.pk}:'
    assert key + 'case_description"' in page  # ids only: no text in the draft's name


def test_it_says_a_refused_autosave_has_its_reason_below_the_state(
    mclient: Client, deliberation: Deliberation
) -> None:
    response = mclient.post(
        autosave(deliberation, "dilemma", "dilemma_question"), {"dilemma_question": "y" * 501}
    )
    text = response.content.decode()
    assert "niet opgeslagen — zie de melding hieronder" in text
    assert "data-unsaved" in text  # the browser keeps its draft until a save is confirmed
    assert text.index('id="id_dilemma_question_save"') < text.index(
        'id="id_dilemma_question_error"'
    )


def test_it_autosaves_only_known_fields(mclient: Client, deliberation: Deliberation) -> None:
    response = mclient.post(autosave(deliberation, "case", "team"), {"team": "1"}, **HTMX)
    assert response.status_code == 404


def test_it_rejects_get_on_autosave(mclient: Client, deliberation: Deliberation) -> None:
    assert mclient.get(autosave(deliberation, "case", "case_description")).status_code == 405


# Inline items


def test_it_adds_a_stakeholder_inline_with_htmx(
    mclient: Client, deliberation: Deliberation
) -> None:
    response = mclient.post(
        item(deliberation, "stakeholders", "add"),
        {"add-stakeholders-kind": "gp", "add-stakeholders-label": "de huisarts"},
        **HTMX,
    )
    text = response.content.decode()
    added = Stakeholder.objects.get(deliberation=deliberation)
    assert response.status_code == 200
    assert text.lstrip().startswith('<section class="items" id="items-stakeholders"')
    assert "de huisarts" in text
    assert added.professional_secrecy == "yes"  # defaulted from the kind


def test_it_adds_without_javascript_and_redirects(
    mclient: Client, deliberation: Deliberation
) -> None:
    response = mclient.post(
        item(deliberation, "stakeholders", "add"),
        {
            "add-stakeholders-kind": "volunteer",
            "add-stakeholders-label": "de vrijwilliger",
            "add-stakeholders-professional_secrecy": "unknown",
        },
    )
    assert response.status_code == 302
    # Back at the step with the add form open for the next one.
    assert response["Location"] == (
        step(deliberation, "stakeholders") + "?adding=stakeholders#add-stakeholders"
    )
    assert Stakeholder.objects.get().professional_secrecy == "unknown"
    page = mclient.get(response["Location"]).content.decode()
    assert re.search(r'<details class="add-item" id="add-stakeholders" open>', page)
    closed = mclient.get(step(deliberation, "stakeholders")).content.decode()
    assert re.search(r'<details class="add-item" id="add-stakeholders">', closed)


def test_it_keeps_typed_text_when_an_item_is_incomplete(
    mclient: Client, deliberation: Deliberation
) -> None:
    response = mclient.post(
        item(deliberation, "stakeholders", "add"),
        {"add-stakeholders-kind": "client", "add-stakeholders-perspective": "Wil thuis blijven"},
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "Wil thuis blijven" in text
    assert 'id="id_add-stakeholders-label_error"' in text
    assert not Stakeholder.objects.exists()


def test_it_edits_and_removes_an_item(mclient: Client, deliberation: Deliberation) -> None:
    stakeholder = StakeholderFactory(deliberation=deliberation, label="de zoon")
    prefix = f"edit-stakeholders-{stakeholder.pk}"
    form = mclient.get(item(deliberation, "stakeholders", "edit", stakeholder.pk), **HTMX)
    assert f'name="{prefix}-label"' in form.content.decode()
    response = mclient.post(
        item(deliberation, "stakeholders", "edit", stakeholder.pk),
        {
            f"{prefix}-kind": "informal-carer",
            f"{prefix}-label": "de oudste zoon",
            f"{prefix}-professional_secrecy": "no",
        },
    )
    stakeholder.refresh_from_db()
    assert response.status_code == 302
    assert stakeholder.label == "de oudste zoon"
    mclient.post(item(deliberation, "stakeholders", "delete", stakeholder.pk))
    assert not Stakeholder.objects.exists()


def test_it_answers_404_for_another_deliberations_item(
    mclient: Client, deliberation: Deliberation
) -> None:
    elsewhere = StakeholderFactory(deliberation=DeliberationFactory(team=deliberation.team))
    response = mclient.post(item(deliberation, "stakeholders", "delete", elsewhere.pk))
    assert response.status_code == 404
    assert Stakeholder.objects.filter(pk=elsewhere.pk).exists()


def test_it_adds_a_teams_own_value(fclient: Client, deliberation: Deliberation) -> None:
    fclient.post(item(deliberation, "values", "add"), {"add-values-new_value": "Hoop"})
    value = ValueAtStake.objects.get().value
    assert value.team == deliberation.team
    assert value.name == "Hoop"


def test_it_lets_only_a_facilitator_add_a_teams_own_value(
    mclient: Client, deliberation: Deliberation
) -> None:
    # As on the catalogue page: a member picks from the team's values, a facilitator adds to them.
    step = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "values"},
    )
    page = mclient.get(step).content.decode()
    assert 'name="add-values-value"' in page
    assert 'name="add-values-new_value"' not in page
    response = mclient.post(item(deliberation, "values", "add"), {"add-values-new_value": "Hoop"})
    assert response.status_code == 400
    assert "Alleen een gespreksleider kan een eigen waarde van je team toevoegen." in (
        response.content.decode()
    )
    assert not Value.objects.filter(team=deliberation.team).exists()
    assert not ValueAtStake.objects.exists()
    trust = Value.objects.get(team=None, slug="trust")
    response = mclient.post(item(deliberation, "values", "add"), {"add-values-value": trust.pk})
    assert response.status_code == 302
    assert ValueAtStake.objects.get().value == trust


def test_it_refuses_a_value_chosen_twice_over(fclient: Client, deliberation: Deliberation) -> None:
    trust = Value.objects.get(team=None, slug="trust")
    response = fclient.post(
        item(deliberation, "values", "add"),
        {"add-values-value": trust.pk, "add-values-new_value": "Hoop"},
    )
    assert response.status_code == 400
    assert not ValueAtStake.objects.exists()


def test_it_offers_no_other_teams_values(mclient: Client, deliberation: Deliberation) -> None:
    other = DeliberationFactory()
    foreign = Value.objects.create(team=other.team, slug="geheim", name="Geheim")
    response = mclient.post(item(deliberation, "values", "add"), {"add-values-value": foreign.pk})
    assert response.status_code == 400
    assert not ValueAtStake.objects.exists()


def test_it_stores_ratings_without_a_person(mclient: Client, deliberation: Deliberation) -> None:
    mclient.post(item(deliberation, "ratings", "add"), {"add-ratings-score": "4"})
    assert list(Rating.objects.values_list("score", flat=True)) == [4]
    names = {field.name for field in Rating._meta.get_fields()}
    assert names == {"id", "deliberation", "score"}


def test_it_refuses_a_rating_out_of_range(mclient: Client, deliberation: Deliberation) -> None:
    response = mclient.post(item(deliberation, "ratings", "add"), {"add-ratings-score": "9"})
    assert response.status_code == 400
    assert not Rating.objects.exists()


# Concluding, read-only, reopening


def test_it_lists_exactly_what_is_missing_before_concluding(
    fclient: Client, deliberation: Deliberation
) -> None:
    deliberation.dilemma_question = "Delen of niet?"
    deliberation.save()
    url = reverse(
        "deliberation:conclude", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
    )
    response = fclient.post(url)
    text = response.content.decode()
    deliberation.refresh_from_db()
    assert response.status_code == 400
    assert deliberation.status == Status.IN_PROGRESS
    assert text.count("<li>") >= 4
    assert step(deliberation, "options") in text
    assert step(deliberation, "decision") in text


def test_it_concludes_and_becomes_read_only(fclient: Client, deliberation: Deliberation) -> None:
    ready_to_conclude(deliberation)
    url = reverse(
        "deliberation:conclude", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
    )
    assert fclient.post(url).status_code == 302
    deliberation.refresh_from_db()
    assert deliberation.status == Status.CONCLUDED
    page = fclient.get(step(deliberation, "dilemma")).content.decode()
    assert "<textarea" not in page
    assert "Delen" in page or "delen" in page
    refused = fclient.post(step(deliberation, "case"), {"case_description": "later"})
    assert refused.status_code == 403
    assert "heropenen" in refused.content.decode().lower()
    assert (
        fclient.post(item(deliberation, "options", "add"), {"add-options-title": "x"}).status_code
        == 403
    )
    deliberation.refresh_from_db()
    assert deliberation.case_description == ""


def test_it_lets_a_facilitator_reopen(fclient: Client, deliberation: Deliberation) -> None:
    ready_to_conclude(deliberation)
    deliberation.conclude(None)
    url = reverse(
        "deliberation:reopen", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
    )
    fclient.post(url)
    deliberation.refresh_from_db()
    assert deliberation.status == Status.IN_PROGRESS
    assert deliberation.concluded_at is None


def test_it_does_not_let_a_member_conclude(mclient: Client, deliberation: Deliberation) -> None:
    ready_to_conclude(deliberation)
    url = reverse(
        "deliberation:conclude", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
    )
    assert mclient.post(url).status_code == 403
    deliberation.refresh_from_db()
    assert deliberation.status == Status.IN_PROGRESS


def test_it_deletes_after_confirmation(fclient: Client, deliberation: Deliberation) -> None:
    url = reverse(
        "deliberation:delete", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
    )
    assert deliberation.title in fclient.get(url).content.decode()
    assert Deliberation.objects.filter(pk=deliberation.pk).exists()
    fclient.post(url)
    assert not Deliberation.objects.filter(pk=deliberation.pk).exists()


def test_it_saves_the_grid_without_javascript(mclient: Client, deliberation: Deliberation) -> None:
    option = OptionFactory(deliberation=deliberation)
    trust = Value.objects.get(team=None, slug="trust")
    ValueAtStake.objects.create(deliberation=deliberation, value=trust)
    url = reverse(
        "deliberation:grid", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
    )
    response = mclient.post(url, {f"cell-{option.pk}-{trust.pk}": "harms"})
    assert response.status_code == 302
    assert option.effects.get().effect == "harms"
    mclient.post(url, {f"cell-{option.pk}-{trust.pk}": "bogus"})
    assert option.effects.get().effect == "harms"


def test_it_chooses_only_this_deliberations_options(
    mclient: Client, deliberation: Deliberation
) -> None:
    foreign = OptionFactory()
    response = mclient.post(
        step(deliberation, "decision"), {"outcome": "decided", "chosen_option": foreign.pk}
    )
    deliberation.refresh_from_db()
    assert response.status_code == 400
    assert deliberation.chosen_option is None


# Language


def test_it_speaks_dutch_first_and_english_on_request(
    mclient: Client, deliberation: Deliberation
) -> None:
    url = step(deliberation, "stakeholders")
    dutch = mclient.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Belanghebbenden" in dutch
    mclient.post(reverse("set_language"), {"language": "en", "next": url})
    english = mclient.get(url).content.decode()
    assert "Stakeholders" in english
    assert 'lang="en"' in english


# Teams


def test_it_switches_between_teams(client: Client, team: Any, other_team: Any) -> None:
    person = MembershipFactory(team=team, role=Role.MEMBER).user
    MembershipFactory(team=other_team, user=person)
    client.force_login(person)
    page = client.get(reverse("deliberation:list", kwargs={"team": other_team.slug}))
    assert team.name in page.content.decode()
    assert client.get(reverse("home"))["Location"] == reverse(
        "deliberation:list", kwargs={"team": other_team.slug}
    )


def test_it_does_not_edit_ratings(mclient: Client, deliberation: Deliberation) -> None:
    rating = Rating.objects.create(deliberation=deliberation, score=2)
    response = mclient.post(
        item(deliberation, "ratings", "edit", rating.pk), {f"edit-ratings-{rating.pk}-score": "5"}
    )
    rating.refresh_from_db()
    assert response.status_code == 404
    assert rating.score == 2
