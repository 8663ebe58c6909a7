"""Two people editing the same deliberation at once: nobody's work disappears silently."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import Membership, Role
from beraad.deliberation.guard import token
from beraad.deliberation.models import Deliberation, Effect, OptionEffect, Stakeholder, Value
from tests.factories import OptionFactory, StakeholderFactory, ValueAtStakeFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
DILEMMA = ["dilemma_question", "dilemma_owner", "option_a", "harm_a", "option_b", "harm_b"]
STAKEHOLDER = ["kind", "label", "professional_secrecy", "perspective", "interests"]


@pytest.fixture
def people(member_of: Any) -> tuple[Client, Client]:
    """Two colleagues of the same team, each in their own browser."""
    first, second = Client(), Client()
    anna: Membership = member_of(Role.MEMBER)
    bram: Membership = member_of(Role.MEMBER)
    first.force_login(anna.user)
    second.force_login(bram.user)
    return first, second


def step_url(d: Deliberation, slug: str) -> str:
    return reverse("deliberation:step", kwargs={"team": d.team.slug, "pk": d.pk, "step": slug})


def autosave_url(d: Deliberation, slug: str, field: str) -> str:
    return reverse(
        "deliberation:autosave",
        kwargs={"team": d.team.slug, "pk": d.pk, "step": slug, "field": field},
    )


def edit_url(d: Deliberation, item: Stakeholder) -> str:
    return reverse(
        "deliberation:item_edit",
        kwargs={"team": d.team.slug, "pk": d.pk, "kind": "stakeholders", "item": item.pk},
    )


def grid_url(d: Deliberation) -> str:
    return reverse("deliberation:grid", kwargs={"team": d.team.slug, "pk": d.pk})


def loaded(instance: Any, fields: list[str], prefix: str = "") -> dict[str, str]:
    """What a form posts back unchanged: each field's value and the token of where it started."""
    data: dict[str, str] = {}
    for name in fields:
        value = getattr(instance, name)
        data[prefix + name] = value
        data[f"{prefix}_base_{name}"] = token(value)
    return data


def base_in(page: str, name: str) -> str:
    found = re.search(rf'name="{re.escape(name)}" value="([0-9a-f]*)"', page)
    assert found, f"no base token {name} on the page"
    return found.group(1)


def textarea(page: str, name: str) -> str:
    found = re.search(rf'<textarea[^>]*name="{re.escape(name)}"[^>]*>(.*?)</textarea>', page, re.S)
    assert found, f"no textarea {name} on the page"
    return html.unescape(found.group(1)).strip()


def text_input(page: str, name: str) -> str:
    found = re.search(rf'<input[^>]*name="{re.escape(name)}"[^>]*>', page)
    assert found, f"no input {name} on the page"
    value = re.search(r'value="([^"]*)"', found.group(0))
    return html.unescape(value.group(1)) if value else ""


def their_versions(page: str) -> list[str]:
    """The other person's texts, as shown next to a field in conflict."""
    blocks = re.findall(r'<blockquote class="conflict">(.*?)</blockquote>', page, re.S)
    texts = [
        re.sub(r'<p class="conflict-label">.*?</p>', "", block, flags=re.S) for block in blocks
    ]
    return [" ".join(html.unescape(re.sub(r"<[^>]+>", " ", text)).split()) for text in texts]


# The step form


def test_it_puts_the_base_token_of_each_field_in_the_step_form(
    people: tuple[Client, Client], deliberation: Deliberation
) -> None:
    deliberation.case_description = "De zoon doet de wondzorg."
    deliberation.save()
    page = people[0].get(step_url(deliberation, "case")).content.decode()
    assert base_in(page, "_base_case_description") == token("De zoon doet de wondzorg.")


def test_it_refuses_to_overwrite_a_field_someone_else_changed(
    people: tuple[Client, Client], deliberation: Deliberation
) -> None:
    anna, bram = people
    deliberation.case_description = "De zoon doet de wondzorg."
    deliberation.save()
    base = token("De zoon doet de wondzorg.")
    annas = "De zoon doet de wondzorg sinds maart."
    brams = "De zoon doet de wondzorg, maar niet goed."

    first = anna.post(
        step_url(deliberation, "case"),
        {"case_description": annas, "_base_case_description": base},
    )
    second = bram.post(
        step_url(deliberation, "case"),
        {"case_description": brams, "_base_case_description": base},
    )

    page = second.content.decode()
    deliberation.refresh_from_db()
    assert first.status_code == 302
    assert second.status_code == 400
    assert deliberation.case_description == annas
    assert their_versions(page) == [annas]
    assert textarea(page, "case_description") == brams


def test_it_saves_after_a_conflict_once_the_person_has_seen_the_other_version(
    people: tuple[Client, Client], deliberation: Deliberation
) -> None:
    anna, bram = people
    base = token("")
    anna.post(
        step_url(deliberation, "case"),
        {"case_description": "Versie van Anna.", "_base_case_description": base},
    )
    conflict = bram.post(
        step_url(deliberation, "case"),
        {"case_description": "Versie van Bram.", "_base_case_description": base},
    )
    new_base = base_in(conflict.content.decode(), "_base_case_description")

    again = bram.post(
        step_url(deliberation, "case"),
        {"case_description": "Versie van Anna en Bram.", "_base_case_description": new_base},
    )

    deliberation.refresh_from_db()
    assert new_base == token("Versie van Anna.")
    assert again.status_code == 302
    assert deliberation.case_description == "Versie van Anna en Bram."


def test_it_keeps_both_changes_to_different_fields(
    people: tuple[Client, Client], deliberation: Deliberation
) -> None:
    anna, bram = people
    deliberation.dilemma_question = "Laat ik de zoon de wondzorg doen?"
    deliberation.option_a = "Ja"
    deliberation.option_b = "Nee"
    deliberation.save()
    annas_form = loaded(deliberation, DILEMMA)
    brams_form = loaded(deliberation, DILEMMA)

    annas_form["option_a"] = "Ja, na instructie door de wijkverpleegkundige"
    first = anna.post(step_url(deliberation, "dilemma"), annas_form)
    # Bram's form still holds the old horn A, which he did not touch.
    brams_form["dilemma_question"] = "Mag de zoon de wondzorg doen?"
    second = bram.post(step_url(deliberation, "dilemma"), brams_form)

    deliberation.refresh_from_db()
    assert (first.status_code, second.status_code) == (302, 302)
    assert deliberation.option_a == "Ja, na instructie door de wijkverpleegkundige"
    assert deliberation.dilemma_question == "Mag de zoon de wondzorg doen?"
    assert deliberation.option_b == "Nee"


def test_it_accepts_the_same_change_made_by_two_people(
    people: tuple[Client, Client], deliberation: Deliberation
) -> None:
    anna, bram = people
    form = loaded(deliberation, DILEMMA)
    form["harm_b"] = "De zoon voelt zich buitengesloten."
    anna.post(step_url(deliberation, "dilemma"), form)
    response = bram.post(step_url(deliberation, "dilemma"), form)
    deliberation.refresh_from_db()
    assert response.status_code == 302
    assert deliberation.harm_b == "De zoon voelt zich buitengesloten."


# Autosave


def test_it_shows_a_conflict_in_the_autosaved_field(
    people: tuple[Client, Client], deliberation: Deliberation
) -> None:
    anna, bram = people
    url = autosave_url(deliberation, "dilemma", "dilemma_question")
    base = token(deliberation.dilemma_question)
    annas = "Vertel ik de zoon over de diagnose?"
    brams = "Moet de zoon de diagnose weten?"

    saved = anna.post(
        url, {"dilemma_question": annas, "_base_dilemma_question": base}, **HTMX
    ).content.decode()
    refused = bram.post(url, {"dilemma_question": brams, "_base_dilemma_question": base}, **HTMX)

    fragment = refused.content.decode()
    deliberation.refresh_from_db()
    assert "save-failed" not in saved
    assert "save-failed" in fragment
    assert deliberation.dilemma_question == annas
    assert their_versions(fragment) == [annas]
    assert textarea(fragment, "dilemma_question") == brams

    again = bram.post(
        url,
        {
            "dilemma_question": "Moet de zoon de diagnose weten, en van wie?",
            "_base_dilemma_question": base_in(fragment, "_base_dilemma_question"),
        },
        **HTMX,
    )
    deliberation.refresh_from_db()
    assert "save-failed" not in again.content.decode()
    assert deliberation.dilemma_question == "Moet de zoon de diagnose weten, en van wie?"


def test_it_moves_the_base_on_after_an_autosave(
    people: tuple[Client, Client], deliberation: Deliberation
) -> None:
    # The same person saving twice in a row is not a conflict with themselves.
    anna, _bram = people
    url = autosave_url(deliberation, "dilemma", "option_b")
    first = anna.post(url, {"option_b": "Niet delen", "_base_option_b": token("")}, **HTMX)
    base = base_in(first.content.decode(), "_base_option_b")
    second = anna.post(url, {"option_b": "Niet delen, nog niet", "_base_option_b": base}, **HTMX)
    deliberation.refresh_from_db()
    assert base == token("Niet delen")
    assert "save-failed" not in second.content.decode()
    assert deliberation.option_b == "Niet delen, nog niet"


# Editing an item


@pytest.fixture
def son(deliberation: Deliberation) -> Stakeholder:
    return StakeholderFactory(
        deliberation=deliberation,
        kind="family",
        label="de zoon",
        perspective="Hij wil zijn moeder helpen.",
        professional_secrecy="no",
    )


def test_it_refuses_to_overwrite_an_item_field_someone_else_changed(
    people: tuple[Client, Client], deliberation: Deliberation, son: Stakeholder
) -> None:
    anna, bram = people
    prefix = f"edit-stakeholders-{son.pk}-"
    annas_form = loaded(son, STAKEHOLDER, prefix)
    brams_form = loaded(son, STAKEHOLDER, prefix)
    annas_form[prefix + "label"] = "de oudste zoon"
    brams_form[prefix + "label"] = "de jongste zoon"

    first = anna.post(edit_url(deliberation, son), annas_form)
    second = bram.post(edit_url(deliberation, son), brams_form)

    page = second.content.decode()
    son.refresh_from_db()
    assert first.status_code == 302
    assert second.status_code == 400
    assert son.label == "de oudste zoon"
    assert their_versions(page) == ["de oudste zoon"]
    assert text_input(page, prefix + "label") == "de jongste zoon"

    brams_form[prefix + "_base_label"] = base_in(page, prefix + "_base_label")
    brams_form[prefix + "label"] = "de zoons"
    again = bram.post(edit_url(deliberation, son), brams_form)
    son.refresh_from_db()
    assert again.status_code == 302
    assert son.label == "de zoons"


def test_it_keeps_both_changes_to_different_fields_of_an_item(
    people: tuple[Client, Client], deliberation: Deliberation, son: Stakeholder
) -> None:
    anna, bram = people
    prefix = f"edit-stakeholders-{son.pk}-"
    annas_form = loaded(son, STAKEHOLDER, prefix)
    brams_form = loaded(son, STAKEHOLDER, prefix)
    annas_form[prefix + "label"] = "de oudste zoon"
    brams_form[prefix + "perspective"] = "Hij is bang iets fout te doen."

    first = anna.post(edit_url(deliberation, son), annas_form)
    second = bram.post(edit_url(deliberation, son), brams_form)

    son.refresh_from_db()
    assert (first.status_code, second.status_code) == (302, 302)
    assert son.label == "de oudste zoon"
    assert son.perspective == "Hij is bang iets fout te doen."
    assert son.professional_secrecy == "no"


def test_it_shows_an_item_conflict_in_the_htmx_section(
    people: tuple[Client, Client], deliberation: Deliberation, son: Stakeholder
) -> None:
    anna, bram = people
    prefix = f"edit-stakeholders-{son.pk}-"
    annas_form = loaded(son, STAKEHOLDER, prefix)
    brams_form = loaded(son, STAKEHOLDER, prefix)
    annas_form[prefix + "interests"] = "Dat zijn moeder thuis blijft."
    brams_form[prefix + "interests"] = "Dat hij zijn werk kan houden."

    anna.post(edit_url(deliberation, son), annas_form, **HTMX)
    response = bram.post(edit_url(deliberation, son), brams_form, **HTMX)

    fragment = response.content.decode()
    son.refresh_from_db()
    assert fragment.lstrip().startswith('<section class="items" id="items-stakeholders"')
    assert son.interests == "Dat zijn moeder thuis blijft."
    assert their_versions(fragment) == ["Dat zijn moeder thuis blijft."]
    assert textarea(fragment, prefix + "interests") == "Dat hij zijn werk kan houden."


# The option × value grid


@pytest.fixture
def grid(deliberation: Deliberation) -> tuple[str, str]:
    """Two options and one value at stake: the names of the two cells."""
    ValueAtStakeFactory(deliberation=deliberation)
    trust = Value.objects.get(team=None, slug="trust")
    first = OptionFactory(deliberation=deliberation, title="Samen instrueren")
    second = OptionFactory(deliberation=deliberation, title="Thuiszorg blijft")
    return f"cell-{first.pk}-{trust.pk}", f"cell-{second.pk}-{trust.pk}"


def effects(deliberation: Deliberation) -> dict[str, str]:
    return {
        f"cell-{e.option_id}-{e.value_id}": e.effect
        for e in OptionEffect.objects.filter(option__deliberation=deliberation)
    }


def test_it_does_not_let_a_stale_cell_overwrite_a_newer_one(
    people: tuple[Client, Client], deliberation: Deliberation, grid: tuple[str, str]
) -> None:
    anna, bram = people
    one, two = grid
    empty = token("")
    page = bram.get(step_url(deliberation, "options")).content.decode()
    assert base_in(page, f"_base_{one}") == empty

    anna.post(grid_url(deliberation), {one: "serves", f"_base_{one}": empty})
    # Bram's table still shows the first cell empty; he only changes the second.
    response = bram.post(
        grid_url(deliberation),
        {one: "", f"_base_{one}": empty, two: "neutral", f"_base_{two}": empty},
        follow=True,
    )

    assert effects(deliberation) == {one: Effect.SERVES, two: Effect.NEUTRAL}
    assert "message-warning" not in response.content.decode()


def test_it_keeps_the_newer_cell_and_warns_on_a_conflict(
    people: tuple[Client, Client], deliberation: Deliberation, grid: tuple[str, str]
) -> None:
    anna, bram = people
    one, _two = grid
    empty = token("")

    anna.post(grid_url(deliberation), {one: "serves", f"_base_{one}": empty})
    response = bram.post(grid_url(deliberation), {one: "harms", f"_base_{one}": empty}, follow=True)

    page = response.content.decode()
    assert effects(deliberation) == {one: Effect.SERVES}
    assert page.count("message-warning") == 1
    assert re.search(rf'<input type="radio" name="{one}" value="serves" checked>', page)
    assert base_in(page, f"_base_{one}") == token("serves")

    bram.post(grid_url(deliberation), {one: "harms", f"_base_{one}": token("serves")})
    assert effects(deliberation) == {one: Effect.HARMS}


def test_one_cell_saved_by_htmx_answers_with_its_base_token_and_the_status(
    people: tuple[Client, Client], deliberation: Deliberation, grid: tuple[str, str]
) -> None:
    anna, bram = people
    one, two = grid
    empty = token("")

    saved = anna.post(
        grid_url(deliberation), {"cell": one, one: "serves", f"_base_{one}": empty}, **HTMX
    ).content.decode()
    assert effects(deliberation) == {one: Effect.SERVES}
    # The cell stays as it is on the page (its focus, a newer click): only its base token moves on.
    assert "<fieldset" not in saved
    assert re.search(
        rf'<input type="hidden" id="{one}-base" name="_base_{one}" value="{token("serves")}" '
        r'hx-swap-oob="true">',
        saved,
    )
    assert f'name="{two}"' not in saved and f"_base_{two}" not in saved  # only that cell
    assert re.search(r'id="grid-state"[^>]*hx-swap-oob="true">opgeslagen<', saved)

    # Bram's screen still shows the cell empty: the newer choice is kept and he is told.
    refused = bram.post(
        grid_url(deliberation), {"cell": one, one: "harms", f"_base_{one}": empty}, **HTMX
    ).content.decode()
    assert effects(deliberation) == {one: Effect.SERVES}
    assert re.search(
        rf'<fieldset class="effect-choice" id="{one}-choice"[^>]*hx-swap-oob="true"', refused
    )
    assert re.search(rf'<input type="radio" name="{one}" value="serves" checked>', refused)
    assert refused.count('<p class="error" role="alert">') == 1
    assert re.search(r'id="grid-state"[^>]*hx-swap-oob="true"></p>', refused)


def test_it_shows_a_grid_conflict_in_the_htmx_fragment(
    people: tuple[Client, Client], deliberation: Deliberation, grid: tuple[str, str]
) -> None:
    anna, bram = people
    one, _two = grid
    empty = token("")

    anna.post(grid_url(deliberation), {one: "neutral", f"_base_{one}": empty}, **HTMX)
    response = bram.post(grid_url(deliberation), {one: "harms", f"_base_{one}": empty}, **HTMX)

    fragment = response.content.decode()
    assert effects(deliberation) == {one: Effect.NEUTRAL}
    assert fragment.lstrip().startswith('<section class="grid-section" id="grid"')
    assert fragment.count('<p class="error" role="alert">') == 1
