"""When a change cannot be stored with its access-log entry, nothing is stored, the person is told
so, and nothing they typed is lost: with JavaScript (the field says so and keeps the text) and
without (the page sends the same form again)."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import OperationalError
from playwright.sync_api import Browser, Page, expect

from beraad.accounts.models import Role
from beraad.audit import chain
from beraad.deliberation.models import Deliberation
from tests.browser.helpers import log_in
from tests.factories import DeliberationFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)

TYPED = "De buurvrouw belt elke avond over het lawaai."


def case_step(browser: Browser, live_server: Any, *, js: bool) -> tuple[Page, Deliberation]:
    team = TeamFactory(slug="oost")
    deliberation = DeliberationFactory(team=team, case_description="")
    member = MembershipFactory(team=team, role=Role.MEMBER).user
    page = browser.new_context(java_script_enabled=js).new_page()
    log_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/t/oost/d/{deliberation.pk}/step/case/")
    return page, deliberation


class Switch:
    """While on, writing an access-log entry fails as a locked database does."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.on = False
        real = chain.lock

        def lock(using: str, **options: Any) -> Any:
            if self.on:
                raise OperationalError("database is locked")
            return real(using, **options)

        monkeypatch.setattr(chain, "lock", lock)


@pytest.fixture
def log_fails(monkeypatch: pytest.MonkeyPatch) -> Switch:
    return Switch(monkeypatch)


def test_it_keeps_the_text_in_the_field_when_an_autosave_is_not_stored(
    browser: Browser, live_server: Any, log_fails: Switch
) -> None:
    page, deliberation = case_step(browser, live_server, js=True)
    log_fails.on = True
    field = page.locator("#id_case_description")
    field.fill(TYPED)
    field.press("Tab")
    state = page.locator("#autosave-case_description .save-state")
    expect(state).to_contain_text("Niet opgeslagen")
    expect(field).to_have_value(TYPED)
    deliberation.refresh_from_db()
    assert deliberation.case_description == ""
    log_fails.on = False  # the database answers again: the next change saves the text
    field.press_sequentially(" Elke dag.")
    field.press("Tab")
    expect(state).to_have_text("opgeslagen")
    deliberation.refresh_from_db()
    assert deliberation.case_description == TYPED + " Elke dag."


def test_it_sends_a_form_again_as_it_was_when_it_was_not_stored(
    browser: Browser, live_server: Any, log_fails: Switch
) -> None:
    page, deliberation = case_step(browser, live_server, js=False)
    log_fails.on = True
    page.fill("#id_case_description", TYPED)
    page.click("form.step-form button[name=save]")
    expect(page.locator("h1")).to_have_text("Niet opgeslagen")
    expect(page.locator("main")).to_contain_text("je wijziging is niet opgeslagen")
    deliberation.refresh_from_db()
    assert deliberation.case_description == ""
    log_fails.on = False
    page.get_by_role("button", name="Opnieuw versturen").click()
    expect(page.locator(".message-success")).to_be_visible()
    expect(page.locator("#id_case_description")).to_have_value(TYPED)
    deliberation.refresh_from_db()
    assert deliberation.case_description == TYPED
