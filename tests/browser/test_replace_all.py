""" "Vervang alle" on the privacy review page: one click replaces a person in every text, the page
says what changed, and undo puts it back; with JavaScript (htmx) and without (form + redirect)."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from beraad.accounts.models import Role
from tests.browser.test_full_deliberation import log_in
from tests.factories import (
    DeliberationFactory,
    MembershipFactory,
    StakeholderFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_it_replaces_a_person_everywhere_and_undoes_it(
    browser: Browser, live_server: Any, js: bool
) -> None:
    team = TeamFactory(slug="west")
    deliberation = DeliberationFactory(
        team=team,
        case_description="Fatima Bakker belde. Later zei mevrouw Bakker dat Fatima moe was.",
        dilemma_question="Moeten we Fatima helpen?",
    )
    StakeholderFactory(deliberation=deliberation, perspective="Mevrouw Bakker is bang.")
    member = MembershipFactory(team=team, role=Role.MEMBER).user
    page = browser.new_context(java_script_enabled=js).new_page()
    log_in(page, live_server.url, member.email)
    page.goto(f"{live_server.url}/t/west/d/{deliberation.pk}/privacy/")
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.resource_type))

    region = page.locator("#review-region")
    region.get_by_role("button", name="Vervang alle door “persoon A”").click()
    expect(page.locator("body")).to_contain_text("5 vervangingen in 3 velden.")
    expect(region.get_by_role("button", name="Vervang alle door “persoon A”")).to_have_count(0)
    deliberation.refresh_from_db()
    assert deliberation.case_description == (
        "Persoon A belde. Later zei mevrouw A dat persoon A moe was."
    )
    assert deliberation.dilemma_question == "Moeten we persoon A helpen?"
    # With JavaScript only the region is swapped (no page load); without, the form posts.
    assert ("document" not in requests) if js else ("document" in requests)

    region.get_by_role("button", name="Vervanging ongedaan maken").click()
    expect(page.locator("body")).to_contain_text(
        "Ongedaan gemaakt: 3 velden zijn weer zoals ze waren."
    )
    deliberation.refresh_from_db()
    assert deliberation.case_description.startswith("Fatima Bakker belde.")
    assert deliberation.stakeholders.get().perspective == "Mevrouw Bakker is bang."
