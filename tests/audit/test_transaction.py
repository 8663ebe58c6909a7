"""A change is stored together with its access-log entry, or not at all."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import Role
from beraad.audit import chain
from beraad.audit.models import AccessLog
from beraad.deliberation.models import Deliberation, Stakeholder
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
TYPED = "De buurvrouw belt elke avond over het lawaai."


@pytest.fixture
def log_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    """The entry's write fails in the database itself, inside the change's transaction."""

    def broken_lock(using: str, **_options: Any) -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT * FROM audit_no_such_table")

    monkeypatch.setattr(chain, "lock", broken_lock)


def autosave_url(d: Deliberation) -> str:
    return reverse(
        "deliberation:autosave",
        kwargs={"team": d.team.slug, "pk": d.pk, "step": "case", "field": "case_description"},
    )


def step_url(d: Deliberation, step: str = "case") -> str:
    return reverse("deliberation:step", kwargs={"team": d.team.slug, "pk": d.pk, "step": step})


def test_it_stores_a_change_with_exactly_one_entry(
    fclient: Client, deliberation: Deliberation
) -> None:
    response = fclient.post(autosave_url(deliberation), {"case_description": TYPED}, **HTMX)
    assert response.status_code == 200
    deliberation.refresh_from_db()
    assert deliberation.case_description == TYPED
    logged = AccessLog.objects.get()
    assert (logged.action, logged.object_id, logged.outcome) == (
        "update",
        str(deliberation.pk),
        "ok",
    )
    assert logged.request_id == response["X-Request-ID"]


def test_it_stores_nothing_when_the_entry_cannot_be_written(
    fclient: Client, deliberation: Deliberation, log_fails: None
) -> None:
    response = fclient.post(autosave_url(deliberation), {"case_description": TYPED}, **HTMX)
    # htmx shows a failed save next to the field; the text stays in it (beraad.js).
    assert response.status_code == 503
    assert "niet opgeslagen" in response.content.decode()
    deliberation.refresh_from_db()
    assert deliberation.case_description == ""
    assert not AccessLog.objects.exists()


def test_it_offers_a_failed_form_post_again_as_it_was_sent(
    fclient: Client, deliberation: Deliberation, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_lock = chain.lock

    def broken_lock(using: str, **_options: Any) -> None:
        raise OperationalError("database is locked")

    monkeypatch.setattr(chain, "lock", broken_lock)
    response = fclient.post(step_url(deliberation), {"case_description": TYPED})
    page = response.content.decode()
    assert response.status_code == 503
    assert response["Cache-Control"] == "no-store"
    assert "Er ging iets mis: je wijziging is niet opgeslagen. Probeer het opnieuw." in page
    deliberation.refresh_from_db()
    assert deliberation.case_description == ""
    monkeypatch.setattr(chain, "lock", real_lock)  # the database answers again
    # "Opgeslagen" must not greet them on the next page.
    assert "Opgeslagen" not in fclient.get(step_url(deliberation)).content.decode()
    # The page holds a form that sends the same again, and now it is saved.
    action = re.search(r'<form method="post" action="([^"]+)"', page)
    assert action and unescape(action.group(1)) == step_url(deliberation)
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', page))
    assert unescape(fields["case_description"]) == TYPED
    again = fclient.post(action.group(1), {k: unescape(v) for k, v in fields.items()})
    assert again.status_code == 302
    deliberation.refresh_from_db()
    assert deliberation.case_description == TYPED
    assert AccessLog.objects.filter(action="update", outcome="ok").count() == 1


def test_it_creates_no_deliberation_without_its_entry(
    fclient: Client, team: Any, log_fails: None
) -> None:
    response = fclient.post(
        reverse("deliberation:create", kwargs={"team": team.slug}),
        {"title": "Nieuw beraad", "held_on": "2026-11-01"},
    )
    assert response.status_code == 503
    assert not Deliberation.objects.exists()
    assert not AccessLog.objects.exists()


def test_it_adds_no_item_without_its_entry(
    fclient: Client, deliberation: Deliberation, log_fails: None
) -> None:
    url = reverse(
        "deliberation:item_add",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "kind": "stakeholders"},
    )
    data = {"add-stakeholders-kind": "neighbour", "add-stakeholders-label": "de buurman"}
    assert fclient.post(url, data, **HTMX).status_code == 503
    assert not Stakeholder.objects.exists()


def test_it_answers_503_when_the_database_stays_locked(
    fclient: Client, deliberation: Deliberation, monkeypatch: pytest.MonkeyPatch
) -> None:
    from beraad.deliberation import views

    def locked(*args: Any, **kwargs: Any) -> Any:
        raise OperationalError("database is locked")

    monkeypatch.setattr(views, "get_deliberation", locked)
    response = fclient.post(autosave_url(deliberation), {"case_description": TYPED}, **HTMX)
    assert response.status_code == 503
    assert not AccessLog.objects.exists()


def test_it_logs_a_refused_change_after_rolling_it_back(
    client: Client, deliberation: Deliberation, other_team: Any
) -> None:
    client.force_login(MembershipFactory(team=other_team, role=Role.FACILITATOR).user)
    response = client.post(autosave_url(deliberation), {"case_description": TYPED}, **HTMX)
    assert response.status_code == 404
    logged = AccessLog.objects.get()
    assert (logged.outcome, logged.action) == ("denied", "update")


def test_it_sends_no_page_whose_read_could_not_be_logged(
    fclient: Client, deliberation: Deliberation, log_fails: None
) -> None:
    fclient.raise_request_exception = False
    deliberation.case_description = TYPED
    deliberation.save()
    response = fclient.get(step_url(deliberation))
    assert response.status_code == 500
    assert TYPED not in response.content.decode()


def test_it_keeps_searches_and_exports_outside_the_change_transaction(
    fclient: Client, deliberation: Deliberation, log_fails: None
) -> None:
    # A search by POST changes nothing: like a read, it is logged after the view (and here, where
    # the log fails, not shown).
    fclient.raise_request_exception = False
    url = reverse("deliberation:list", kwargs={"team": deliberation.team.slug})
    assert fclient.post(url, {"q": "lawaai"}).status_code == 500
