from __future__ import annotations

import json
import logging
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beraad.accounts.models import Invitation, Role
from beraad.audit.models import AccessLog, AppendOnlyError
from beraad.deliberation.models import Deliberation
from beraad.live.models import GuestInvite, LiveSession
from tests.factories import (
    ActionFactory,
    DeliberationFactory,
    MembershipFactory,
    OptionFactory,
    StakeholderFactory,
)
from tests.test_url_access import RULES, all_patterns

pytestmark = pytest.mark.django_db

# POST fields that carry a choice or a key, not text a person typed.
NOT_TEXT = {"kind", "field", "item", "digest", "language", "next", "role", "add-stakeholders-kind"}


def entry(**fields: Any) -> AccessLog:
    defaults = {"action": "read", "object_type": "deliberation", "outcome": "ok"}
    return AccessLog.objects.create(**(defaults | fields))


def test_it_refuses_changes_from_the_application() -> None:
    logged = entry()
    logged.outcome = "denied"
    with pytest.raises(AppendOnlyError):
        logged.save()
    with pytest.raises(AppendOnlyError):
        logged.delete()
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.filter(pk=logged.pk).update(outcome="denied")
    with pytest.raises(AppendOnlyError):
        AccessLog.objects.all().delete()
    assert AccessLog.objects.get().outcome == "ok"


def test_it_refuses_changes_in_the_database_itself() -> None:
    logged = entry()
    table = AccessLog._meta.db_table
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET outcome = 'denied' WHERE id = %s", [logged.pk])  # noqa: S608
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE id = %s", [logged.pk])  # noqa: S608
    assert AccessLog.objects.filter(pk=logged.pk, outcome="ok").exists()


def test_it_purges_entries_older_than_five_years_only() -> None:
    old = entry(at=timezone.now() - timedelta(days=365 * 5 + 10))
    young = entry(at=timezone.now() - timedelta(days=365 * 4))
    call_command("purge_access_log", "--dry-run", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert AccessLog.objects.filter(pk=old.pk).exists()
    call_command("purge_access_log", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert not AccessLog.objects.filter(pk=old.pk).exists()
    assert AccessLog.objects.filter(pk=young.pk).exists()


def test_it_records_who_what_where_and_how_it_ended(client: Client, team: Any) -> None:
    member = MembershipFactory(team=team, role=Role.FACILITATOR)
    deliberation = DeliberationFactory(team=team)
    client.force_login(member.user)
    url = reverse("deliberation:detail", kwargs={"team": team.slug, "pk": deliberation.pk})
    response = client.get(url, REMOTE_ADDR="192.0.2.15")
    logged = AccessLog.objects.get()
    assert logged.user_id == member.user.pk
    assert logged.user_email == member.user.email
    assert (logged.team_id, logged.team_slug, logged.role) == (team.pk, team.slug, "facilitator")
    assert (logged.action, logged.object_type, logged.object_id) == (
        "read",
        "deliberation",
        str(deliberation.pk),
    )
    assert logged.outcome == "ok"
    assert logged.origin == "192.0.2.15"
    assert logged.request_id == response["X-Request-ID"]
    assert abs((timezone.now() - logged.at).total_seconds()) < 60
    assert logged.at.utcoffset() == timedelta(0)


def test_it_logs_a_denied_attempt_from_another_team(
    client: Client, team: Any, other_team: Any
) -> None:
    deliberation = DeliberationFactory(team=team)
    client.force_login(MembershipFactory(team=other_team).user)
    client.get(reverse("deliberation:detail", kwargs={"team": team.slug, "pk": deliberation.pk}))
    logged = AccessLog.objects.get()
    assert logged.outcome == "denied"
    assert logged.object_id == str(deliberation.pk)
    assert logged.role == ""


def test_it_logs_a_created_deliberation_with_its_id(client: Client, team: Any) -> None:
    client.force_login(MembershipFactory(team=team, role=Role.FACILITATOR).user)
    client.post(
        reverse("deliberation:create", kwargs={"team": team.slug}),
        {"title": "Nieuw", "held_on": "2026-11-01"},
    )
    created = Deliberation.objects.get()
    logged = AccessLog.objects.get()
    assert (logged.action, logged.object_id) == ("create", str(created.pk))


def test_it_shows_a_team_admin_the_teams_log_with_filters(
    client: Client, team: Any, other_team: Any
) -> None:
    admin = MembershipFactory(team=team, role=Role.TEAM_ADMIN).user
    colleague = MembershipFactory(team=team).user
    entry(
        team_id=team.pk,
        user_id=colleague.pk,
        user_email=colleague.email,
        action="export",
        object_id="41",
    )
    entry(
        team_id=team.pk,
        user_id=colleague.pk,
        user_email=colleague.email,
        action="read",
        object_id="42",
        at=timezone.now() - timedelta(days=40),
    )
    entry(team_id=other_team.pk, user_email="elders@example.test", action="read", object_id="43")
    client.force_login(admin)
    url = reverse("accounts:team_log", kwargs={"team": team.slug})
    page = client.get(url).content.decode()
    assert "#41" in page and "#42" in page
    assert "elders@example.test" not in page
    filtered = client.get(url, {"person": colleague.pk, "action": "export"}).content.decode()
    assert "#41" in filtered and "#42" not in filtered
    recent = client.get(
        url, {"start": (timezone.localdate() - timedelta(days=7)).isoformat()}
    ).content.decode()
    assert "#41" in recent and "#42" not in recent
    reads = AccessLog.objects.filter(object_type="access_log", user_id=admin.pk)
    assert reads.count() == 3


# A team member's own device form, shown again with its message: the deliberation's options and
# title are theirs to read on it (the form lists the options). Outsiders' answers are still checked.
OWN_DEVICE_FORMS = {"live:device_choice", "live:device_rating", "live:device_contribute"}


def test_it_keeps_case_text_out_of_logs_and_error_pages(
    client: Client, team: Any, other_team: Any, caplog: pytest.LogCaptureFixture
) -> None:
    canary = "KANARIE-d41f"
    caplog.set_level(logging.DEBUG)
    deliberation = DeliberationFactory(
        team=team,
        title=f"Titel {canary}",
        case_description=canary,
        dilemma_question=canary,
        option_a=canary,
        harm_a=canary,
        option_b=canary,
        harm_b=canary,
        rationale=canary,
        learned=canary,
    )
    stakeholder = StakeholderFactory(deliberation=deliberation, label=canary, perspective=canary)
    OptionFactory(deliberation=deliberation, title=canary, description=canary)
    facilitator = MembershipFactory(team=team, role=Role.FACILITATOR).user
    outsider = MembershipFactory(team=other_team, role=Role.FACILITATOR).user
    kw = {"team": team.slug, "pk": deliberation.pk}
    walk_kwargs = kw | {
        "step": "case",
        "field": "case_description",
        "kind": "stakeholders",
        "item": stakeholder.pk,
        "token": Invitation.objects.create(team=team, email="new@example.test").token,
        "organisation": team.organisation.slug,
    }
    invite, walk_kwargs["key"] = GuestInvite.issue(
        LiveSession.for_deliberation(deliberation), label="wijkagent", hours=1, by=None
    )
    walk_kwargs["guest"] = invite.pk
    ActionFactory(deliberation=deliberation, what=canary, done_note=canary)
    urls = [
        reverse("deliberation:list", kwargs={"team": team.slug}),
        reverse("deliberation:detail", kwargs=kw),
        reverse("deliberation:export", kwargs=kw),
        reverse("deliberation:conclude", kwargs=kw),
        reverse("deliberation:delete", kwargs=kw),
        *(
            reverse("deliberation:step", kwargs=kw | {"step": s})
            for s in [
                "opening",
                "case",
                "dilemma",
                "stakeholders",
                "values",
                "options",
                "decision",
                "evaluation",
            ]
        ),
        reverse(
            "deliberation:item_edit", kwargs=kw | {"kind": "stakeholders", "item": stakeholder.pk}
        ),
        reverse("insights:dashboard", kwargs={"team": team.slug}),
        reverse("insights:actions", kwargs={"team": team.slug}) + "?state=all",
    ]
    error_pages: list[str] = []
    for person in (facilitator, outsider):
        client.force_login(person)
        for url in urls:
            response = client.get(url)
            if response.status_code >= 400:
                error_pages.append(response.content.decode())
        # A search for the canary: the words come by POST and are never logged.
        client.post(reverse("deliberation:list", kwargs={"team": team.slug}), {"q": canary})
        too_long = canary * 100
        client.post(
            reverse(
                "deliberation:autosave",
                kwargs=kw | {"step": "dilemma", "field": "dilemma_question"},
            ),
            {"dilemma_question": too_long},
        )
        client.post(
            reverse("deliberation:item_add", kwargs=kw | {"kind": "options"}),
            {"add-options-title": canary},
        )
        bad = json.dumps(
            {
                "format": "beraad.deliberation/1",
                "title": canary * 50,
                "dilemma": {"question": canary, "owner": [canary]},
                canary: canary,
            }
        )
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(
            reverse("deliberation:import", kwargs={"team": team.slug}),
            {"document": SimpleUploadedFile("x.json", bad.encode())},
        )
        if person == facilitator:
            import_page = response.content.decode()
            assert "$.title" in import_page
            assert canary not in import_page.split('id="import-errors"')[1].split("</div>")[
                0
            ].replace(f"Dit veld kent Beraad niet: {canary}", "")
        # And every URL pattern the URL walk knows, with the canary in whatever text it sends.
        for name, (method, data, _expected, _logging) in RULES.items():
            route = next(r for n, r in all_patterns() if n == name)
            url_kwargs = {k: v for k, v in walk_kwargs.items() if f":{k}>" in route}
            sent = {
                k: v if k in NOT_TEXT else f"{v} {canary}"
                for k, v in data.items()
                if isinstance(v, str)
            }
            sent = {k: v.replace("{item}", str(stakeholder.pk)) for k, v in sent.items()}
            response = getattr(client, method)(reverse(name, kwargs=url_kwargs), sent)
            if response.status_code >= 400 and not (
                person == facilitator and name in OWN_DEVICE_FORMS
            ):
                error_pages.append(response.content.decode())
    deliberation.conclude(facilitator)
    client.force_login(facilitator)
    refused = client.post(
        reverse("deliberation:step", kwargs=kw | {"step": "case"}), {"case_description": canary}
    )
    assert refused.status_code == 403
    error_pages.append(refused.content.decode())
    assert error_pages
    for page in error_pages:
        assert canary not in page
    assert canary not in caplog.text
    for row in AccessLog.objects.values():
        assert canary not in json.dumps(row, default=str)
