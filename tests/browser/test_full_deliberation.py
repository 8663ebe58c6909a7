"""A facilitator runs a whole deliberation in a real browser, with and without JavaScript."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from beraad.accounts.models import Role
from beraad.deliberation.models import Deliberation, Status, Value
from tests.browser.helpers import log_in
from tests.factories import MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db(transaction=True)


class Flow:
    """Fills in the steps, either through htmx (autosave, inline lists) or plain forms."""

    def __init__(self, page: Page, js: bool) -> None:
        self.page, self.js = page, js

    def step(self, number: int) -> None:
        self.page.click(f"nav.steps li:nth-child({number}) a")
        expect(self.page.locator("nav.steps [aria-current=step]")).to_have_count(1)

    def fields(self, values: dict[str, str]) -> None:
        for name, value in values.items():
            self.page.fill(f"#id_{name}", value)
            if self.js:
                self.page.press(f"#id_{name}", "Tab")
                expect(self.page.locator(f"#autosave-{name} .save-state")).to_have_text(
                    "opgeslagen"
                )
        if not self.js:
            self.save()

    def save(self) -> None:
        self.page.click("form.step-form button[name=save]")
        expect(self.page.locator(".message-success")).to_be_visible()

    def add(self, kind: str, values: dict[str, Any]) -> None:
        section = self.page.locator(f"#items-{kind}")
        before = section.locator("li.item").count()
        details = section.locator("details.add-item")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        for name, value in values.items():
            selector = f"#id_add-{kind}-{name}"
            if isinstance(value, tuple) and len(value) == 2:  # a radio button: (name, index)
                self.page.check(f"#id_add-{kind}-{name}_{value[1]}")
            elif isinstance(value, tuple):  # a radio button or checkbox, by its value
                self.page.check(
                    f"#items-{kind} input[name='add-{kind}-{name}'][value='{value[0]}']"
                )
            elif self.page.locator(selector).evaluate("e => e.tagName") == "SELECT":
                self.page.select_option(selector, str(value))
            else:
                self.page.fill(selector, str(value))
        section.locator("form.item-form button[type=submit]").click()
        expect(self.page.locator(f"#items-{kind} li.item")).to_have_count(before + 1)


def run_deliberation(browser: Browser, live_server: Any, js: bool) -> None:
    team = TeamFactory(name="Wijkteam Oost", slug="oost")
    facilitator = MembershipFactory(team=team, role=Role.FACILITATOR).user
    context = browser.new_context(java_script_enabled=js, viewport={"width": 1200, "height": 900})
    page = context.new_page()
    base = live_server.url
    title = "Wondzorg door de zoon" + (" (met JS)" if js else " (zonder JS)")
    trust = Value.objects.get(team=None, slug="trust").pk
    privacy = Value.objects.get(team=None, slug="privacy").pk

    log_in(page, base, facilitator.email)
    page.goto(f"{base}/t/oost/")
    page.click("a[href='/t/oost/new/']")
    page.fill("#id_title", title)
    page.check("input[name=themes][value='confidentiality']")
    page.click("main form button[type=submit]")
    flow = Flow(page, js)

    # 1 Opening
    expect(page.locator("nav.steps [aria-current=step]")).to_contain_text("1")
    flow.add("participants", {"role": "facilitator", "name": "Gespreksleider"})
    flow.add("participants", {"role": "case_presenter", "name": "Wijkverpleegkundige"})
    page.check("#id_confidentiality_agreed")
    page.check("#id_consent_2")  # not asked: fully pseudonymised
    if js:
        expect(page.locator("#autosave-consent .save-state")).to_have_text("opgeslagen")
    else:
        flow.save()

    # 2 Case
    flow.step(2)
    flow.fields({"case_description": "Mevrouw A. heeft een chronische wond. De zoon verzorgt die."})
    flow.add("questions", {"question": "Sinds wanneer?", "answer": "Sinds drie maanden."})

    # 3 Dilemma
    flow.step(3)
    flow.fields(
        {
            "dilemma_question": "Deel ik wat ik weet met de zoon?",
            "dilemma_owner": "de wijkverpleegkundige",
            "option_a": "Wel delen",
            "harm_a": "Het vertrouwen van mevrouw A. schaadt",
            "option_b": "Niet delen",
            "harm_b": "De zoon doet de wondzorg verkeerd",
        }
    )

    # 4 Stakeholders
    flow.step(4)
    flow.add(
        "stakeholders",
        {"kind": "client", "label": "mevrouw A.", "perspective": "Wil thuis blijven"},
    )
    flow.add("stakeholders", {"kind": "informal-carer", "label": "de zoon"})
    expect(page.locator("#items-stakeholders")).to_contain_text("de zoon")

    # 5 Values
    flow.step(5)
    stakeholders = page.locator("#id_add-values-stakeholder option").all()
    first_stakeholder = stakeholders[1].get_attribute("value") or ""
    flow.add(
        "values",
        {
            "stakeholder": first_stakeholder,
            "value": trust,
            "norm": "Dus moeten we eerst met haar praten",
        },
    )
    flow.add("values", {"value": privacy})
    flow.add("values", {"new_value": "Hoop"})

    # 6 Options and the grid
    flow.step(6)
    flow.add("options", {"title": "Samen met mevrouw A. de zoon instrueren"})
    flow.add("options", {"title": "Niets delen"})
    # With htmx the grid reloads itself after each added option: wait for both rows.
    expect(page.locator("table.grid tbody tr")).to_have_count(2)
    if js:
        page.wait_for_load_state("networkidle")
    page.locator("table.grid input[type=radio][value=serves]").first.check()
    if js:
        expect(page.locator("#grid .save-state")).to_have_text("opgeslagen")
    else:
        page.click("#grid button[type=submit]")
    expect(page.locator("table.grid input[type=radio][value=serves]").first).to_be_checked()

    # 7 Weighing and decision
    flow.step(7)
    option = page.locator("input[name='add-choices-option']").first.get_attribute("value") or ""
    flow.add("choices", {"option": (option,), "deciding_value": (trust,), "needs": "Tijd"})
    page.check("#id_outcome_0")  # decided
    if js:
        expect(page.locator("#autosave-outcome .save-state")).to_have_text("opgeslagen")
    page.select_option("#id_chosen_option", option)
    if js:
        expect(page.locator("#autosave-chosen_option .save-state")).to_have_text("opgeslagen")
    flow.fields({"rationale": "Vertrouwen weegt het zwaarst.", "follow_up_on": "2026-12-20"})
    flow.add(
        "actions",
        {
            "what": "Gesprek met mevrouw A. en de zoon",
            "who": "wijkverpleegkundige",
            "due": "2026-12-10",
        },
    )

    # 8 Evaluation
    flow.step(8)
    flow.fields({"learned": "Eerst de cliënt vragen.", "takeaways": "Toestemming vooraf regelen."})
    for score in (3, 4):
        details = page.locator("#items-ratings details.add-item")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        page.click(f"#items-ratings button[name='add-ratings-score'][value='{score}']")
        expect(page.locator("#items-ratings li.item")).to_have_count(score - 2)

    # Conclude and find it again
    page.click(".step-pager a.button")
    page.click("main form button[type=submit]")
    expect(page.locator(".badge-concluded")).to_be_visible()
    page.goto(f"{base}/t/oost/")
    expect(page.locator("table.list")).to_contain_text(title)

    deliberation = Deliberation.objects.get(title=title)
    assert deliberation.status == Status.CONCLUDED
    assert deliberation.participants.count() == 2
    assert deliberation.stakeholders.count() == 2
    assert deliberation.values_at_stake.count() == 3
    assert deliberation.options.count() == 2
    assert deliberation.chosen_option is not None
    assert deliberation.case_description.startswith("Mevrouw A.")
    assert deliberation.ratings.count() == 2
    assert deliberation.actions.get().due.isoformat() == "2026-12-10"
    assert deliberation.themes.count() == 1
    assert deliberation.confidentiality_agreed
    assert deliberation.consent == "not_asked_pseudonymised"
    context.close()


def test_it_runs_a_whole_deliberation_with_htmx(browser: Browser, live_server: Any) -> None:
    run_deliberation(browser, live_server, js=True)


def test_it_runs_a_whole_deliberation_without_javascript(
    browser: Browser, live_server: Any
) -> None:
    run_deliberation(browser, live_server, js=False)
