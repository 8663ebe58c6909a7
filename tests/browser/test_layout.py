"""The screenshot check: every kind of page at a phone's width (390 px), a laptop's (1366 px) and a
wide screen's (1920 px), and the beamer at 1280×720.

Each page is loaded once and looked at in every width (the layout is CSS only, so resizing the
window is the same as loading it again). A page fails when

- it is wider than the window: the document scrolls sideways, or an element's right edge passes
  the window's (content inside a scrolling box, such as a wide table, is fine);
- a word inside a label, button, heading, menu link or step is broken over two lines (each word's
  letters are measured with ``Range.getClientRects()``: a word on two lines has boxes on two
  lines);
- axe-core finds an accessibility violation.

The screenshots go to the test's own temporary directory (``tmp_path``), never into the repository;
``--basetemp`` keeps them somewhere to look at. The demo data (``loaddemo``) is loaded once and one
browser is reused, so the whole check stays within a few minutes.
"""

from __future__ import annotations

from collections.abc import Callable
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.conf import settings
from django.core.management import call_command
from django.template.loader import render_to_string
from playwright.sync_api import Browser, Page

from beraad.accounts.models import Role
from beraad.deliberation.method import STEPS
from beraad.deliberation.models import Deliberation, Option, Value, ValueAtStake
from beraad.library.models import LibraryCase
from beraad.live.models import GuestInvite, LiveSession
from tests.browser.helpers import log_in
from tests.factories import DeliberationFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (390, 1366, 1920)
AXE_WIDTHS = (390, 1366, 1280)
HEIGHT = 900
WINDOWS = tuple((width, HEIGHT) for width in WIDTHS)
DEMO_PASSWORD = "demo-beraad-2026"

# What is read as one unit: a word broken inside one of these is a layout bug (free text in a
# paragraph or a table cell may break a long word to stay inside the window).
LABELS = ", ".join(
    [
        "label",
        "legend",
        "button",
        ".button",
        "summary",
        "h1",
        "h2",
        "h3",
        "h4",
        "th",
        "dt",
        ".site-header a",
        ".steps a",
        ".tabs a",
        ".tag",
        ".badge",
        ".step-pager a",
        ".breadcrumb a",
    ]
)

LAYOUT_PROBLEMS = """(labels) => {
  const problems = [];
  const doc = document.documentElement;
  const width = doc.clientWidth;
  if (doc.scrollWidth > width) problems.push(`the page is ${doc.scrollWidth} px wide in a ${width} px window`);
  const name = (el) => {
    let s = el.tagName.toLowerCase();
    if (el.id) s += '#' + el.id;
    else if (el.classList.length) s += '.' + [...el.classList].join('.');
    const text = (el.textContent || '').trim().replace(/\\s+/g, ' ').slice(0, 40);
    return text ? `${s} "${text}"` : s;
  };
  const clippedByAncestor = (el) => {
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX !== 'visible' || style.clipPath !== 'none' || style.clip !== 'auto') {
        return a.getBoundingClientRect().right <= width + 1;
      }
    }
    return false;
  };
  const sticking = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || box.right <= width + 1) continue;
    if (getComputedStyle(el).visibility === 'hidden' || clippedByAncestor(el)) continue;
    sticking.push(el);
  }
  // Name only the outermost element that sticks out, not each of its children.
  for (const el of sticking) {
    if (!sticking.includes(el.parentElement)) {
      problems.push(`${name(el)} ends at ${Math.round(el.getBoundingClientRect().right)} px`);
    }
  }
  const wordPattern = /[\\p{L}\\p{N}]+/gu;
  const seen = new Set();
  for (const el of document.querySelectorAll(labels)) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(wordPattern)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))
        );
        const key = `${name(el)}: "${match[0]}"`;
        if (lines.size > 1 && !seen.has(key)) {
          seen.add(key);
          problems.push(`a word broken over ${lines.size} lines in ${key}`);
        }
      }
    }
  }
  return problems;
}"""


def layout_problems(page: Page) -> list[str]:
    return page.evaluate(LAYOUT_PROBLEMS, LABELS)


def axe_violations(page: Page) -> list[str]:
    result = Axe().run(page)
    return [
        f"axe {v['id']} ({v['impact']}): {len(v['nodes'])}× e.g. {v['nodes'][0]['target']}"
        for v in result.response["violations"]
    ]


class Check:
    """Looks at pages in every width and keeps what it finds, page by page."""

    def __init__(self, browser: Browser, base: str, shots: Path) -> None:
        self.browser = browser
        self.base = base
        self.shots = shots
        self.found: dict[str, list[str]] = {}
        self.seen: list[str] = []

    def signed_in(self, email: str | None) -> Page:
        context = self.browser.new_context(viewport={"width": WIDTHS[0], "height": HEIGHT})
        page = context.new_page()
        if email is not None:
            page.goto(f"{self.base}/accounts/login/")
            page.fill("input[name=login]", email)
            page.fill("input[name=password]", DEMO_PASSWORD)
            page.click("main button[type=submit]")
            page.wait_for_load_state()
        return page

    def look(
        self,
        page: Page,
        name: str,
        path: str | None = None,
        *,
        widths: tuple[tuple[int, int], ...] = WINDOWS,
        then: Callable[[Page], None] | None = None,
        one_screen: bool = False,
    ) -> None:
        """Open ``path`` (or stay on the page as it is), do ``then``, and check every width."""
        if path is not None:
            page.set_viewport_size({"width": widths[0][0], "height": widths[0][1]})
            page.goto(self.base + path)
        if then is not None:
            then(page)
        page.wait_for_load_state()
        for width, height in widths:
            page.set_viewport_size({"width": width, "height": height})
            page.evaluate("document.fonts.ready")
            found = layout_problems(page)
            if (
                one_screen
                and (tall := page.evaluate("document.documentElement.scrollHeight")) > height
            ):
                found.append(f"the page is {tall} px tall on a {height} px screen")
            # axe at the widths whose layouts differ: the phone's, the laptop's (1920 px is the
            # laptop's layout, centred) and the beamer's.
            if width in AXE_WIDTHS:
                found += axe_violations(page)
            page.screenshot(
                path=self.shots / f"{name.replace(' ', '-')}-{width}x{height}.png", full_page=True
            )
            self.seen.append(f"{name} {width}x{height}")
            if found:
                self.found[f"{name} at {width}×{height}"] = found

    def verdict(self) -> None:
        if self.found:
            pytest.fail(
                f"{len(self.found)} of {len(self.seen)} pages × widths do not fit "
                f"(screenshots in {self.shots}):\n"
                + "\n".join(
                    f"- {where}:\n    " + "\n    ".join(problems)
                    for where, problems in self.found.items()
                ),
                pytrace=False,
            )


def test_the_check_finds_what_it_looks_for(browser: Browser) -> None:
    """The check itself: a word broken in a button, an element past the window's edge, and a wide
    table inside a scrolling box (which is fine)."""
    context = browser.new_context(viewport={"width": 390, "height": HEIGHT})
    page = context.new_page()
    page.set_content(
        "<main><button style='width: 5rem; overflow-wrap: anywhere'>Belanghebbenden</button>"
        "<p style='width: 30rem'>Breed</p>"
        "<div style='overflow-x: auto'><table style='width: 60rem'><tr><td>ok</td></tr></table>"
        "</div><h2 style='width: 6rem'>Twee woorden</h2></main>"
    )
    found = layout_problems(page)
    context.close()
    assert found == [
        "the page is 488 px wide in a 390 px window",
        'p "Breed" ends at 488 px',
        'a word broken over 2 lines in button "Belanghebbenden": "Belanghebbenden"',
    ]


def _demo() -> dict[str, Any]:
    call_command("loaddemo", "--i-know-this-is-not-production", stdout=StringIO())
    open_one = Deliberation.objects.get(team__slug="noord", status="in_progress")
    done = Deliberation.objects.filter(team__slug="noord", status="concluded").first()
    assert done is not None
    session = LiveSession.for_deliberation(open_one)
    _invite, key = GuestInvite.issue(session, label="Huisarts", hours=2, by=None)
    return {
        "open": open_one,
        "done": done,
        "code": session.join_code,
        "guest_key": key,
        "published": LibraryCase.objects.get(status="published"),
    }


def test_every_page_fits_every_width_with_whole_words(
    browser: Browser, live_server: Any, tmp_path: Path
) -> None:
    demo = _demo()
    check = Check(browser, live_server.url, tmp_path)
    d, done = demo["open"].pk, demo["done"].pk

    anonymous = check.signed_in(None)
    check.look(anonymous, "login", "/accounts/login/")
    check.look(anonymous, "guest device", f"/guest/{demo['guest_key']}/")
    for template in ("400.html", "500.html"):
        html = render_to_string(template, {"reason": "Het bestand is groter dan 5 MB."})
        check.look(
            anonymous,
            f"error {template[:3]}",
            "/accounts/login/",
            then=lambda page, html=html: page.set_content(html),
        )
    anonymous.context.close()

    facilitator = check.signed_in("facilitator@demo.beraad.test")
    pages = {
        "list": "/t/noord/",
        "create": "/t/noord/new/",
        "import": "/t/noord/import/",
        "values and themes": "/t/noord/values/",
        "overview": f"/t/noord/d/{done}/",
        **{f"step {s.number} {s.slug}": f"/t/noord/d/{d}/step/{s.slug}/" for s in STEPS},
        "concluded step": f"/t/noord/d/{done}/step/decision/",
        "conclude": f"/t/noord/d/{d}/conclude/",
        "privacy review": f"/t/noord/d/{d}/privacy/",
        "delete": f"/t/noord/d/{d}/delete/",
        "dashboard": "/t/noord/dashboard/",
        "actions": "/t/noord/actions/?whose=all&state=all",
        "session report": f"/t/noord/d/{done}/report/",
        "reports and exports": "/t/noord/reports/",
        "guests": f"/t/noord/d/{d}/present/guests/",
        "own device": f"/live/{d}/",
        "join": "/join/",
        "account": "/account/",
        "two-factor authentication": "/accounts/2fa/",
        "error 404": "/t/noord/d/999999/",
        "propose for the library": f"/t/noord/d/{done}/library/",
        "library list for a facilitator": "/o/gemeente-demostad/library/",
        "library case with the practice form": (
            f"/o/gemeente-demostad/library/{demo['published'].pk}/"
        ),
    }
    for name, path in pages.items():
        check.look(facilitator, name, path)

    # The values at step 3 on a phone: each checkbox's target (its label) is at least 44×44 px.
    facilitator.set_viewport_size({"width": 390, "height": HEIGHT})
    facilitator.goto(f"{live_server.url}/t/noord/d/{d}/step/dilemma/")
    targets = facilitator.evaluate(
        """[...document.querySelectorAll('main input[type=checkbox]')].map((box) => {
             const r = (box.closest('label') || box).getBoundingClientRect();
             return [box.id, Math.round(r.width), Math.round(r.height)];
           })"""
    )
    assert len(targets) >= 20
    assert [t for t in targets if t[1] < 44 or t[2] < 44] == []

    # As in a session: values and options named, so the grid and the choices' radio buttons show,
    # and an add form left open with the values to tick for a new party.
    open_one = demo["open"]
    for value in Value.objects.filter(team=None).order_by("id")[:5]:
        ValueAtStake.objects.create(deliberation=open_one, value=value)
    for title in ("De buurvrouw ontlasten", "Niets veranderen", "Thuiszorg inschakelen"):
        Option.objects.create(deliberation=open_one, title=title)
    check.look(facilitator, "step 6 with the grid", f"/t/noord/d/{d}/step/options/")
    check.look(facilitator, "step 7 with options", f"/t/noord/d/{d}/step/decision/")
    check.look(
        facilitator,
        "step 4 adding a party",
        f"/t/noord/d/{d}/step/stakeholders/?adding=stakeholders",
    )

    def search(page: Page) -> None:
        page.fill("#id_q", "zoon")
        page.click("form.search button[type=submit]")
        page.wait_for_selector("ol.search-hits mark")

    check.look(facilitator, "search results", "/t/noord/", then=search)

    def make_draft(page: Page) -> None:
        page.click("main form button[type=submit]")
        page.wait_for_url("**/draft/")

    check.look(facilitator, "library draft", f"/t/noord/d/{done}/library/", then=make_draft)
    facilitator.context.close()

    member = check.signed_in("lid.noord@demo.beraad.test")
    check.look(member, "error 403", f"/t/noord/d/{d}/conclude/")
    member.context.close()

    admin = check.signed_in("teamadmin.noord@demo.beraad.test")
    check.look(admin, "members", "/t/noord/members/")
    check.look(admin, "access log", "/t/noord/log/")
    admin.context.close()

    trainer = check.signed_in("trainer@demo.beraad.test")
    check.look(trainer, "library list", "/o/gemeente-demostad/library/")
    check.look(trainer, "library case", f"/o/gemeente-demostad/library/{demo['published'].pk}/")
    check.look(trainer, "library import", "/o/gemeente-demostad/library/import/")
    trainer.context.close()

    coordinator = check.signed_in("coordinator@demo.beraad.test")
    check.look(coordinator, "organisation overview", "/o/gemeente-demostad/dashboard/")
    coordinator.context.close()

    beamer = check.signed_in("facilitator@demo.beraad.test")
    check.look(
        beamer,
        "beamer",
        f"/t/noord/d/{d}/present/",
        widths=(*WINDOWS, (1280, 720), (1920, 1080)),
    )
    beamer.context.close()

    assert len(check.seen) >= 3 * 40  # every page was looked at in every width
    check.verdict()


def test_the_beamer_fits_one_screen(browser: Browser, live_server: Any, tmp_path: Path) -> None:
    demo = _demo()
    check = Check(browser, live_server.url, tmp_path)
    page = check.signed_in("facilitator@demo.beraad.test")
    check.look(
        page,
        "beamer one screen",
        f"/t/noord/d/{demo['open'].pk}/present/",
        widths=((1280, 720), (1920, 1080)),
        one_screen=True,
    )
    assert check.seen
    check.verdict()


STEP_BAR_PROBLEMS = """() => {
  const bar = document.querySelector('nav.steps');
  const right = Math.min(bar.getBoundingClientRect().right, document.documentElement.clientWidth);
  const problems = [];
  for (const a of bar.querySelectorAll('a')) {
    if (a.getBoundingClientRect().right > right + 0.5) problems.push(`${a.textContent.trim()} sticks out`);
    const title = a.querySelector('.step-title');
    const node = title.firstChild;
    for (const match of node.textContent.matchAll(/[\\p{L}\\p{N}]+/gu)) {
      const range = document.createRange();
      range.setStart(node, match.index);
      range.setEnd(node, match.index + match[0].length);
      const lines = new Set([...range.getClientRects()].filter((r) => r.width > 1).map((r) => Math.round(r.top)));
      if (lines.size > 1) problems.push(`"${match[0]}" broken`);
    }
  }
  const rows = new Set([...bar.querySelectorAll('li')].map((li) => Math.round(li.getBoundingClientRect().top)));
  if (rows.size > 1) problems.push(`${rows.size} rows`);
  return problems;
}"""


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_step_bar_fits_every_width_from_320_to_1920(
    browser: Browser, live_server: Any, language: str
) -> None:
    """One row, nothing sticking out and no word broken, on every step, in steps of 16 px and at
    the widths where the bar changes (40rem and 64rem)."""
    membership = MembershipFactory(role=Role.FACILITATOR)
    deliberation = DeliberationFactory(team=membership.team)
    context = browser.new_context(viewport={"width": 320, "height": 700})
    context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": language, "url": live_server.url}]
    )
    page = context.new_page()
    log_in(page, live_server.url, membership.user.email)
    widths = sorted({*range(320, 1921, 16), 639, 640, 1023, 1024})
    found: dict[str, list[str]] = {}
    for step in STEPS:
        page.goto(
            f"{live_server.url}/t/{membership.team.slug}/d/{deliberation.pk}/step/{step.slug}/"
        )
        for width in widths:
            page.set_viewport_size({"width": width, "height": 700})
            problems = page.evaluate(STEP_BAR_PROBLEMS)
            if problems:
                found[f"step {step.number} at {width} px"] = problems
        assert page.locator("nav.steps [aria-current=step] .step-title").is_visible()
    context.close()
    assert found == {}
