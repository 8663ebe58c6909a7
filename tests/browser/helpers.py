"""Shared steps of the browser tests."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.factories import PASSWORD


def log_in(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    expect(page.locator("main h1")).to_be_visible()
