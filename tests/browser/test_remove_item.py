"""Removing an item asks first: with JavaScript a confirmation dialog (htmx posts after a yes),
without it a confirmation page."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from beraad.accounts.models import Role
from beraad.deliberation.models import Deliberation, Stakeholder
from tests.browser.helpers import log_in
from tests.factories import DeliberationFactory, MembershipFactory, StakeholderFactory, TeamFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def stakeholders_step(browser: Browser, live_server: Any, *, js: bool) -> tuple[Page, Deliberation]:
    team = TeamFactory(slug="west")
    deliberation = DeliberationFactory(team=team)
    StakeholderFactory(deliberation=deliberation, label="de buurvrouw")
    member = MembershipFactory(team=team, role=Role.MEMBER).user
    page = browser.new_context(java_script_enabled=js).new_page()
    log_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/t/west/d/{deliberation.pk}/step/stakeholders/")
    return page, deliberation


def test_without_javascript_removing_goes_through_a_confirmation_page(
    browser: Browser, live_server: Any
) -> None:
    page, deliberation = stakeholders_step(browser, live_server, js=False)
    page.locator("#items-stakeholders .item-actions a.danger").click()
    expect(page.locator("h1")).to_have_text("Dit onderdeel verwijderen?")
    expect(page.locator("main")).to_contain_text("de buurvrouw")
    assert Stakeholder.objects.filter(deliberation=deliberation).count() == 1
    page.get_by_role("button", name="Ja, verwijderen").click()
    expect(page.locator("#items-stakeholders")).not_to_contain_text("de buurvrouw")
    assert not Stakeholder.objects.filter(deliberation=deliberation).exists()


def test_with_javascript_removing_asks_in_a_dialog(browser: Browser, live_server: Any) -> None:
    page, deliberation = stakeholders_step(browser, live_server, js=True)
    asked: list[str] = []

    def answer(no: bool) -> Any:
        def handle(dialog: Dialog) -> None:
            asked.append(dialog.message)
            if no:
                dialog.dismiss()
            else:
                dialog.accept()

        return handle

    remove = page.locator("#items-stakeholders .item-actions a.danger")
    page.once("dialog", answer(no=True))
    remove.click()
    expect(page.locator("#items-stakeholders")).to_contain_text("de buurvrouw")
    assert Stakeholder.objects.filter(deliberation=deliberation).count() == 1
    page.once("dialog", answer(no=False))
    remove.click()
    expect(page.locator("#items-stakeholders")).not_to_contain_text("de buurvrouw")
    assert asked == ["Dit onderdeel verwijderen?", "Dit onderdeel verwijderen?"]
    assert "/step/stakeholders/" in page.url  # htmx swapped the list; no confirmation page
    assert not Stakeholder.objects.filter(deliberation=deliberation).exists()
