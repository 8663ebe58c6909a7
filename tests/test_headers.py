"""Response headers: CSP with nonces, no-store on case data, Permissions-Policy, HTTPS settings.

The URL walk (tests/test_url_access.py) asserts the same for every URL and visitor; these tests
cover what the walk does not reach (exports, PDFs, a guest's 204 poll, static files), show that the
nonce in the header is the one the page uses, and run ``check --deploy`` with the README's
production settings.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from beraad.deliberation.models import Theme
from beraad.lib.env import EnvError, env_header
from beraad.live.models import GuestInvite, LiveSession
from tests.factories import DeliberationFactory
from tests.headers import assert_private, csp_directives

ROOT = Path(settings.BASE_DIR)

pytestmark = pytest.mark.django_db


def nonce_of(response: Any) -> str:
    scripts = csp_directives(response)["script-src"]
    nonces = [s[len("'nonce-") : -1] for s in scripts if s.startswith("'nonce-")]
    assert len(nonces) == 1, scripts
    return nonces[0]


def assert_no_inline_code(html: str, nonce: str) -> None:
    """Every script is a file (or carries the nonce), no handler attribute, no style attribute."""
    for tag in re.findall(r"<script\b[^>]*>", html):
        assert "src=" in tag or f'nonce="{nonce}"' in tag, tag
    for tag in re.findall(r"<style\b[^>]*>", html):
        assert f'nonce="{nonce}"' in tag, tag
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", html)
    assert not re.search(r"<[^>]+\sstyle\s*=", html)
    assert "javascript:" not in html.lower()


def test_no_template_or_script_of_ours_brings_inline_code() -> None:
    """The pages the tests render are a sample; this reads every template and script."""
    templates = sorted((ROOT / "templates").rglob("*.html"))
    assert len(templates) > 50
    for path in templates:
        text = path.read_text(encoding="utf-8")
        where = path.relative_to(ROOT)
        for tag in re.findall(r"<script\b[^>]*>", text):
            assert "src=" in tag or 'nonce="{{ csp_nonce }}"' in tag, (where, tag)
        for tag in re.findall(r"<style\b[^>]*>", text):
            assert 'nonce="{{ csp_nonce }}"' in tag, (where, tag)
        assert not re.search(r"<[^>]*\son[a-z]+\s*=", text), where
        assert not re.search(r"<[^>]*\sstyle\s*=", text), where
        assert "javascript:" not in text.lower(), where
        assert not re.search(r"\s(data-)?hx-on", text), where
    for path in sorted((ROOT / "static").rglob("*.js")):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"\beval\(|new Function\(|setTimeout\(\s*[\"']", text), path


def test_a_step_page_gives_its_nonce_to_htmx_only_and_configures_htmx_for_the_policy(
    mclient: Client, deliberation: Any
) -> None:
    url = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "case"},
    )
    response = mclient.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert_private(response)
    nonce = nonce_of(response)
    assert re.search(
        rf'<script src="[^"]+/htmx-2\.min\.js" defer nonce="{re.escape(nonce)}">', html
    )
    assert_no_inline_code(html, nonce)
    config = re.search(r"<meta name=\"htmx-config\" content='([^']+)'>", html)
    assert config is not None
    assert '"allowEval": false' in config.group(1)
    assert '"includeIndicatorStyles": false' in config.group(1)
    assert '"allowScriptTags": false' in config.group(1)
    assert '"historyCacheSize": 0' in config.group(1)
    # A new nonce for every response: one seen in a page is worth nothing for the next.
    assert nonce_of(mclient.get(url)) != nonce


def test_the_policy_refuses_inline_code_framing_plugins_and_other_sites(mclient: Client) -> None:
    policy = csp_directives(mclient.get(reverse("home")))
    assert policy["default-src"] == ["'none'"]
    assert policy["script-src"][0] == "'self'" and len(policy["script-src"]) <= 2
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["img-src"] == ["'self'", "data:"]
    assert policy["connect-src"] == policy["form-action"] == ["'self'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["frame-ancestors"] == policy["object-src"] == ["'none'"]


def test_the_dashboards_charts_carry_the_pages_nonce_and_no_style_attribute(
    mclient: Client, team: Any
) -> None:
    DeliberationFactory(team=team).themes.add(*Theme.objects.all()[:2])
    response = mclient.get(reverse("insights:dashboard", kwargs={"team": team.slug}))
    html = response.content.decode()
    nonce = nonce_of(response)
    assert html.count('class="pygal-chart"') >= 1
    assert html.count(f'<style nonce="{nonce}" type="text/css">') == html.count(
        'class="pygal-chart"'
    )
    assert_no_inline_code(html, nonce)
    assert_private(response)


def test_the_presentation_screen_and_a_device_have_no_inline_code(
    fclient: Client, deliberation: Any
) -> None:
    kw = {"team": deliberation.team.slug, "pk": deliberation.pk}
    for url in (
        reverse("live:present", kwargs=kw),
        reverse("live:device", kwargs={"pk": deliberation.pk}),
    ):
        response = fclient.get(url)
        assert response.status_code == 200
        assert_private(response)
        assert_no_inline_code(response.content.decode(), nonce_of(response))


def test_the_print_report_styles_itself_with_the_nonce(fclient: Client, deliberation: Any) -> None:
    url = reverse("reports:session", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk})
    response = fclient.post(url, {"sections": ["case"], "print": "1"})
    assert response.status_code == 200
    nonce = csp_directives(response)["style-src"][-1][len("'nonce-") : -1]
    assert f'<style nonce="{nonce}">' in response.content.decode()
    assert_private(response)


def test_exports_pdfs_and_csvs_are_not_stored(fclient: Client, deliberation: Any) -> None:
    team = deliberation.team.slug
    kw = {"team": team, "pk": deliberation.pk}
    answers = {
        "json": fclient.get(reverse("deliberation:export", kwargs=kw)),
        "pdf": fclient.post(reverse("reports:session", kwargs=kw), {"sections": ["case"]}),
        "csv": fclient.post(reverse("reports:team", kwargs={"team": team}), {"actions_csv": "1"}),
    }
    types = {kind: response["Content-Type"] for kind, response in answers.items()}
    assert types["json"].startswith("application/json")
    assert types["pdf"] == "application/pdf"
    assert types["csv"].startswith("text/csv")
    for response in answers.values():
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert_private(response)


def test_a_guests_pages_and_an_unchanged_poll_are_not_stored(
    fclient: Client, deliberation: Any
) -> None:
    _invite, key = GuestInvite.issue(
        LiveSession.for_deliberation(deliberation), label="wijkagent", hours=4, by=None
    )
    guest = Client()
    link = reverse("live:guest", kwargs={"key": key})
    assert_private(guest.get(link))
    joined = guest.post(link, {"confidential": "on"})
    assert joined.status_code == 302
    assert_private(joined)
    page = guest.get(reverse("live:device", kwargs={"pk": deliberation.pk}))
    assert page.status_code == 200
    assert_private(page)
    poll = re.search(r'hx-get="([^"?]+)\?v=(\d+)', page.content.decode())
    assert poll is not None
    unchanged = guest.get(poll.group(1), {"v": poll.group(2)})
    assert unchanged.status_code == 204
    assert_private(unchanged)


def test_an_anonymous_visitor_and_an_error_page_are_not_stored(client: Client) -> None:
    login_page = client.get(reverse("account_login"))
    assert login_page.status_code == 200
    assert_private(login_page)
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert_private(missing)


def test_static_files_keep_their_own_caching(client: Client) -> None:
    response = client.get(settings.STATIC_URL + "js/beraad.js")
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
    assert "Content-Security-Policy" not in response


def test_permissions_policy_turns_off_devices_and_allows_passkeys_for_this_site(
    client: Client,
) -> None:
    header = client.get(reverse("account_login"))["Permissions-Policy"]
    features = dict(item.strip().split("=", 1) for item in header.split(","))
    for off in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert features[off] == "()"
    assert features["publickey-credentials-create"] == "(self)"
    assert features["publickey-credentials-get"] == "(self)"


def test_behind_a_proxy_https_is_enforced_and_announced(client: Client, settings: Any) -> None:
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    plain = client.get(reverse("account_login"))
    assert plain.status_code == 301 and plain["Location"].startswith("https://")
    secure = client.get(reverse("account_login"), headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    assert secure["Referrer-Policy"] == "same-origin"
    assert secure["Cross-Origin-Opener-Policy"] == "same-origin"
    assert secure["X-Frame-Options"] == "DENY"


def test_the_proxy_header_must_be_a_header_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto")
    assert env_header("SECURE_PROXY_SSL_HEADER") == "X-Forwarded-Proto"
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "X-Forwarded-Proto: https")
    with pytest.raises(EnvError, match="HTTP header name"):
        env_header("SECURE_PROXY_SSL_HEADER")


# --- check --deploy with the README's production settings, in a fresh process ---------------------


def readme_production_environment() -> dict[str, str]:
    """The ``NAME=value`` lines of the README's "Production settings" block."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Production settings", 1)[1]
    block = section.split("```sh", 1)[1].split("```", 1)[0]
    environment = {}
    for line in block.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, value = line.split("=", 1)
            environment[name] = value
    return environment


def run_in_production(
    tmp_path: Path, args: list[str], **changes: str | None
) -> subprocess.CompletedProcess[str]:
    environment = readme_production_environment()
    assert environment["SECRET_KEY"] == "…", "the README shows no real key"
    environment["SECRET_KEY"] = secrets.token_urlsafe(50)
    for name, value in changes.items():
        if value is None:
            environment.pop(name)
        else:
            environment[name] = value
    # Nothing from this test run (BERAAD_INSECURE_DEV_KEY, a test DATABASE_URL) leaks in.
    base = {name: os.environ[name] for name in ("PATH", "HOME", "LANG") if name in os.environ}
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=base | {"BERAAD_VAR_DIR": str(tmp_path)} | environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_readmes_production_settings(tmp_path: Path) -> None:
    environment = readme_production_environment()
    assert environment["DEBUG"] == "false"
    result = run_in_production(tmp_path, ["check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stdout + result.stderr


def test_check_deploy_fails_without_hsts_or_the_ssl_redirect(tmp_path: Path) -> None:
    result = run_in_production(
        tmp_path,
        ["check", "--deploy", "--fail-level", "WARNING"],
        SECURE_HSTS_SECONDS=None,
        SECURE_SSL_REDIRECT="false",
    )
    assert result.returncode != 0
    assert "security.W004" in result.stderr and "security.W008" in result.stderr


def test_the_environment_reaches_the_settings(tmp_path: Path) -> None:
    show = (
        "from django.conf import settings as s; print(s.SECURE_PROXY_SSL_HEADER, "
        "s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SECURE_HSTS_PRELOAD, "
        "s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)"
    )
    result = run_in_production(tmp_path, ["shell", "-v", "0", "-c", show])
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "('HTTP_X_FORWARDED_PROTO', 'https') 31536000 True True True True True False"
    )
    wrong = run_in_production(tmp_path, ["shell", "-v", "0", "-c", show], SECURE_SSL_REDIRECT="yes")
    assert wrong.returncode != 0
    assert "SECURE_SSL_REDIRECT must be 'true' or 'false'" in wrong.stderr
