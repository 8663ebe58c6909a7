"""axe-core (bundled by axe-playwright-python, no download) checks the main pages of a deliberation."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.management import call_command
from playwright.sync_api import Browser

from beraad.deliberation.method import STEPS
from beraad.deliberation.models import Deliberation

pytestmark = pytest.mark.django_db(transaction=True)


def violations(page: Any) -> list[str]:
    result = Axe().run(page)
    return [
        f"{v['id']} ({v['impact']}): {len(v['nodes'])}× e.g. {v['nodes'][0]['target']}"
        for v in result.response["violations"]
    ]


def sign_in_again(page: Any, base: str, email: str) -> None:
    """Sign out, then in as someone else (each lands on their own home page)."""
    page.click("header button.link-button")
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "demo-beraad-2026")
    page.click("main button[type=submit]")


@pytest.mark.parametrize("width", [1200, 390])
def test_it_has_no_accessibility_violations(browser: Browser, live_server: Any, width: int) -> None:
    call_command("loaddemo", "--i-know-this-is-not-production", stdout=StringIO())
    done = Deliberation.objects.filter(team__slug="noord", status="concluded").first()
    open_one = Deliberation.objects.filter(team__slug="noord", status="in_progress").first()
    assert done is not None and open_one is not None
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    found = {"login": violations(page)}
    page.fill("input[name=login]", "facilitator@demo.beraad.test")
    page.fill("input[name=password]", "demo-beraad-2026")
    page.click("main button[type=submit]")
    pages = {
        "list": "/t/noord/",
        "new": "/t/noord/new/",
        "values": "/t/noord/values/",
        "detail": f"/t/noord/d/{done.pk}/",
        "conclude": f"/t/noord/d/{open_one.pk}/conclude/",
        **{f"step {s.slug}": f"/t/noord/d/{open_one.pk}/step/{s.slug}/" for s in STEPS},
        "concluded step": f"/t/noord/d/{done.pk}/step/options/",
        "dashboard": "/t/noord/dashboard/",
        "dashboard by quarter": "/t/noord/dashboard/?by=quarter",
        "actions": "/t/noord/actions/?whose=all&state=all",
        "filtered list": "/t/noord/?theme=confidentiality",
        "session report": f"/t/noord/d/{done.pk}/report/",
        "reports and exports": "/t/noord/reports/",
        "presentation": f"/t/noord/d/{open_one.pk}/present/",
        "guests": f"/t/noord/d/{open_one.pk}/present/guests/",
        "own device": f"/live/{open_one.pk}/",
        "account": "/account/",
        "two-factor authentication": "/accounts/2fa/",
    }
    for name, path in pages.items():
        page.goto(live_server.url + path)
        found[name] = violations(page)
    # A search with results and marked snippets.
    page.goto(f"{live_server.url}/t/noord/")
    page.fill("#id_q", "zoon")
    page.click("form.search button[type=submit]")
    page.wait_for_selector("ol.search-hits mark")
    found["search results"] = violations(page)
    # The case library, for a trainer.
    sign_in_again(page, live_server.url, "trainer@demo.beraad.test")
    page.wait_for_url("**/o/gemeente-demostad/library/")
    found["library"] = violations(page)
    page.click("ul.library-list a")
    page.wait_for_selector("details.decision")
    found["library case"] = violations(page)
    # The organisation overview, for a coordinator.
    sign_in_again(page, live_server.url, "coordinator@demo.beraad.test")
    page.wait_for_url("**/o/gemeente-demostad/dashboard/")
    found["organisation"] = violations(page)
    context.close()
    assert {name: v for name, v in found.items() if v} == {}
