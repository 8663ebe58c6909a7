"""What a phone is told is on the screen is on the screen; and it is told so once.

Bug 1 of issue 15: options sent from phones never appeared on the beamer while the deliberation had
no values yet (the screen showed only the empty options × values table). Bug 3: a phone showed its
confirmation twice after a choice or a rating (the answer's message and the panel's own note).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db.models import F
from playwright.sync_api import Browser, Page, expect

from beraad.accounts.models import Role
from beraad.live.models import Collecting, LiveSession
from tests.browser.helpers import log_in
from tests.browser.test_accessibility import violations
from tests.factories import DeliberationFactory, MembershipFactory, OptionFactory, TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)

FOLLOWS = 6_000  # polls run every two seconds
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}


def _open(d: Any, **changes: Any) -> None:
    """What the facilitator's buttons do, done directly: every device follows on its next poll."""
    LiveSession.for_deliberation(d)
    LiveSession.objects.filter(pk=d.pk).update(version=F("version") + 1, **changes)


@pytest.mark.parametrize(
    ("step", "fill", "shown"),
    [
        (
            "options",
            {"#id_add-title": "Eerst met de zoon praten", "#id_add-description": "Deze week nog"},
            ["Eerst met de zoon praten", "Deze week nog"],
        ),
        (
            "values",
            {"#id_add-norm": "dus we vragen het haar eerst"},
            ["vertrouwen", "dus we vragen het haar eerst"],
        ),
        (
            "stakeholders",
            {"#id_add-label": "de buurman", "#id_add-perspective": "Hij maakt zich zorgen"},
            ["de buurman", "Hij maakt zich zorgen"],
        ),
    ],
)
def test_it_shows_on_the_screen_what_a_phone_adds_whatever_else_is_missing(
    browser: Browser, live_server: Any, step: str, fill: dict[str, str], shown: list[str]
) -> None:
    base = live_server.url
    team = TeamFactory(slug="west")
    lead = MembershipFactory(team=team, role=Role.FACILITATOR).user
    member = MembershipFactory(team=team, role=Role.MEMBER).user
    # Nothing else recorded: no stakeholders, no values, no options.
    d = DeliberationFactory(team=team, current_step=step)
    _open(d, contributions_open=True)

    screen = browser.new_context(viewport={"width": 1280, "height": 720}).new_page()
    log_in(screen, base, lead.email)
    screen.goto(f"{base}/t/west/d/{d.pk}/present/")

    phone = browser.new_context(viewport=PHONE, is_mobile=True).new_page()
    log_in(phone, base, member.email)
    phone.goto(f"{base}/live/{d.pk}/")
    if step == "values":  # a value at stake of no particular party
        phone.select_option("#id_add-value", label="vertrouwen")
    if step == "stakeholders":
        phone.select_option("#id_add-kind", "neighbour")
    for selector, text in fill.items():
        phone.fill(selector, text)
    phone.click("#device-panel button[type=submit]")
    expect(phone.locator("#device-panel")).to_contain_text("Het staat nu op het scherm")

    for text in shown:
        expect(screen.locator("#screen")).to_contain_text(text, timeout=FOLLOWS)
    # The phone itself lists it too.
    expect(phone.locator("#device-info")).to_contain_text(shown[0], timeout=FOLLOWS)
    assert violations(screen) == []


CONFIRMATION = re.compile(r"Toegevoegd|keuze is ontvangen|waardering is ontvangen")


def _confirmed_once(page: Page, phrase: str, js: bool) -> None:
    main = page.locator("main")
    expect(main).to_contain_text(phrase, timeout=FOLLOWS)
    if js:  # a poll in flight may still bring the panel again: let it land
        page.wait_for_timeout(2_500)
    text = main.inner_text()
    assert len(CONFIRMATION.findall(text)) == 1, text
    assert main.locator(".message").count() == 1, text
    if js:  # axe runs as a script
        assert violations(page) == []


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_it_confirms_a_contribution_a_choice_and_a_rating_once(
    browser: Browser, live_server: Any, viewport: dict[str, int], js: bool
) -> None:
    base = live_server.url
    team = TeamFactory(slug="west")
    member = MembershipFactory(team=team, role=Role.MEMBER).user
    d = DeliberationFactory(team=team, current_step="options")
    OptionFactory(deliberation=d, title="Schuldhulp inschakelen")
    named = DeliberationFactory(team=team, current_step="decision")
    OptionFactory(deliberation=named, title="Wachten")
    _open(d, contributions_open=True)
    _open(named, collecting=Collecting.OPEN, collect_by_name=True)

    context = browser.new_context(
        viewport=viewport, is_mobile=viewport is PHONE, java_script_enabled=js
    )
    page = context.new_page()
    log_in(page, base, member.email)

    def follow() -> None:
        """With JavaScript the page follows by itself; without, the person reloads it."""
        if not js:
            page.reload()

    # A contribution.
    page.goto(f"{base}/live/{d.pk}/")
    page.fill("#id_add-title", "Eerst zijn vertrouwen winnen")
    page.click("#device-panel button[type=submit]")
    _confirmed_once(page, "Toegevoegd", js)

    # An anonymous choice.
    _open(d, step="decision", contributions_open=False, collecting=Collecting.OPEN)
    follow()
    panel = page.locator("#device-panel")
    expect(panel.get_by_label("Schuldhulp inschakelen")).to_be_visible(timeout=FOLLOWS)
    panel.get_by_label("Schuldhulp inschakelen").check()
    panel.locator("button[type=submit]").click()
    _confirmed_once(page, "keuze is ontvangen", js)

    # A rating.
    _open(d, step="evaluation", ratings_open=True)
    follow()
    expect(page.locator("input[name=score]").first).to_be_visible(timeout=FOLLOWS)
    page.locator("input[name=score][value='4']").check()
    page.click("#device-panel button[type=submit]")
    _confirmed_once(page, "waardering is ontvangen", js)

    # A choice by name (it can be sent again until the reveal).
    page.goto(f"{base}/live/{named.pk}/")
    page.locator("#device-panel").get_by_label("Wachten").check()
    page.click("#device-panel button[type=submit]")
    _confirmed_once(page, "keuze is ontvangen", js)
