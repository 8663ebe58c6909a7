from __future__ import annotations

import math
import time
from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import ngettext

from beraad.accounts import secrets

APP = "allauth.account"


class EncryptingMFAAdapter(DefaultMFAAdapter):
    """allauth's MFA adapter, with the TOTP secret and the recovery codes' seed encrypted at rest
    (``beraad.accounts.secrets``)."""

    def encrypt(self, text: str) -> str:
        return secrets.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secrets.decrypt(encrypted_text)


class InvitationOnlyAdapter(DefaultAccountAdapter):
    """No public sign-up: people join through a team admin's invitation link.

    Failed sign-ins are counted in the shared cache (settings.ACCOUNT_RATE_LIMITS), so every
    worker and server sees the same counts. allauth counts per account; here the account's
    count is kept per address as well, so someone guessing from one address slows only
    themselves, while a limit per account over all addresses still bounds a spread-out attack.
    """

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def _get_login_attempts_cache_key(self, request: HttpRequest, **credentials: Any) -> str:
        # allauth puts the site's domain in front, which without django.contrib.sites is the
        # Host header: a different port in it (still allowed by ALLOWED_HOSTS) would start a
        # fresh count. One installation serves one site, so the account alone is the key.
        return str(credentials.get("email", credentials.get("username", ""))).lower()

    def _throttle_keys(self, request: HttpRequest, **credentials: Any) -> list[tuple[str, str]]:
        account = self._get_login_attempts_cache_key(request, **credentials)
        address = ratelimit.get_ip(request)
        return [("login_failed", f"{address}|{account}"), ("login_failed_account", account)]

    def pre_authenticate(self, request: HttpRequest, **credentials: Any) -> None:
        # allauth's own version, with the second count: an attempt is counted before the
        # password is checked, and taken back again if it was right.
        keys = self._throttle_keys(request, **credentials)
        usage = ratelimit.RateLimitUsage(usage=[])
        for action, key in keys:
            consumed = ratelimit.consume(request, app=APP, action=action, key=key)
            if consumed is None:
                usage.rollback()
                raise ValidationError(
                    wait_message(seconds_to_wait(request, keys)), code="too_many_login_attempts"
                )
            usage.usage.extend(consumed.usage)
        self._login_failed_rl_usage = usage

    def _delete_login_attempts_cached_email(self, request: HttpRequest, **credentials: Any) -> None:
        # After a password reset the new password must work at once from here.
        for action, key in self._throttle_keys(request, **credentials):
            ratelimit.clear(request, app=APP, action=action, key=key)


def seconds_to_wait(request: HttpRequest, keys: list[tuple[str, str]]) -> float:
    """How long until every limit that is reached lets one attempt through again."""
    now = time.time()
    wait = 0.0
    for action, key in keys:
        for rate in ratelimit.get_rates(app=APP, action=action):
            history = cache.get(
                ratelimit.get_cache_key(request, app=APP, action=action, rate=rate, key=key), []
            )
            recent = [at for at in history if at > now - rate.duration]  # newest first
            if len(recent) >= rate.amount:
                wait = max(wait, recent[rate.amount - 1] + rate.duration - now)
    return wait


def wait_message(seconds: float) -> str:
    minutes = max(1, math.ceil(seconds / 60))
    return ngettext(
        "Too many failed attempts to sign in. Wait %(minutes)s minute, then try again.",
        "Too many failed attempts to sign in. Wait %(minutes)s minutes, then try again.",
        minutes,
    ) % {"minutes": minutes}
