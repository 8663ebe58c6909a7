from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from importlib import resources
from io import StringIO
from typing import Any

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from beraad.accounts.models import Organisation, OrganisationRole, Role, Team, User
from beraad.deliberation import exchange
from beraad.deliberation.models import (
    Action,
    Deliberation,
    Outcome,
    Status,
    Value,
)
from tests.conftest import FAST_PASSWORD_HASHERS

PASSWORD = "demo-beraad-2026"


def cases() -> list[dict[str, Any]]:
    text = resources.files("beraad.deliberation.demo").joinpath("cases.json").read_text("utf-8")
    return json.loads(text)


@pytest.fixture(autouse=True)
def _debug(settings: Any) -> None:
    settings.DEBUG = True  # as `make demo` runs it


def load(*args: str) -> str:
    out = StringIO()
    call_command("loaddemo", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[str]:
    """The demo data, loaded once for the tests of this module that only read it; the output of
    the command. Each test runs in a savepoint inside this transaction, which is rolled back
    after the last one: nothing is left for other modules."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_PASSWORD_HASHERS, DEBUG=True):
                output = load()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    yield output
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


def test_it_has_valid_demo_documents() -> None:
    documents = cases()
    assert len(documents) >= 13
    for n, document in enumerate(documents):
        assert exchange.validate(document) == [], f"cases.json[{n}] {document.get('title')}"


def test_it_marks_only_the_last_document_as_unfinished() -> None:
    *finished, last = cases()
    assert all(doc["decision"]["outcome"] in ("decided", "insight") for doc in finished)
    assert last["stakeholders"]
    for section in ("values", "options", "choices", "decision", "actions", "evaluation"):
        assert section not in last


def test_it_leaves_dates_to_the_command() -> None:
    for document in cases():
        assert "held_on" not in document
        assert "follow_up_on" not in document.get("decision", {})


@pytest.mark.django_db
def test_it_loads_a_year_of_concluded_deliberations(demo: str) -> None:
    today = timezone.localdate()
    concluded = Deliberation.objects.concluded()
    assert concluded.count() >= 12
    assert all(today - timedelta(days=365) <= d.held_on <= today for d in concluded)
    months = {(d.held_on.year, d.held_on.month) for d in concluded}
    assert len(months) >= 9
    assert all(d.concluded_by is not None for d in concluded)
    assert not [d.pk for d in concluded if d.missing_for_conclusion()]


@pytest.mark.django_db
def test_it_leaves_exactly_one_deliberation_in_progress(demo: str) -> None:
    in_progress = Deliberation.objects.in_progress()
    assert in_progress.count() == 1
    deliberation = in_progress.get()
    assert deliberation.status == Status.IN_PROGRESS
    assert deliberation.current_step == "stakeholders"
    assert deliberation.held_on == timezone.localdate()
    assert deliberation.stakeholders.exists()
    assert not deliberation.values_at_stake.exists()
    assert not deliberation.options.exists()
    assert deliberation.outcome == Outcome.NONE


@pytest.mark.django_db
def test_it_creates_the_organisation_with_two_teams(demo: str) -> None:
    organisation = Organisation.objects.get(slug="gemeente-demostad")
    assert organisation.name == "Gemeente Demostad"
    teams = {team.slug: team for team in organisation.teams.all()}
    assert set(teams) == {"noord", "zuid"}
    noord, zuid = teams["noord"].deliberations.count(), teams["zuid"].deliberations.count()
    assert zuid > 0
    assert noord > zuid


@pytest.mark.django_db
def test_it_covers_every_role(demo: str) -> None:
    for team in Team.objects.filter(organisation__slug="gemeente-demostad"):
        roles = set(team.memberships.values_list("role", flat=True))
        assert roles == {role.value for role in Role}, team.slug
    both = User.objects.filter(memberships__team__slug="noord").filter(
        memberships__team__slug="zuid"
    )
    assert both.exists()
    trainer = OrganisationRole.objects.get(
        organisation__slug="gemeente-demostad", role=OrganisationRole.Kind.TRAINER
    )
    assert not trainer.user.memberships.exists()
    admin = User.objects.get(email="admin@demo.beraad.test")
    assert admin.is_staff and admin.is_superuser


@pytest.mark.django_db
def test_it_gives_every_demo_login_the_demo_password(demo: str) -> None:
    emails = list(
        User.objects.filter(email__endswith="@demo.beraad.test").values_list("email", flat=True)
    )
    assert len(emails) >= 8
    for email in emails:
        assert authenticate(username=email, password=PASSWORD) is not None, email


@pytest.mark.django_db
def test_it_has_open_and_overdue_actions(demo: str) -> None:
    today = timezone.localdate()
    assert Action.objects.open().exists()
    assert Action.objects.filter(done=True).exists()
    assert Action.objects.open().filter(due__lt=today).exists()
    assert not Action.objects.filter(due__isnull=True).exists()


@pytest.mark.django_db
def test_it_has_both_outcomes_and_follow_ups(demo: str) -> None:
    concluded = Deliberation.objects.concluded()
    decided = concluded.filter(outcome=Outcome.DECIDED)
    assert decided.exists()
    assert not decided.filter(chosen_option__isnull=True).exists()
    assert concluded.filter(outcome=Outcome.INSIGHT).count() >= 3
    for deliberation in concluded:
        assert deliberation.follow_up_on is not None
        weeks = (deliberation.follow_up_on - deliberation.held_on).days / 7
        assert 4 <= weeks <= 6


@pytest.mark.django_db
def test_it_creates_team_values_of_their_own(demo: str) -> None:
    assert Value.objects.filter(team__isnull=False, name="Hoop").exists()


@pytest.mark.django_db
def test_it_prints_the_logins(demo: str) -> None:
    output = demo
    assert "facilitator@demo.beraad.test" in output
    assert "admin@demo.beraad.test" in output
    assert "trainer" in output
    assert PASSWORD in output
