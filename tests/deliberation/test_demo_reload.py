"""Running loaddemo again: these tests change the demo data, so each loads its own (the tests
that only read it share one load in test_demo.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.management import CommandError

from beraad.accounts.models import Membership, Organisation, OrganisationRole, Team, User
from beraad.deliberation.models import (
    Action,
    Deliberation,
    Option,
    Participant,
    Stakeholder,
    Value,
    ValueAtStake,
)
from tests.deliberation.test_demo import _debug, load  # noqa: F401 - _debug: as `make demo` runs it

pytestmark = pytest.mark.django_db


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            Team,
            User,
            Membership,
            OrganisationRole,
            Deliberation,
            Participant,
            Stakeholder,
            ValueAtStake,
            Option,
            Action,
            Value,
        )
    }


def test_it_does_not_duplicate_anything_when_run_twice() -> None:
    load()
    before = counts()
    output = load()
    assert counts() == before
    assert "facilitator@demo.beraad.test" in output


def test_it_starts_afresh_with_reset() -> None:
    load()
    before = counts()
    Deliberation.objects.filter(team__slug="noord").first().delete()  # type: ignore[union-attr]
    load("--reset")
    assert counts() == before
    assert Deliberation.objects.in_progress().count() == 1


def test_it_refuses_to_run_where_debug_is_off(settings: Any) -> None:
    settings.DEBUG = False
    with pytest.raises(CommandError, match="--i-know-this-is-not-production"):
        load()
    assert not User.objects.exists()
    assert not Organisation.objects.exists()


def test_it_makes_no_superuser_with_the_published_password_where_debug_is_off(
    settings: Any,
) -> None:
    settings.DEBUG = False
    output = load("--i-know-this-is-not-production")
    assert Deliberation.objects.exists()
    assert not User.objects.filter(is_superuser=True).exists()
    assert not User.objects.filter(is_staff=True).exists()
    assert "no staff superuser admin@demo.beraad.test" in output
