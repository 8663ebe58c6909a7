"""Failed sign-ins are counted in the shared database cache: per address and account, per
address, and per account. A limit slows the guesser down for minutes and says how long; the
right password works again after that wait, and at once from another address."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from allauth.core.internal import ratelimit
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from beraad.accounts import adapters
from tests.factories import PASSWORD, UserFactory

WORKTREE = Path(__file__).resolve().parents[2]
WRONG = "not-the-password-at-all"


@pytest.fixture
def person(db: None) -> Any:
    return UserFactory()


@pytest.fixture
def committed_person(transactional_db: None) -> Iterator[Any]:
    """Someone other processes can see; the cache table outlives the test's flush."""
    cache.clear()
    yield UserFactory()
    cache.clear()


def sign_in(client: Client, email: str, password: str) -> Any:
    return client.post(reverse("account_login"), {"login": email, "password": password})


def from_address(address: str) -> Client:
    return Client(REMOTE_ADDR=address)


@contextmanager
def later(seconds: int) -> Iterator[None]:
    """Let the throttle believe `seconds` have passed (its clock only)."""
    real = time.time
    shifted = types.SimpleNamespace(
        time=lambda: real() + seconds, monotonic=time.monotonic, sleep=time.sleep
    )
    original = ratelimit.time, adapters.time
    ratelimit.time, adapters.time = shifted, shifted  # type: ignore[assignment]
    try:
        yield
    finally:
        ratelimit.time, adapters.time = original


def test_it_slows_a_guesser_without_locking_out_the_right_password(person: Any) -> None:
    guesser = from_address("192.0.2.10")
    for _ in range(5):
        response = sign_in(guesser, person.email, WRONG)
        assert response.status_code == 200 and "Te veel" not in response.content.decode()
    refused = sign_in(guesser, person.email, PASSWORD)  # even the right one, for now
    assert refused.status_code == 200
    assert "Te veel mislukte pogingen om je aan te melden. Wacht 1 minuut" in (
        refused.content.decode()
    )
    # The person themselves, at their own desk, is not locked out by someone else's guessing.
    assert sign_in(from_address("198.51.100.7"), person.email, PASSWORD).status_code == 302
    # And after the minute the guesser's address may try again: the right password works.
    with later(61):
        assert sign_in(guesser, person.email, PASSWORD).status_code == 302


def test_it_takes_back_the_count_of_a_right_password(person: Any) -> None:
    browser = from_address("192.0.2.11")
    for _ in range(4):
        sign_in(browser, person.email, WRONG)
    for _ in range(3):  # signing in and out all day does not use up the limit
        assert sign_in(browser, person.email, PASSWORD).status_code == 302
        browser.post(reverse("account_logout"))
    assert sign_in(browser, person.email, WRONG).status_code == 200
    assert "Te veel" in sign_in(browser, person.email, WRONG).content.decode()


def test_it_bounds_guesses_per_account_over_all_addresses(person: Any, settings: Any) -> None:
    settings.ACCOUNT_RATE_LIMITS = {
        **settings.ACCOUNT_RATE_LIMITS,
        "login_failed_account": "6/h/key",
    }
    for n in range(6):  # a spread-out attack: two guesses from each of three addresses
        assert (
            "Te veel"
            not in sign_in(
                from_address(f"203.0.113.{n // 2}"), person.email, WRONG
            ).content.decode()
        )
    refused = sign_in(from_address("203.0.113.99"), person.email, PASSWORD)
    assert refused.status_code == 200
    assert "Wacht 60 minuten" in refused.content.decode()


def test_it_bounds_guesses_per_address_over_all_accounts(person: Any) -> None:
    others = [UserFactory() for _ in range(20)]
    sprayer = from_address("192.0.2.12")
    for other in others:  # one guess each at twenty accounts
        sign_in(sprayer, other.email, WRONG)
    assert "Te veel" in sign_in(sprayer, person.email, PASSWORD).content.decode()
    assert sign_in(from_address("192.0.2.13"), person.email, PASSWORD).status_code == 302


def test_it_counts_the_second_factor_code_per_person(person: Any) -> None:
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    TOTP.activate(person, generate_totp_secret())
    browser = from_address("192.0.2.14")
    assert sign_in(browser, person.email, PASSWORD).status_code == 302
    url = reverse("mfa_authenticate")
    answers = [browser.post(url, {"code": "000000"}) for _ in range(6)]
    assert "Te veel" in answers[-1].content.decode()


def test_it_ignores_the_port_in_the_host_header(person: Any) -> None:
    """Without django.contrib.sites, allauth would key the count on the Host header."""
    request = RequestFactory().post("/", HTTP_HOST="localhost:1234", REMOTE_ADDR="192.0.2.15")
    other = RequestFactory().post("/", HTTP_HOST="localhost:4321", REMOTE_ADDR="192.0.2.15")
    adapter = adapters.InvitationOnlyAdapter()
    assert adapter._throttle_keys(request, email=person.email) == adapter._throttle_keys(
        other, email=person.email.upper()
    )


# --- Two server processes, one database -------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def database_environment() -> dict[str, str]:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return {"BERAAD_SQLITE_PATH": str(db["NAME"])}
    user = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return {"DATABASE_URL": f"postgres://{user}@{db['HOST']}:{db['PORT']}/{db['NAME']}"}


@contextmanager
def server(port: int) -> Iterator[None]:
    """A separate process serving the app (gunicorn, one worker), on the test database."""
    env = {
        **os.environ,
        **database_environment(),
        "DJANGO_SETTINGS_MODULE": "beraad.settings",
        "BERAAD_INSECURE_DEV_KEY": "true",
        "PYTHONPATH": str(WORKTREE),
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "gunicorn",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            # Django's own application, not beraad.wsgi: no need to load the personal-data
            # detector (most of a gigabyte) into two throwaway servers.
            "django.core.wsgi:get_wsgi_application()",
        ],
        cwd=WORKTREE,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            probe = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            try:
                probe.request("HEAD", "/")
                probe.getresponse()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    output = process.stderr.read().decode() if process.stderr else ""
                    raise RuntimeError(f"the server did not start: {output}") from None
                time.sleep(0.2)
            finally:
                probe.close()
        yield
    finally:
        process.terminate()
        process.wait(timeout=30)


class Browser:
    """Just enough of a browser for the login form: cookies and the CSRF token."""

    def __init__(self) -> None:
        self.cookies: dict[str, str] = {}

    def fetch(self, port: int, method: str, path: str, form: dict[str, str] | None = None) -> Any:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if form is not None:
            body = urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Referer"] = f"http://127.0.0.1:{port}{path}"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        response.text = response.read().decode()
        connection.close()
        return response

    def sign_in(self, port: int, email: str, password: str) -> Any:
        page = self.fetch(port, "GET", "/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        assert token, "the login form has a CSRF token"
        form = {"csrfmiddlewaretoken": token.group(1), "login": email, "password": password}
        return self.fetch(port, "POST", "/accounts/login/", form)


def test_it_counts_failures_across_two_server_processes(committed_person: Any) -> None:
    person = committed_person
    # The servers check passwords with the production hasher, not the tests' fast one.
    hasher = PBKDF2PasswordHasher()
    person.password = hasher.encode(PASSWORD, hasher.salt())
    person.save(update_fields=["password"])
    one, two = free_port(), free_port()
    with server(one), server(two):
        browser = Browser()
        for port in (one, one, one, two, two):  # three failures on one, two on the other
            answer = browser.sign_in(port, person.email, WRONG)
            assert answer.status == 200 and "Te veel" not in answer.text
        # Each process alone has seen fewer than five: only a shared count refuses now.
        refused = browser.sign_in(two, person.email, PASSWORD)
        assert refused.status == 200
        assert "Wacht 1 minuut" in refused.text
        assert "Te veel" in browser.sign_in(one, person.email, PASSWORD).text

        # A minute later (the stored attempts moved back one minute) the right password works.
        request = RequestFactory().post("/", REMOTE_ADDR="127.0.0.1")
        keys = adapters.InvitationOnlyAdapter()._throttle_keys(request, email=person.email)
        for action, key in keys:
            for rate in ratelimit.get_rates(app=adapters.APP, action=action):
                name = ratelimit.get_cache_key(
                    request, app=adapters.APP, action=action, rate=rate, key=key
                )
                history = cache.get(name)
                assert history, "both servers wrote to the one shared cache"
                cache.set(name, [at - 61 for at in history], rate.duration)
        signed_in = browser.sign_in(one, person.email, PASSWORD)
        assert signed_in.status == 302 and signed_in.getheader("Location") == "/"
