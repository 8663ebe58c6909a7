"""Sessions end after 30 idle minutes and 12 hours in all, without a session write per request;
"sign out everywhere" ends every session of the person."""

from __future__ import annotations

import re
import time
from typing import Any
from urllib.parse import quote

import pytest
from django.contrib.auth.base_user import AbstractBaseUser
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from beraad.accounts.middleware import SEEN, STARTED
from beraad.live.models import GuestInvite, LiveSession
from tests.factories import PASSWORD, DeliberationFactory, MembershipFactory

pytestmark = pytest.mark.django_db


def shift(client: Client, **ago: int) -> None:
    """Move the session's noted times back: shift(client, seen=31 * 60)."""
    session = client.session
    for name, seconds in ago.items():
        key = {"seen": SEEN, "started": STARTED}[name]
        session[key] = session[key] - seconds
    session.save()


def session_writes(queries: Any) -> list[str]:
    return [q["sql"] for q in queries if re.match(r'\s*UPDATE\s+"django_session"', q["sql"])]


def test_it_signs_out_after_thirty_idle_minutes(mclient: Client, team: Any) -> None:
    page = reverse("deliberation:list", kwargs={"team": team.slug})
    assert mclient.get(page).status_code == 200
    shift(mclient, seen=29 * 60)
    assert mclient.get(page).status_code == 200  # 29 minutes: still there
    shift(mclient, seen=31 * 60)
    response = mclient.get(page)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    login_page = mclient.get(response["Location"])
    assert "omdat je 30 minuten niets hebt gedaan" in login_page.content.decode()
    assert mclient.get(page).status_code == 302  # and it stays ended


def test_it_tells_htmx_the_session_ended(mclient: Client, team: Any) -> None:
    d = DeliberationFactory(team=team)
    page = reverse("deliberation:step", kwargs={"team": team.slug, "pk": d.pk, "step": "case"})
    save = reverse(
        "deliberation:autosave",
        kwargs={"team": team.slug, "pk": d.pk, "step": "case", "field": "case_description"},
    )
    shift(mclient, seen=31 * 60)
    typed = mclient.post(save, {"case_description": "Nieuwe tekst."}, HTTP_HX_REQUEST="true")
    # Refused, not redirected: htmx keeps the text in the field and shows it was not saved.
    assert typed.status_code == 401 and "30 minuten" in typed.content.decode()
    d.refresh_from_db()
    assert d.case_description != "Nieuwe tekst."

    mclient.force_login(MembershipFactory(team=team).user)
    shift(mclient, seen=31 * 60)
    poll = reverse("live:state", kwargs={"team": team.slug, "pk": d.pk})
    answer = mclient.get(
        poll, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=f"http://testserver{page}"
    )
    assert answer.status_code == 200
    assert answer["HX-Redirect"] == f"/accounts/login/?next={quote(page, safe='')}"


def test_it_reads_the_idle_time_from_the_settings(
    mclient: Client, team: Any, settings: Any
) -> None:
    settings.BERAAD_SESSION_IDLE_MINUTES = 5
    page = reverse("deliberation:list", kwargs={"team": team.slug})
    shift(mclient, seen=6 * 60)
    assert mclient.get(page).status_code == 302


def test_it_signs_out_twelve_hours_after_signing_in_however_busy(
    mclient: Client, team: Any
) -> None:
    page = reverse("deliberation:list", kwargs={"team": team.slug})
    shift(mclient, started=11 * 3600 + 59 * 60)
    assert mclient.get(page).status_code == 200
    shift(mclient, started=2 * 60)  # now 12 hours and a minute ago; active a moment ago
    response = mclient.get(page, follow=True)
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")
    assert "meer dan 12 uur geleden hebt aangemeld" in response.content.decode()


def test_it_notes_activity_at_most_once_a_minute(mclient: Client, team: Any) -> None:
    """Live devices poll every two seconds: most requests must not write the session."""
    d = DeliberationFactory(team=team)
    poll = reverse("live:state", kwargs={"team": team.slug, "pk": d.pk})
    mclient.get(poll)
    with CaptureQueriesContext(connection) as quiet:
        for _ in range(5):
            assert mclient.get(poll).status_code == 200
    assert session_writes(quiet.captured_queries) == []
    assert not any("mfa_authenticator" in q["sql"] for q in quiet.captured_queries)

    shift(mclient, seen=61)
    before = mclient.session[SEEN]
    with CaptureQueriesContext(connection) as refreshed:
        assert mclient.get(poll).status_code == 200
    assert len(session_writes(refreshed.captured_queries)) == 1
    assert mclient.session[SEEN] >= before + 61


def test_it_keeps_a_session_busy_polling_alive(mclient: Client, team: Any) -> None:
    d = DeliberationFactory(team=team)
    poll = reverse("live:state", kwargs={"team": team.slug, "pk": d.pk})
    for _ in range(3):  # each poll ten idle minutes after the last one noted
        shift(mclient, seen=10 * 60)
        assert mclient.get(poll).status_code == 200
    assert time.time() - mclient.session[SEEN] < 60


def test_it_starts_the_clock_for_sessions_from_before_the_policy(
    client: Client, member: Any, team: Any
) -> None:
    client.force_login(member.user)
    session = client.session
    del session[STARTED], session[SEEN]
    session.save()
    assert client.get(reverse("deliberation:list", kwargs={"team": team.slug})).status_code == 200
    assert abs(client.session[STARTED] - time.time()) < 5


def test_it_ends_every_session_of_the_person_when_they_sign_out_everywhere(
    member: Any, team: Any
) -> None:
    page = reverse("deliberation:list", kwargs={"team": team.slug})
    laptop, phone, colleague = Client(), Client(), Client()
    laptop.force_login(member.user)
    phone.force_login(member.user)
    colleague.force_login(MembershipFactory(team=team).user)
    assert phone.get(page).status_code == 200

    account = laptop.get(reverse("accounts:account"))
    assert "Overal afmelden" in account.content.decode()
    response = laptop.post(reverse("accounts:sign_out_everywhere"), follow=True)
    assert "Je bent overal afgemeld" in response.content.decode()

    for device in (laptop, phone):
        gone = device.get(page)
        assert gone.status_code == 302 and gone["Location"].startswith("/accounts/login/")
    assert colleague.get(page).status_code == 200  # someone else's sessions are not touched
    # Signing in again works as ever.
    again = Client()
    login = again.post(reverse("account_login"), {"login": member.user.email, "password": PASSWORD})
    assert login.status_code == 302
    assert again.get(page).status_code == 200


def test_it_keeps_djangos_session_check_until_sign_out_everywhere_is_used(member: Any) -> None:
    """Sessions made before this change stay valid after the upgrade."""
    user = member.user
    assert user.get_session_auth_hash() == AbstractBaseUser.get_session_auth_hash(user)
    user.end_all_sessions()
    assert user.get_session_auth_hash() != AbstractBaseUser.get_session_auth_hash(user)


def test_it_requires_a_post_and_a_signed_in_person_to_sign_out_everywhere(
    mclient: Client,
) -> None:
    url = reverse("accounts:sign_out_everywhere")
    assert mclient.get(url).status_code == 405
    response = Client().post(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_guest_keeps_the_lifetime_but_has_no_idle_timeout(team: Any) -> None:
    d = DeliberationFactory(team=team)
    _invite, key = GuestInvite.issue(
        LiveSession.for_deliberation(d), label="wijkagent", hours=24, by=None
    )
    guest = Client()
    assert (
        guest.post(reverse("live:guest", kwargs={"key": key}), {"confidential": "on"}).status_code
        == 302
    )
    device = reverse("live:device", kwargs={"pk": d.pk})
    assert guest.get(device).status_code == 200
    shift(guest, seen=2 * 3600)  # the laptop slept through a long break
    assert guest.get(device).status_code == 200
    shift(guest, started=12 * 3600 + 60)  # the invitation still runs, the session does not
    response = guest.get(device)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
