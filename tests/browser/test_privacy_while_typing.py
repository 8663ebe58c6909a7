"""Personal data is marked while typing and replaced with one click; typing on during a save loses nothing."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, Route, expect

from beraad.accounts.models import Role
from beraad.deliberation.models import Deliberation
from tests.browser.test_full_deliberation import log_in
from tests.factories import DeliberationFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)


def open_case_step(browser: Browser, live_server: Any) -> tuple[Page, Deliberation]:
    team = TeamFactory(slug="west")
    deliberation = DeliberationFactory(team=team, case_description="")
    member = MembershipFactory(team=team, role=Role.MEMBER).user
    page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()  # a phone
    log_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/t/west/d/{deliberation.pk}/step/case/")
    return page, deliberation


def test_it_marks_a_name_and_replaces_it_by_a_pseudonym(browser: Browser, live_server: Any) -> None:
    page, deliberation = open_case_step(browser, live_server)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially("Mevrouw JANSEN belt vaak", delay=15)
    warnings = page.locator("#privacy-id_case_description")
    expect(warnings).to_contain_text("Dit lijkt een naam. Gebruik een rol of pseudoniem.")
    expect(warnings.locator("mark")).to_have_text("JANSEN")

    # The title stays outside the replacement: "Mevrouw A", not "Mevrouw persoon A".
    warnings.get_by_role("button", name="Vervang door “A”").click()
    expect(field).to_have_value("Mevrouw A belt vaak")
    expect(page.locator("#autosave-case_description .save-state")).to_have_text("opgeslagen")
    deliberation.refresh_from_db()
    assert deliberation.case_description == "Mevrouw A belt vaak"
    expect(warnings.locator("li")).to_have_count(0)


def test_it_keeps_what_was_typed_while_a_save_was_under_way(
    browser: Browser, live_server: Any
) -> None:
    page, deliberation = open_case_step(browser, live_server)
    held: list[Route] = []

    def hold_the_first(route: Route) -> None:
        if held:
            route.continue_()
        else:
            held.append(route)

    page.route("**/field/case_description/", hold_the_first)
    field = page.locator("#id_case_description")
    field.fill("De buurvrouw helpt.")
    field.press("Tab")  # the save starts and is held back
    page.wait_for_timeout(200)
    assert len(held) == 1
    field.click()
    field.press("End")
    field.press_sequentially(" Ze is moe.", delay=10)
    held[0].continue_()
    expect(page.locator("#autosave-case_description .save-state")).to_have_text("opgeslagen")
    expect(field).to_have_value("De buurvrouw helpt. Ze is moe.")
    field.press("Tab")  # the newer text saves against the base the first save returned
    page.wait_for_timeout(300)
    expect(page.locator("#autosave-case_description .conflict")).to_have_count(0)
    deliberation.refresh_from_db()
    assert deliberation.case_description == "De buurvrouw helpt. Ze is moe."
