"""Under the real Content-Security-Policy, Chromium reports no violation on the main pages and htmx works.

Every page is watched twice: the ``securitypolicyviolation`` events the page itself sees, and the
console, where Chromium writes each refused script, style or handler (and any Permissions-Policy
feature it does not know). The last step injects an inline handler on purpose: it must be refused
and reported, which shows the watching works.
"""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from beraad.accounts.models import Role
from beraad.deliberation.models import Theme
from tests.browser.helpers import log_in
from tests.factories import DeliberationFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)

WATCH = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


class Watched:
    def __init__(self, page: Page) -> None:
        self.page = page
        self.console: list[str] = []
        page.add_init_script(WATCH)
        page.on("console", self.listen)

    def listen(self, message: ConsoleMessage) -> None:
        text = message.text
        if "Content Security Policy" in text or "Permissions-Policy" in text:
            self.console.append(text)

    def violations(self) -> list[str]:
        """What was refused on the current page so far (read before leaving it)."""
        return [*self.console, *self.page.evaluate("window.__violations || []")]


def test_the_main_pages_run_without_a_policy_violation(browser: Browser, live_server: Any) -> None:
    base = live_server.url
    team = TeamFactory(slug="west")
    lead = MembershipFactory(team=team, role=Role.FACILITATOR).user
    d = DeliberationFactory(team=team, case_description="")
    earlier = DeliberationFactory(team=team, title="Eerder beraad")
    earlier.themes.add(*Theme.objects.all()[:2])

    watched = Watched(browser.new_context(viewport={"width": 1280, "height": 900}).new_page())
    page = watched.page
    log_in(page, base, lead.email)
    assert watched.violations() == []

    # A step page: the check while typing and the autosave are htmx requests.
    page.goto(f"{base}/t/west/d/{d.pk}/step/case/")
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially("Mevrouw JANSEN belt vaak", delay=15)
    expect(page.locator("#privacy-id_case_description")).to_contain_text("Dit lijkt een naam")
    field.press("Tab")
    expect(page.locator("#autosave-case_description .save-state")).to_have_text("opgeslagen")
    d.refresh_from_db()
    assert d.case_description == "Mevrouw JANSEN belt vaak"
    assert page.evaluate("typeof window.htmx") == "object"
    assert page.evaluate("htmx.config.allowEval") is False
    assert watched.violations() == []

    # The dashboard: pygal's <style> inside each chart applies (it carries the page's nonce);
    # without it the plot's background rectangle would be drawn black.
    page.goto(f"{base}/t/west/dashboard/")
    expect(page.locator(".chart-svg svg").first).to_be_visible()
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.chart-svg svg .plot > .background')).fill"
    )
    assert background in ("transparent", "rgba(0, 0, 0, 0)")
    assert watched.violations() == []

    # The presentation screen: its QR code, its countdown script and its poll.
    page.goto(f"{base}/t/west/d/{d.pk}/present/")
    expect(page.locator(".join-qr svg")).to_be_visible()
    with page.expect_response(lambda r: "/present/state/" in r.url, timeout=6_000):
        pass
    assert watched.violations() == []

    # The session report as a page to print: its own <style> applies with the nonce.
    page.goto(f"{base}/t/west/d/{d.pk}/report/")
    page.click("button[name=print]")
    expect(page.locator("h1")).to_have_text(d.title)
    assert page.evaluate("getComputedStyle(document.body).maxWidth") != "none"
    assert watched.violations() == []

    # An inline handler that got in somehow does not run, and is reported.
    page.goto(f"{base}/t/west/d/{d.pk}/step/case/")
    page.evaluate(
        """document.body.insertAdjacentHTML("beforeend",
             '<img src="/static/favicon.svg" onload="window.__ran = true">')"""
    )
    page.wait_for_timeout(300)
    assert page.evaluate("window.__ran === true") is False
    expect_refused = watched.violations()
    assert any("script-src" in v for v in expect_refused), expect_refused
