"""Running loaddemo again: these tests change the demo data, so each loads its own (the tests
that only read it share one load in test_demo.py)."""

from __future__ import annotations

import pytest

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
