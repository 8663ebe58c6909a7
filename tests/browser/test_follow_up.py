"""Following up actions in the browser: the note is checked for personal data while typing, and
marking done works with and without JavaScript."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, expect

from beraad.deliberation.models import Action

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("javascript", [True, False])
def test_marking_an_action_done_with_a_note(
    browser: Browser, live_server: Any, javascript: bool
) -> None:
    call_command("loaddemo", "--i-know-this-is-not-production", stdout=StringIO())
    action = Action.objects.filter(deliberation__team__slug="noord", done=False).first()
    assert action is not None
    context = browser.new_context(java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", "facilitator@demo.beraad.test")
    page.fill("input[name=password]", "demo-beraad-2026")
    page.click("main button[type=submit]")
    page.goto(f"{live_server.url}/t/noord/actions/?whose=all&state=open")
    note = page.locator(f"#note-{action.pk}")
    if javascript:
        note.press_sequentially("Gebeld met mevrouw Jansen op 0612345678.")
        warnings = page.locator(f"#privacy-note-{action.pk} .privacy-list li")
        expect(warnings.first).to_be_visible(timeout=10_000)
        page.locator(f"#privacy-note-{action.pk} button[data-replacement]").first.click()
        expect(note).not_to_have_value("Gebeld met mevrouw Jansen op 0612345678.")
    else:
        note.fill("Gebeld, het gaat beter.")
    typed = note.input_value()
    page.locator(f"form[action$='/actions/{action.pk}/mark/'] button[type=submit]").click()
    page.wait_for_load_state()
    action.refresh_from_db()
    assert action.done and action.done_note == typed
    assert "state=open" in page.url
    context.close()
