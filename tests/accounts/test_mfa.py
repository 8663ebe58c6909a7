"""An organisation may require a second factor: until someone has set one up, every page but the
set-up pages sends them to set-up. With one, or in an organisation without the requirement,
nothing changes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beraad.accounts.middleware import SEEN
from beraad.accounts.models import Organisation, Role
from beraad.audit.models import AccessLog
from tests.factories import PASSWORD, DeliberationFactory, MembershipFactory, UserFactory
from tests.test_url_access import RULES, _url
from tests.test_url_access import world as world  # the walk's people and objects (a fixture)

pytestmark = pytest.mark.django_db

SET_UP = "/accounts/2fa/"
# Choosing a language stays possible.
LEFT_OUT = {"set_language"}
ROLES = ["member", "facilitator", "team_admin", "outsider", "trainer", "coordinator"]


@pytest.fixture
def required(world: dict[str, Any], settings: Any) -> dict[str, Any]:
    settings.BERAAD_MFA_REQUIRED_DEFAULT = True
    Organisation.objects.update(mfa_required=True)
    return world


def now_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def request(client: Client, name: str, world: dict[str, Any]) -> Any:
    method, data, _expected, _logging = RULES[name]
    data = {k: v.format(**world["kwargs"]) if isinstance(v, str) else v for k, v in data.items()}
    return getattr(client, method)(_url(name, world), data)


@pytest.mark.parametrize("role", ROLES)
def test_it_sends_someone_without_a_second_factor_only_to_set_up(
    client: Client, required: dict[str, Any], role: str
) -> None:
    client.force_login(required["people"][role])
    before = AccessLog.objects.count()
    for name in sorted(set(RULES) - LEFT_OUT):
        response = request(client, name, required)
        assert (response.status_code, response.get("Location")) == (302, SET_UP), name
    assert client.get("/admin/").status_code == 302
    assert AccessLog.objects.count() == before  # no page was reached, not even to be refused
    page = client.get(SET_UP)
    assert page.status_code == 200
    assert "Je organisatie vraagt om een tweede stap" in page.content.decode()
    assert "Authenticator-app instellen" in page.content.decode()


def test_it_refuses_an_htmx_save_and_sends_other_htmx_requests_to_set_up(
    client: Client, required: dict[str, Any]
) -> None:
    client.force_login(required["people"]["member"])
    save = client.post(
        _url("deliberation:autosave", required), {"case_description": "x"}, HTTP_HX_REQUEST="true"
    )
    assert save.status_code == 403  # htmx keeps the text in the field and says it was not saved
    assert "tweede stap" in save.content.decode()
    poll = client.get(_url("live:state", required), HTTP_HX_REQUEST="true")
    assert poll.status_code == 200 and poll["HX-Redirect"] == SET_UP


def test_it_lets_the_set_up_pages_and_signing_out_through(
    client: Client, required: dict[str, Any]
) -> None:
    client.force_login(required["people"]["member"])
    for url in (SET_UP, reverse("mfa_activate_totp"), reverse("mfa_add_webauthn")):
        response = client.get(url)
        assert response.get("Location") != SET_UP, url
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.get("/static/css/beraad.css").status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert client.get(SET_UP).status_code == 302  # signed out: to the login page
    assert client.get(SET_UP)["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_people_with_an_authenticator_app_in(
    client: Client, required: dict[str, Any], role: str
) -> None:
    person = required["people"][role]
    TOTP.activate(person, generate_totp_secret())
    client.force_login(person)
    expected = RULES["deliberation:list"][2][role]
    assert request(client, "deliberation:list", required).status_code == expected
    for name in sorted(set(RULES) - LEFT_OUT):
        response = request(client, name, required)
        assert response.get("Location") != SET_UP, name
    assert request(client, "deliberation:list", required).status_code == expected  # still in


def test_it_counts_a_passkey_but_not_recovery_codes_alone(
    client: Client, required: dict[str, Any]
) -> None:
    person = required["people"]["member"]
    Authenticator.objects.create(user=person, type=Authenticator.Type.RECOVERY_CODES, data={})
    client.force_login(person)
    assert request(client, "deliberation:list", required)["Location"] == SET_UP
    Authenticator.objects.create(user=person, type=Authenticator.Type.WEBAUTHN, data={})
    client.force_login(person)
    assert request(client, "deliberation:list", required).status_code == 200


def test_it_leaves_an_organisation_without_the_requirement_alone(
    client: Client, world: dict[str, Any]
) -> None:
    assert not Organisation.objects.filter(mfa_required=True).exists()
    client.force_login(world["people"]["member"])
    assert request(client, "deliberation:list", world).status_code == 200
    assert request(client, "deliberation:detail", world).status_code == 200


def test_it_asks_a_team_of_another_organisation_nothing(client: Client, team: Any) -> None:
    strict = MembershipFactory(role=Role.MEMBER)
    Organisation.objects.filter(pk=strict.team.organisation_id).update(mfa_required=True)
    relaxed = MembershipFactory(team=team, role=Role.MEMBER)
    client.force_login(relaxed.user)
    assert client.get(reverse("deliberation:list", kwargs={"team": team.slug})).status_code == 200
    # Someone in both needs the second factor for everything, the relaxed team included.
    MembershipFactory(team=strict.team, user=relaxed.user)
    client.force_login(relaxed.user)
    response = client.get(reverse("deliberation:list", kwargs={"team": team.slug}))
    assert response["Location"] == SET_UP


def test_it_asks_staff_for_a_second_factor_when_set(client: Client, settings: Any) -> None:
    staff = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)
    assert client.get("/admin/").status_code == 200
    settings.BERAAD_MFA_REQUIRED_FOR_STAFF = True
    client.force_login(staff)
    assert client.get("/admin/")["Location"] == SET_UP


def test_it_notices_a_second_factor_turned_off_at_once_here_and_within_a_minute_elsewhere(
    required: dict[str, Any],
) -> None:
    person = required["people"]["member"]
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    here, elsewhere = Client(), Client()
    here.force_login(person)
    elsewhere.force_login(person)
    assert request(here, "deliberation:list", required).status_code == 200
    assert request(elsewhere, "deliberation:list", required).status_code == 200

    here.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    turned_off = here.post(reverse("mfa_deactivate_totp"), {"code": now_code(secret)})
    assert turned_off.status_code == 302
    assert not Authenticator.objects.filter(user=person, type="totp").exists()
    assert request(here, "deliberation:list", required)["Location"] == SET_UP
    # The other session decided less than a minute ago; at its next minute it decides again.
    assert request(elsewhere, "deliberation:list", required).status_code == 200
    session = elsewhere.session
    session[SEEN] -= 61
    session.save()
    assert request(elsewhere, "deliberation:list", required)["Location"] == SET_UP


def test_it_notices_the_requirement_switched_on_within_a_minute(mclient: Client, team: Any) -> None:
    page = reverse("deliberation:list", kwargs={"team": team.slug})
    assert mclient.get(page).status_code == 200
    Organisation.objects.filter(pk=team.organisation_id).update(mfa_required=True)
    session = mclient.session
    session[SEEN] -= 61
    session.save()
    assert mclient.get(page)["Location"] == SET_UP


def test_it_asks_the_database_nothing_extra_on_a_poll(
    client: Client, required: dict[str, Any]
) -> None:
    person = required["people"]["member"]
    TOTP.activate(person, generate_totp_secret())
    client.force_login(person)
    d = DeliberationFactory(team=required["people"]["member"].memberships.get().team)
    poll = reverse("live:state", kwargs={"team": d.team.slug, "pk": d.pk})
    client.get(poll)
    with CaptureQueriesContext(connection) as polled:
        assert client.get(poll).status_code == 200
    sql = " ".join(q["sql"] for q in polled.captured_queries)
    assert "mfa_authenticator" not in sql
    assert 'FROM "accounts_organisation"' not in sql
    assert "UPDATE" not in sql


def test_new_organisations_require_it_by_default_unless_told_otherwise(settings: Any) -> None:
    settings.BERAAD_MFA_REQUIRED_DEFAULT = True
    assert Organisation.objects.create(name="Gemeente A", slug="a").mfa_required
    settings.BERAAD_MFA_REQUIRED_DEFAULT = False
    assert not Organisation.objects.create(name="Gemeente B", slug="b").mfa_required


@pytest.mark.parametrize(("debug", "expected"), [("false", "True"), ("true", "False")])
def test_the_default_is_on_unless_debug(debug: str, expected: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "DEBUG": debug,
        "BERAAD_INSECURE_DEV_KEY": "true",
        "BERAAD_VAR_DIR": str(tmp_path),
        "DJANGO_SETTINGS_MODULE": "beraad.settings",
    }
    env.pop("BERAAD_MFA_REQUIRED_DEFAULT", None)
    env.pop("BERAAD_MFA_REQUIRED_FOR_STAFF", None)
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "from django.conf import settings as s;"
            "print(s.BERAAD_MFA_REQUIRED_DEFAULT, s.BERAAD_MFA_REQUIRED_FOR_STAFF)",
        ],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    ).stdout.split()
    assert out == [expected, expected]


def test_the_demo_needs_no_second_factor(client: Client, settings: Any) -> None:
    settings.BERAAD_MFA_REQUIRED_DEFAULT = True
    settings.DEBUG = True  # loaddemo runs on a development server only
    with open(os.devnull, "w") as quiet:
        call_command("loaddemo", stdout=quiet)
    assert not Organisation.objects.get(slug="gemeente-demostad").mfa_required
    response = client.post(
        reverse("account_login"),
        {"login": "facilitator@demo.beraad.test", "password": "demo-beraad-2026"},
        follow=True,
    )
    assert re.match(r"^/t/noord/", response.redirect_chain[-1][0])


def test_the_organisation_admin_shows_and_changes_the_setting(client: Client, team: Any) -> None:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    organisation = team.organisation
    url = reverse("admin:accounts_organisation_change", args=[organisation.pk])
    assert 'name="mfa_required"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "name": organisation.name,
            "slug": organisation.slug,
            "retention_months": organisation.retention_months,
            "mfa_required": "on",
        },
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.mfa_required


def test_the_admin_never_shows_a_second_factors_secret(client: Client) -> None:
    person = UserFactory()
    secret = generate_totp_secret()
    authenticator = TOTP.activate(person, secret).instance
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:mfa_authenticator_change", args=[authenticator.pk])
    page = client.get(url)
    assert page.status_code == 200 and str(person) in page.content.decode()
    assert secret not in page.content.decode()
    assert client.post(url, {"data": "{}"}).status_code == 403  # not editable
    delete = reverse("admin:mfa_authenticator_delete", args=[authenticator.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302  # a lost phone: removed
    assert not Authenticator.objects.filter(pk=authenticator.pk).exists()
