"""The option × value grid in a real browser: quick clicks, on one cell and on several, all
arrive, and the last choice of a cell is the one stored."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import Browser, expect

from beraad.accounts.models import Role
from beraad.deliberation.models import OptionEffect, Value
from tests.browser.helpers import log_in
from tests.factories import (
    DeliberationFactory,
    MembershipFactory,
    OptionFactory,
    TeamFactory,
    ValueAtStakeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def stored(deliberation_id: int) -> dict[str, str]:
    return {
        f"cell-{e.option_id}-{e.value_id}": e.effect
        for e in OptionEffect.objects.filter(option__deliberation_id=deliberation_id)
    }


@pytest.mark.parametrize("width", [390, 1366])
def test_quick_clicks_in_the_grid_all_arrive(
    browser: Browser, live_server: Any, width: int
) -> None:
    team = TeamFactory(slug="oost")
    facilitator = MembershipFactory(team=team, role=Role.FACILITATOR).user
    d = DeliberationFactory(team=team)
    trust = Value.objects.get(team=None, slug="trust")
    privacy = Value.objects.get(team=None, slug="privacy")
    ValueAtStakeFactory(deliberation=d, value=trust)
    ValueAtStakeFactory(deliberation=d, value=privacy)
    first, second = OptionFactory(deliberation=d), OptionFactory(deliberation=d)
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, facilitator.email)
    page.goto(f"{live_server.url}/t/oost/d/{d.pk}/step/options/")
    one, two = f"cell-{first.pk}-{trust.pk}", f"cell-{second.pk}-{privacy.pk}"

    # Three changes of one cell and one of another, faster than the server answers.
    for name, effect in [(one, "serves"), (one, "harms"), (two, "serves"), (one, "neutral")]:
        page.click(f"input[name='{name}'][value='{effect}']")

    deadline = time.monotonic() + 15
    while stored(d.pk) != {one: "neutral", two: "serves"} and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert stored(d.pk) == {one: "neutral", two: "serves"}
    expect(page.locator(f"input[name='{one}'][value='neutral']")).to_be_checked()
    expect(page.locator("#grid-state")).to_have_text("opgeslagen")
    # The cell was not replaced under the hand that clicked it.
    assert page.evaluate("document.activeElement.name") == one
    context.close()
