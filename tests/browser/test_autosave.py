"""A step field saves while the person types, keeps an unsent draft in the tab until the server has
it, warns before the page is left with unsaved text, and shows its save state with its own field.
Without JavaScript the save buttons do the same work."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Dialog, Page, Route, expect

from beraad.accounts.models import Role
from beraad.deliberation.models import Deliberation
from tests.browser.helpers import log_in
from tests.factories import DeliberationFactory, MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
WIDTHS = pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])

TYPED = "Mevrouw A. wil thuis blijven wonen."
SAVE_URL = "**/field/case_description/"
RESTORED = "Je tekst was nog niet opgeslagen en is teruggezet uit deze browser."
RESTORED_SAVED = "Je tekst uit deze browser is teruggezet en opgeslagen."


def open_step(
    browser: Browser,
    live_server: Any,
    *,
    viewport: dict[str, int] | None = None,
    js: bool = True,
    step: str = "case",
) -> tuple[Page, Deliberation]:
    team = TeamFactory(slug="zuid")
    deliberation = DeliberationFactory(team=team, case_description="")
    member = MembershipFactory(team=team, role=Role.MEMBER).user
    context = browser.new_context(viewport=viewport or DESKTOP, java_script_enabled=js)
    page = context.new_page()
    log_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/t/zuid/d/{deliberation.pk}/step/{step}/")
    return page, deliberation


def stored(deliberation: Deliberation) -> str:
    deliberation.refresh_from_db()
    return deliberation.case_description


def drafts(page: Page) -> int:
    return int(
        page.evaluate(
            "Object.keys(sessionStorage).filter(k => k.startsWith('beraad-draft:')).length"
        )
    )


class Blocked:
    """While on, every save of the case field fails as a dropped connection does."""

    def __init__(self, page: Page) -> None:
        self.on = True
        self.aborted = 0
        page.route(SAVE_URL, self.handle)

    def handle(self, route: Route) -> None:
        if self.on:
            self.aborted += 1
            route.abort()
        else:
            route.continue_()


class Dialogs:
    """Records the browser's questions (here: "leave this page?") and answers each the same way."""

    def __init__(self, page: Page, *, leave: bool) -> None:
        self.types: list[str] = []
        self.leave = leave
        page.on("dialog", self.answer)

    def answer(self, dialog: Dialog) -> None:
        self.types.append(dialog.type)
        if self.leave:
            dialog.accept()
        else:
            dialog.dismiss()


@WIDTHS
def test_it_saves_while_typing_without_leaving_the_field(
    browser: Browser, live_server: Any, viewport: dict[str, int]
) -> None:
    page, deliberation = open_step(browser, live_server, viewport=viewport)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially(TYPED, delay=20)
    # No Tab, no click elsewhere: the pause after typing is enough.
    expect(page.locator("#id_case_description_save")).to_have_text("opgeslagen", timeout=5000)
    assert page.evaluate("document.activeElement.id") == "id_case_description"
    assert stored(deliberation) == TYPED
    assert drafts(page) == 0  # confirmed by the server: nothing of the case left in the browser
    page.reload()
    expect(page.locator("#id_case_description")).to_have_value(TYPED)


def test_it_saves_at_least_every_few_seconds_while_typing_goes_on(
    browser: Browser, live_server: Any
) -> None:
    page, deliberation = open_step(browser, live_server)
    field = page.locator("#id_case_description")
    field.click()
    typed = "Een lange zin die maar doorgaat " * 3
    # Typing with never a pause of a second, for about six seconds.
    field.press_sequentially(typed, delay=60)
    so_far = stored(deliberation)
    assert so_far.startswith("Een lange zin")  # saved while the typing went on
    assert typed.startswith(so_far) and len(so_far) < len(typed.strip())


@WIDTHS
def test_it_puts_back_a_draft_after_a_reload_before_the_save(
    browser: Browser, live_server: Any, viewport: dict[str, int]
) -> None:
    page, deliberation = open_step(browser, live_server, viewport=viewport)
    blocked = Blocked(page)  # the text does not reach the server before the reload
    dialogs = Dialogs(page, leave=True)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially(TYPED, delay=10)
    assert stored(deliberation) == ""
    blocked.on = False
    page.reload()  # right away, without leaving the field
    assert dialogs.types == ["beforeunload"]
    expect(page.locator("#id_case_description")).to_have_value(TYPED)
    state = page.locator("#id_case_description_save")
    expect(state).to_have_text(RESTORED_SAVED)
    assert stored(deliberation) == TYPED
    assert drafts(page) == 0


def test_it_tells_that_a_draft_was_put_back_and_is_being_saved(
    browser: Browser, live_server: Any
) -> None:
    page, deliberation = open_step(browser, live_server)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially(TYPED, delay=10)
    expect(page.locator("#id_case_description_save")).to_have_text("opgeslagen", timeout=5000)
    held: list[Route] = []
    page.route(SAVE_URL, lambda route: held.append(route))  # saves are held back from now on
    field.press_sequentially(" Haar zoon niet.", delay=10)
    page.wait_for_timeout(1500)
    assert len(held) == 1  # the save while typing is under way, unanswered
    Dialogs(page, leave=True)
    page.reload()
    expect(page.locator("#id_case_description_save")).to_contain_text(RESTORED)
    expect(page.locator("#id_case_description_save")).to_contain_text("wordt nu opgeslagen")
    expect(field).to_have_value(TYPED + " Haar zoon niet.")
    assert stored(deliberation) == TYPED
    page.wait_for_timeout(300)
    assert len(held) == 2
    held[1].continue_()
    expect(page.locator("#id_case_description_save")).to_have_text(RESTORED_SAVED)
    assert stored(deliberation) == TYPED + " Haar zoon niet."


def test_it_does_not_put_a_draft_silently_over_a_newer_version(
    browser: Browser, live_server: Any
) -> None:
    page, deliberation = open_step(browser, live_server)
    Blocked(page).on = True
    Dialogs(page, leave=True)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially(TYPED, delay=10)
    page.wait_for_timeout(1300)  # the save while typing fails: only the draft holds the text
    Deliberation.objects.filter(pk=deliberation.pk).update(case_description="De versie van Sam.")
    page.unroute(SAVE_URL)
    page.reload()
    expect(page.locator("#autosave-case_description .conflict")).to_contain_text(
        "De versie van Sam."
    )
    expect(page.locator("#id_case_description_error")).to_contain_text(
        "Iemand anders heeft dit veld gewijzigd"
    )
    expect(field).to_have_value(TYPED)  # the person's own text is still there, to combine
    assert stored(deliberation) == "De versie van Sam."
    assert drafts(page) == 1  # not saved, so still kept
    page.wait_for_timeout(1500)  # typing on to combine does not save over Sam's version
    field.press("End")
    field.press_sequentially(" Sam vindt van niet.", delay=10)
    page.wait_for_timeout(1500)
    assert stored(deliberation) == "De versie van Sam."
    field.press("Tab")  # leaving the field saves knowingly, as before
    expect(page.locator("#id_case_description_save")).to_have_text("opgeslagen")
    assert stored(deliberation) == TYPED + " Sam vindt van niet."
    assert drafts(page) == 0


@WIDTHS
def test_it_warns_before_a_page_with_unsaved_text_is_left(
    browser: Browser, live_server: Any, viewport: dict[str, int]
) -> None:
    page, deliberation = open_step(browser, live_server, viewport=viewport)
    Blocked(page)  # the save cannot get through: the text stays unsaved
    dialogs = Dialogs(page, leave=False)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially(TYPED, delay=10)
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert dialogs.types == ["beforeunload"]
    assert not page.is_closed()  # the person chose to stay: nothing is lost
    expect(field).to_have_value(TYPED)
    assert stored(deliberation) == ""


def test_it_does_not_warn_once_the_text_is_saved(browser: Browser, live_server: Any) -> None:
    page, _deliberation = open_step(browser, live_server)
    dialogs = Dialogs(page, leave=False)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially(TYPED, delay=10)
    expect(page.locator("#id_case_description_save")).to_have_text("opgeslagen", timeout=5000)
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert dialogs.types == []


@WIDTHS
def test_it_saves_before_following_a_link_right_after_typing(
    browser: Browser, live_server: Any, viewport: dict[str, int]
) -> None:
    page, deliberation = open_step(browser, live_server, viewport=viewport)
    dialogs = Dialogs(page, leave=False)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially(TYPED, delay=10)
    page.locator("nav.step-pager a").last.click()  # to step 3, within the second
    expect(page).to_have_url(f"{live_server.url}/t/zuid/d/{deliberation.pk}/step/dilemma/")
    assert dialogs.types == []
    assert stored(deliberation) == TYPED


def test_it_asks_before_following_a_link_when_the_save_fails(
    browser: Browser, live_server: Any
) -> None:
    page, deliberation = open_step(browser, live_server)
    Blocked(page)
    dialogs = Dialogs(page, leave=False)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially(TYPED, delay=10)
    page.locator("nav.step-pager a").last.click()
    expect(page.locator("#autosave-case_description .save-state")).to_contain_text(
        "Niet opgeslagen"
    )
    page.wait_for_timeout(500)
    assert dialogs.types == ["beforeunload"]
    assert page.url.endswith("/step/case/")  # the person chose to stay, with the text
    expect(field).to_have_value(TYPED)
    assert stored(deliberation) == ""


@WIDTHS
def test_it_shows_the_save_state_with_its_own_field(
    browser: Browser, live_server: Any, viewport: dict[str, int]
) -> None:
    page, _deliberation = open_step(browser, live_server, viewport=viewport, step="evaluation")
    learned = page.locator("#id_learned")
    learned.fill("Vaker de cliënt zelf vragen.")
    learned.press("Tab")
    state = page.locator("#id_learned_save")
    expect(state).to_have_text("opgeslagen")
    assert "id_learned_save" in (learned.get_attribute("aria-describedby") or "").split()
    assert state.get_attribute("aria-live") == "polite"
    # Inside the field's own block, nearer to its field than to the next field's label.
    assert page.locator("#autosave-learned .field #id_learned_save").count() == 1
    field_box = learned.bounding_box()
    state_box = state.bounding_box()
    next_label = page.locator("label[for=id_takeaways]").bounding_box()
    assert field_box and state_box and next_label
    below_field = state_box["y"] - (field_box["y"] + field_box["height"])
    above_next = next_label["y"] - (state_box["y"] + state_box["height"])
    assert 0 <= below_field < above_next


def test_it_saves_with_the_button_without_javascript(browser: Browser, live_server: Any) -> None:
    page, deliberation = open_step(browser, live_server, js=False, viewport=PHONE)
    page.fill("#id_case_description", TYPED)
    page.click("form.step-form button[name=save]")
    expect(page.locator(".message-success")).to_be_visible()
    expect(page.locator("#id_case_description")).to_have_value(TYPED)
    assert stored(deliberation) == TYPED
    page.fill("#id_case_description", TYPED + " Ook morgen.")
    page.click("form.step-form button[name=save_next]")
    expect(page).to_have_url(f"{live_server.url}/t/zuid/d/{deliberation.pk}/step/dilemma/")
    assert stored(deliberation) == TYPED + " Ook morgen."


def test_it_forgets_drafts_when_the_person_logs_out(browser: Browser, live_server: Any) -> None:
    page, _deliberation = open_step(browser, live_server)
    Blocked(page)
    Dialogs(page, leave=True)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially(TYPED, delay=10)
    assert drafts(page) == 1
    page.click("header button.link-button")  # log out
    expect(page.locator("input[name=login]")).to_be_visible()
    assert drafts(page) == 0


def test_it_keeps_drafts_on_a_signed_in_page_without_the_menu(
    browser: Browser, live_server: Any
) -> None:
    """The presentation screen has no log-out button, yet someone is signed in there: opening
    it in the same tab keeps an unsaved draft."""
    team = TeamFactory(slug="zuid")
    deliberation = DeliberationFactory(team=team, case_description="")
    facilitator = MembershipFactory(team=team, role=Role.FACILITATOR).user
    context = browser.new_context(viewport=DESKTOP)
    page = context.new_page()
    log_in(page, live_server.url, facilitator.email)
    page.goto(f"{live_server.url}/t/zuid/d/{deliberation.pk}/step/case/")
    Blocked(page)
    Dialogs(page, leave=True)
    field = page.locator("#id_case_description")
    field.click()
    field.press_sequentially(TYPED, delay=10)
    assert drafts(page) == 1
    page.goto(f"{live_server.url}/t/zuid/d/{deliberation.pk}/present/")
    expect(page.locator("body.presentation")).to_be_visible()
    assert drafts(page) == 1
