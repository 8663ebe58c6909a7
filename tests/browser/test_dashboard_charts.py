"""The dashboard's charts at a phone's, a laptop's and a wide screen's width: no label, value or
legend entry is cut off by the edge of its picture, and no chart is wider than the screen."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from playwright.sync_api import Browser, expect

pytestmark = pytest.mark.browser

# Every text in a chart's SVG, the legend entries and the chart itself, each measured against
# what holds it; a rectangle more than one pixel outside is cut off (an SVG clips what lies
# outside its own box).
CLIPPED = """() => {
  const outside = (inner, outer) => inner.left < outer.left - 1 || inner.right > outer.right + 1
      || inner.top < outer.top - 1 || inner.bottom > outer.bottom + 1;
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const figure of document.querySelectorAll("figure.chart")) {
    const name = figure.querySelector("h3").textContent.trim();
    const box = figure.getBoundingClientRect();
    if (box.right > width + 1) found.push(`${name}: wider than the screen`);
    const svg = figure.querySelector(".chart-svg svg");
    if (svg) {
      const picture = svg.getBoundingClientRect();
      for (const text of svg.querySelectorAll("text")) {
        if (text.textContent.trim() && outside(text.getBoundingClientRect(), picture)) {
          found.push(`${name}: "${text.textContent.trim()}" cut off`);
        }
      }
    }
    for (const entry of figure.querySelectorAll(".chart-legend li")) {
      if (outside(entry.getBoundingClientRect(), box)) {
        found.push(`${name}: legend "${entry.textContent.trim()}" outside the chart`);
      }
    }
  }
  return found;
}"""


@pytest.mark.parametrize("width", [390, 1366, 1920])
def test_no_chart_text_is_cut_off(browser: Browser, live_server: Any, width: int) -> None:
    call_command("loaddemo", "--i-know-this-is-not-production", stdout=StringIO())
    page = browser.new_context(viewport={"width": width, "height": 900}).new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=login]", "facilitator@demo.beraad.test")
    page.fill("input[name=password]", "demo-beraad-2026")
    page.click("main button[type=submit]")
    expect(page.locator("main h1")).to_be_visible()
    page.goto(f"{live_server.url}/t/noord/dashboard/?date_from=2026-01-01&date_to=2026-12-31")
    expect(page.locator("figure.chart .chart-svg svg").first).to_be_visible()
    assert page.locator("figure.chart .chart-svg svg").count() >= 8
    assert page.evaluate(CLIPPED) == []
    # Themes over time: five themes, each named once in the legend, in full.
    themes = page.locator("figure.chart", has=page.locator("#chart-themes-trend-title"))
    assert themes.locator(".chart-legend li").count() == 5
