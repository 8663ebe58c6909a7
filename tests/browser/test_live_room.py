"""A live deliberation in four browsers: the facilitator's screen, two members' phones, a guest.

They join (code, guest link), add a stakeholder from a phone, choose privately, see the reveal
together, rate anonymously, and the guest is let go when the deliberation is concluded.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, Dialog, Page, expect

from beraad.accounts.models import Role
from beraad.deliberation.models import Choice, Deliberation, Rating, Status
from tests.browser.helpers import log_in
from tests.factories import DeliberationFactory, MembershipFactory, OptionFactory, TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Polls run every two seconds: anything shown "within two seconds" is visible well within this.
FOLLOWS = 6_000


def phone(browser: Browser) -> tuple[BrowserContext, Page]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True)
    return context, context.new_page()


def choose(page: Page, option: str, harm: str) -> None:
    form = page.locator("#device-panel form")
    expect(form.locator("input[name=option]").first).to_be_visible(timeout=FOLLOWS)
    form.get_by_label(option).check()
    form.locator("textarea[name=harm]").fill(harm)
    form.locator("button[type=submit]").click()
    expect(page.locator("#device-panel .message-success")).to_be_visible()


def test_a_live_room_with_a_facilitator_two_members_and_a_guest(
    browser: Browser, live_server: Any
) -> None:
    base = live_server.url
    team = TeamFactory(slug="west")
    lead = MembershipFactory(team=team, role=Role.FACILITATOR).user
    members = [MembershipFactory(team=team, role=Role.MEMBER).user for _ in range(2)]
    d = DeliberationFactory(
        team=team,
        current_step="stakeholders",
        case_description="Meneer B. wil niet dat de buren iets merken van zijn schulden.",
        dilemma_question="Schakelen we schuldhulp in tegen zijn wens in?",
        option_a="Wel inschakelen",
        option_b="Niet inschakelen",
    )
    OptionFactory(deliberation=d, title="Schuldhulp inschakelen")
    OptionFactory(deliberation=d, title="Eerst zijn vertrouwen winnen")

    # The facilitator puts the deliberation on the screen.
    screen_context = browser.new_context(viewport={"width": 1400, "height": 900})
    screen = screen_context.new_page()
    log_in(screen, base, lead.email)
    screen.goto(f"{base}/t/west/d/{d.pk}/present/")
    code = screen.locator(".join-code").inner_text()

    # Two members join from their phones with the code.
    phones = []
    for user in members:
        context, page = phone(browser)
        log_in(page, base, user.email)
        page.goto(f"{base}/join/")
        page.fill("#id_code", code.lower())
        page.click("main button[type=submit]")
        expect(page.locator("#device-info h1")).to_contain_text("Belanghebbenden")
        phones.append((context, page))
    (_c1, one), (_c2, two) = phones

    # A guest is invited with a single-use link.
    screen.click("text=Nodig een gast uit")
    screen.fill("#id_label", "wijkagent")
    screen.click("main form button[type=submit]")
    link = screen.locator("input.guest-link").input_value()
    guest_context, guest = phone(browser)
    guest.goto(link)
    guest.check("#id_confidential")
    guest.click("main button[type=submit]")
    expect(guest.locator("#device-info")).to_contain_text("gast")
    screen.goto(f"{base}/t/west/d/{d.pk}/present/")
    expect(screen.locator(".room h2")).to_contain_text("3", timeout=FOLLOWS)

    # Contributions: the step opens on the phones; what is added arrives on the screen.
    screen.click("button[value=open-contributions]")
    expect(one.locator("#id_add-label")).to_be_visible(timeout=FOLLOWS)
    one.select_option("#id_add-kind", "neighbour")
    one.fill("#id_add-label", "de buurman")
    one.click("#device-panel button[type=submit]")
    expect(screen.locator(".screen-stakeholders")).to_contain_text("de buurman", timeout=FOLLOWS)
    # Closed while someone was still typing: their text stays on their phone, to copy.
    expect(two.locator("#id_add-label")).to_be_visible(timeout=FOLLOWS)
    two.fill("#id_add-label", "de huisarts van meneer")
    screen.click("button[value=close-contributions]")
    expect(two.locator("#device-panel .typed")).to_contain_text(
        "de huisarts van meneer", timeout=FOLLOWS
    )

    # Step 7: choices are collected anonymously, each on their own device.
    for _step in range(3):
        screen.click("button[value=next]")
    expect(screen.locator(".screen-head h1")).to_contain_text("Afweging")
    screen.click("button[value=collect-anonymous]")
    choose(one, "Schuldhulp inschakelen", "Hij voelt zich overvallen")
    choose(two, "Eerst zijn vertrouwen winnen", "De schulden lopen op")
    choose(guest, "Eerst zijn vertrouwen winnen", "Het duurt lang")
    # The facilitator sees who has sent a choice, not what; nobody sees another's choice.
    expect(screen.locator(".seats strong")).to_have_count(3, timeout=FOLLOWS)
    for page in (screen, one, two, guest):
        assert "Hij voelt zich overvallen" not in page.content()
        expect(page.locator(".distribution")).to_have_count(0)

    # The reveal reaches every device at once (the facilitator confirms first).
    asked: list[str] = []

    def confirm(dialog: Dialog) -> None:
        asked.append(dialog.message)
        dialog.accept()

    screen.once("dialog", confirm)
    screen.click("button[value=reveal]")
    for page in (screen, one, two, guest):
        distribution = page.locator(".distribution")
        expect(distribution).to_be_visible(timeout=FOLLOWS)
        expect(distribution.locator("tr", has_text="Eerst zijn vertrouwen winnen")).to_contain_text(
            "2"
        )
    assert asked and "3 keuzes" in asked[0]
    assert Choice.objects.filter(deliberation=d, participant__isnull=True).count() == 3

    # Step 8: anonymous ratings from the devices.
    screen.click("button[value=next]")
    screen.click("button[value=open-ratings]")
    for page, score in ((one, "4"), (two, "5"), (guest, "3")):
        expect(page.locator("input[name=score]").first).to_be_visible(timeout=FOLLOWS)
        page.locator(f"input[name=score][value='{score}']").check()
        page.click("#device-panel button[type=submit]")
        expect(page.locator("#device-panel .message-success")).to_be_visible()
    expect(screen.locator(".room")).to_contain_text("3 waarderingen", timeout=FOLLOWS)
    screen.click("button[value=close-ratings]")  # written, shuffled, as the deliberation's ratings
    scores = Rating.objects.filter(deliberation=d).values_list("score", flat=True)
    assert sorted(scores) == [3, 4, 5]

    # Conclude: the guest's access ends with it.
    Deliberation.objects.filter(pk=d.pk).update(outcome="insight")
    screen.goto(f"{base}/t/west/d/{d.pk}/conclude/")
    screen.click("main form button[type=submit]")
    expect(screen.locator(".badge-concluded")).to_be_visible()
    assert Deliberation.objects.get(pk=d.pk).status == Status.CONCLUDED
    # The guest's device follows by itself (its poll is sent to the ended page); only then
    # open the page anew, or that redirect would cut the navigation short.
    expect(guest.locator("h1")).to_contain_text("gasttoegang", timeout=FOLLOWS)
    guest.goto(f"{base}/live/{d.pk}/")
    expect(guest.locator("h1")).to_contain_text("gasttoegang")
    # The used link does not let anyone else in.
    stranger_context, stranger = phone(browser)
    stranger.goto(link)
    assert re.search("gebruikt|werkt niet meer", stranger.content())
    for context in (screen_context, guest_context, stranger_context, _c1, _c2):
        context.close()
