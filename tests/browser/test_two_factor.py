"""Signing in with a second factor in a real browser: with an authenticator app someone already
has, and setting one up when the organisation asks for it."""

from __future__ import annotations

import time
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from playwright.sync_api import Browser, Page, expect

from beraad.accounts.models import Organisation, Role
from tests.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.browser


def current_code(secret: str) -> str:
    """The app's code now, from a fresh 30-second period (so it is still valid when sent)."""
    if time.time() % 30 > 25:
        time.sleep(30 - time.time() % 30 + 0.5)
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def enter_password(page: Page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")


@pytest.fixture
def strict_member(transactional_db: None) -> Any:
    membership = MembershipFactory(role=Role.FACILITATOR)
    Organisation.objects.filter(pk=membership.team.organisation_id).update(mfa_required=True)
    return membership


def test_signing_in_with_an_authenticator_app(
    browser: Browser, live_server: Any, strict_member: Any
) -> None:
    secret = generate_totp_secret()
    TOTP.activate(strict_member.user, secret)
    page = browser.new_page()
    enter_password(page, live_server.url, strict_member.user.email)
    # The password alone opens nothing: allauth asks for the code first.
    code = page.locator("input[name=code]")
    expect(code).to_be_visible()
    page.goto(f"{live_server.url}/t/{strict_member.team.slug}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/authenticate/")
    page.fill("input[name=code]", "000000" if current_code(secret) != "000000" else "111111")
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("Ongeldige code")
    page.fill("input[name=code]", current_code(secret))
    page.click("main button[type=submit]")
    expect(page).to_have_url(f"{live_server.url}/t/{strict_member.team.slug}/")
    expect(page.locator("main h1")).to_be_visible()
    page.close()


def test_setting_up_an_authenticator_app_when_the_organisation_asks(
    browser: Browser, live_server: Any, strict_member: Any
) -> None:
    page = browser.new_page()
    enter_password(page, live_server.url, strict_member.user.email)
    # Straight to set-up, with the reason in Dutch; the team's pages stay closed.
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/")
    expect(page.locator(".messages")).to_contain_text("Je organisatie vraagt om een tweede stap")
    page.goto(f"{live_server.url}/t/{strict_member.team.slug}/")
    expect(page).to_have_url(f"{live_server.url}/accounts/2fa/")

    page.click("text=Authenticator-app instellen")
    page.fill("input[name=password]", PASSWORD)  # allauth asks for the password again first
    page.click("main button[type=submit]")
    secret = page.locator("input#authenticator_secret").input_value()
    page.fill("input[name=code]", current_code(secret))
    page.click("main button[type=submit]")
    expect(page.locator("main")).to_contain_text("Herstelcodes")
    assert Authenticator.objects.filter(user=strict_member.user, type="totp").exists()

    page.goto(f"{live_server.url}/t/{strict_member.team.slug}/")
    expect(page).to_have_url(f"{live_server.url}/t/{strict_member.team.slug}/")
    page.close()
