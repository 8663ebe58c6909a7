from __future__ import annotations

import io
from datetime import timedelta
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.utils import timezone

from beraad.audit.models import AccessLog
from beraad.deliberation.models import (
    Action,
    CaseQuestion,
    Deliberation,
    OptionEffect,
    Stakeholder,
    Theme,
    Value,
    ValueAtStake,
)
from beraad.privacy.models import Dismissal, Pseudonym
from tests.factories import (
    ActionFactory,
    DeliberationFactory,
    OptionFactory,
    StakeholderFactory,
    ready_to_conclude,
)

pytestmark = pytest.mark.django_db

SECRET = "Mevrouw Geheim woont om de hoek"


def concluded_case(**extra: Any) -> Deliberation:
    deliberation = DeliberationFactory(case_description=SECRET, rationale=SECRET, **extra)
    deliberation.themes.add(Theme.objects.get(slug="carer-burden"))
    ready_to_conclude(deliberation)
    stakeholder = StakeholderFactory(
        deliberation=deliberation, kind="informal-carer", label=SECRET, perspective=SECRET
    )
    trust = Value.objects.get(team=None, slug="trust")
    ValueAtStake.objects.create(
        deliberation=deliberation, stakeholder=stakeholder, value=trust, norm=SECRET
    )
    option = OptionFactory(deliberation=deliberation, title=SECRET, description=SECRET)
    OptionEffect.objects.create(option=option, value=trust, effect="harms")
    CaseQuestion.objects.create(deliberation=deliberation, question=SECRET, answer=SECRET)
    ActionFactory(deliberation=deliberation, what=SECRET, who="de wijkverpleegkundige", done=True)
    ActionFactory(deliberation=deliberation, what=SECRET)
    deliberation.conclude(None)
    return deliberation


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def later(days: int) -> Any:
    return mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + timedelta(days=days)
    )


def test_it_keeps_texts_within_the_retention_period() -> None:
    deliberation = concluded_case()
    with later(23 * 30):
        output = run()
    deliberation.refresh_from_db()
    assert "0 deliberation" in output
    assert deliberation.case_description == SECRET


def test_it_erases_texts_after_the_period_and_keeps_the_statistics() -> None:
    deliberation = concluded_case()
    in_progress = DeliberationFactory(case_description=SECRET)
    Pseudonym.objects.create(
        deliberation=deliberation, kind="name", digest="a" * 64, label="persoon A"
    )
    Dismissal.objects.create(deliberation=deliberation, digest="b" * 64)
    with later(25 * 31):
        output = run()
    deliberation.refresh_from_db()
    assert not Pseudonym.objects.filter(deliberation=deliberation).exists()
    assert not Dismissal.objects.filter(deliberation=deliberation).exists()
    assert "1 deliberation" in output
    assert SECRET not in output
    assert deliberation.erased_at is not None
    for field in ("case_description", "rationale", "dilemma_question", "option_a"):
        assert getattr(deliberation, field) == ""
    assert SECRET not in deliberation.title
    assert not Stakeholder.objects.filter(label=SECRET).exists()
    assert not CaseQuestion.objects.filter(question=SECRET).exists()
    assert not ValueAtStake.objects.filter(norm=SECRET).exists()
    assert not Action.objects.filter(what=SECRET).exists()
    # What statistics need stays.
    assert deliberation.outcome == "decided"
    assert [t.slug for t in deliberation.themes.all()] == ["carer-burden"]
    assert list(deliberation.stakeholders.values_list("kind", flat=True)) == ["informal-carer"]
    assert list(deliberation.values_at_stake.values_list("value__slug", flat=True)) == ["trust"]
    assert (
        OptionEffect.objects.filter(option__deliberation=deliberation, effect="harms").count() == 1
    )
    assert deliberation.actions.count() == 2
    assert deliberation.actions.filter(done=True).count() == 1
    in_progress.refresh_from_db()
    assert in_progress.case_description == SECRET
    assert AccessLog.objects.filter(action="erase", object_id=str(deliberation.pk)).count() == 1


def test_it_only_counts_in_a_dry_run() -> None:
    deliberation = concluded_case()
    with later(25 * 31):
        output = run("--dry-run")
    deliberation.refresh_from_db()
    assert "Would erase the texts of 1 deliberation" in output
    assert "deliberation.case_description: 1" in output
    assert deliberation.case_description == SECRET
    assert deliberation.erased_at is None


def test_it_follows_each_organisations_period() -> None:
    short = concluded_case()
    short.team.organisation.retention_months = 6
    short.team.organisation.save()
    normal = concluded_case()
    with later(7 * 31):
        run()
    short.refresh_from_db()
    normal.refresh_from_db()
    assert short.erased_at is not None
    assert normal.erased_at is None


def test_it_erases_only_once() -> None:
    concluded_case()
    with later(25 * 31):
        run()
        assert "0 deliberation" in run()
