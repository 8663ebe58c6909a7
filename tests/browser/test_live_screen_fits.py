"""The beamer page is one screen: no scrolling, large type, a large QR code while people join.

Checked at 1280×720, 1366×900 and 1920×1080, while people join (the first step, nobody following)
and in a step with many long contributions, which scroll or shrink inside their own region and
never make the page longer. The guest link can be copied with a button; without JavaScript it
stays a selectable text field.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, expect

from beraad.accounts.models import Role
from beraad.deliberation.models import Value
from beraad.live.models import LiveSession
from tests.browser.helpers import log_in
from tests.browser.test_accessibility import violations
from tests.factories import (
    DeliberationFactory,
    MembershipFactory,
    OptionFactory,
    StakeholderFactory,
    TeamFactory,
    ValueAtStakeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SIZES = [(1280, 720), (1366, 900), (1920, 1080)]
LONG = (
    "Zij wil zelf beslissen over haar geld, ook als dat betekent dat de schulden oplopen en de "
    "verhuurder dreigt met een ontruiming; de zoon vindt dat wij moeten ingrijpen."
)
# Where the screenshots go, to look at by eye (optional).
SHOTS = os.environ.get("BERAAD_SCREENSHOTS", "")


def _measure(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => {
          const doc = document.documentElement;
          const qr = document.querySelector('.join-qr svg').getBoundingClientRect();
          const code = document.querySelector('.join-code').getBoundingClientRect();
          return {
            scrollHeight: doc.scrollHeight, innerHeight: window.innerHeight,
            scrollWidth: doc.scrollWidth, innerWidth: window.innerWidth,
            qr: qr.height, qrBottom: qr.bottom,
            codeBottom: code.bottom, codeRight: code.right, codeHeight: code.height,
            base: parseFloat(getComputedStyle(document.querySelector('.screen-body')).fontSize),
            guidance: parseFloat(getComputedStyle(document.querySelector('.guidance')).fontSize),
          };
        }"""
    )


def _beyond(page: Page) -> list[str]:
    """What reaches below the screen (to say why a check failed)."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('body *'))
          .filter(e => e.getBoundingClientRect().bottom > window.innerHeight + 1)
          .filter(e => !e.parentElement.closest('.screen-body, .room'))
          .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' +
            Math.round(e.getBoundingClientRect().bottom))"""
    )


def _fits(page: Page, label: str) -> dict[str, Any]:
    m = _measure(page)
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{label}.png"))
    assert m["scrollHeight"] <= m["innerHeight"], (label, m, _beyond(page))
    assert m["scrollWidth"] <= m["innerWidth"], (label, m)
    # The join code is on the screen, whole, and large.
    assert m["codeBottom"] <= m["innerHeight"] and m["codeRight"] <= m["innerWidth"], (label, m)
    assert m["codeHeight"] >= 40, (label, m)
    assert m["qrBottom"] <= m["innerHeight"], (label, m)
    # Readable from the back of the room: well above a document's 16 px, the guidance too.
    assert m["guidance"] >= 16, (label, m)
    return m


def test_it_fits_one_screen_while_people_join_and_with_many_contributions(
    browser: Browser, live_server: Any
) -> None:
    base = live_server.url
    team = TeamFactory(slug="west")
    lead = MembershipFactory(team=team, role=Role.FACILITATOR).user
    member = MembershipFactory(team=team, role=Role.MEMBER).user
    d = DeliberationFactory(team=team, current_step="opening", title="Mevrouw en haar geld")
    values = list(Value.objects.filter(team=None).order_by("id")[:8])
    for n in range(14):
        s = StakeholderFactory(deliberation=d, label=f"betrokkene {n + 1}", perspective=LONG)
        ValueAtStakeFactory(deliberation=d, stakeholder=s, value=values[n % 8], norm=LONG)
    for n in range(10):
        OptionFactory(deliberation=d, title=f"Optie {n + 1}: met de zoon praten", description=LONG)

    context = browser.new_context(viewport={"width": 1280, "height": 720})
    page = context.new_page()
    refused: list[str] = []

    def listen(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            refused.append(message.text)

    page.on("console", listen)
    log_in(page, base, lead.email)
    page.goto(f"{base}/t/west/d/{d.pk}/present/")

    # While people join: the QR code takes at least 40% of the screen's height.
    joining = {}
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        joining[width] = m = _fits(page, f"joining-{width}x{height}")
        assert m["qr"] >= 0.4 * height, (width, m)
    assert violations(page) == []
    # The type grows with the screen.
    assert joining[1280]["base"] >= 20
    assert joining[1920]["base"] > joining[1280]["base"]

    # Someone follows, and the deliberation moves on to a step with a lot recorded.
    phone = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    log_in(phone, base, member.email)
    phone.goto(f"{base}/live/{d.pk}/")
    for step in ("values", "options", "stakeholders"):
        LiveSession.objects.filter(pk=d.pk).update(step=step)
        page.reload()
        last_one = "Optie 10" if step == "options" else "betrokkene 14"
        expect(page.locator(".screen-body")).to_contain_text(last_one)
        for width, height in SIZES:
            page.set_viewport_size({"width": width, "height": height})
            m = _fits(page, f"{step}-{width}x{height}")
            assert m["qr"] < joining[width]["qr"], (step, width, m)  # smaller once it runs
            # What does not fit scrolls inside its region, at a readable size.
            assert m["base"] >= 0.7 * joining[width]["base"] - 0.5, (step, width, m)
            last = page.locator(".screen-body li").last
            last.scroll_into_view_if_needed()
            expect(last).to_be_in_viewport()
        assert violations(page) == [], step
    assert refused == []


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_it_copies_the_guest_link_with_a_button(
    browser: Browser, live_server: Any, js: bool
) -> None:
    base = live_server.url
    team = TeamFactory(slug="west")
    lead = MembershipFactory(team=team, role=Role.FACILITATOR).user
    d = DeliberationFactory(team=team, current_step="opening")
    context = browser.new_context(viewport={"width": 1366, "height": 900}, java_script_enabled=js)
    if js:
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=base)
    page = context.new_page()
    log_in(page, base, lead.email)
    page.goto(f"{base}/t/west/d/{d.pk}/present/guests/")
    page.fill("#id_label", "wijkagent")
    page.click("main form button[type=submit]")
    field = page.locator("#guest-link")
    link = field.input_value()
    assert link.startswith(f"{base}/")
    button = page.get_by_role("button", name="Kopieer de link")
    if not js:  # no button that cannot work; the link is there to select and copy
        expect(button).to_be_hidden()
        assert field.get_attribute("readonly") is not None and field.is_visible()
        return
    assert violations(page) == []
    button.click()
    expect(page.locator("#guest-link-state")).to_have_text("De link is gekopieerd.")
    assert page.evaluate("navigator.clipboard.readText()") == link
