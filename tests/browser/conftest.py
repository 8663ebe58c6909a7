"""Real-browser tests: Playwright drives the Chromium of Debian's `chromium` package, headless.

They never skip: without a browser the run fails, so a green run means the browser tests ran.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest

# The sync Playwright API runs an event loop in the test thread; the live server and the
# test's own database access are still plain synchronous Django.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

from playwright.sync_api import Browser, sync_playwright

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        pytest.fail("Chromium is not installed: apt-get install chromium chromium-driver")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(autouse=True)
def _pages_closed_after_the_test(browser: Browser) -> Iterator[None]:
    """Every page a test opened is closed at its end, also when the test failed: a page left open
    would go on polling or saving against the live server while the next test runs, and write
    to that test's database."""
    yield
    for context in browser.contexts:
        context.close()
