"""A library case's moves, without the web: each refusal raises, each move saves only its fields."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

import pytest
from django.utils import timezone, translation

from beraad.accounts.models import Team
from beraad.deliberation.models import Deliberation
from beraad.library import copying, services
from beraad.library.models import LibraryCase, LibraryRefusal
from tests.factories import DeliberationFactory, StakeholderFactory, UserFactory

pytestmark = pytest.mark.django_db

Status = LibraryCase.Status
CLEAN = "Een moeder belde het team over haar zoon."
NOW = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.get_fixed_timezone(60))


def _case(team: Team, status: str, **fields: Any) -> LibraryCase:
    return LibraryCase.objects.create(
        organisation=team.organisation,
        team=team,
        source_digest="a" * 64,
        title="Een moeder en haar zoon",
        case_description=CLEAN,
        status=status,
        **fields,
    )


def _changed(case: LibraryCase, move: Callable[[], object]) -> set[str]:
    """The columns whose stored value the move changed. A change made to the object beforehand
    but not part of the move (the title) must stay unsaved."""
    before: dict[str, Any] = dict(LibraryCase.objects.values().get(pk=case.pk))
    case.title = "Niet opgeslagen"
    move()
    after: dict[str, Any] = dict(LibraryCase.objects.values().get(pk=case.pk))
    return {name for name in before if before[name] != after[name]}


def _stored_status(case: LibraryCase) -> str:
    return LibraryCase.objects.values_list("status", flat=True).get(pk=case.pk)


def _proposed(team: Team) -> tuple[Deliberation, LibraryCase]:
    """A concluded deliberation and its library draft, rewritten so the final check is clean."""
    d = DeliberationFactory(team=team, title="Een moeder", case_description=CLEAN, consent="given")
    StakeholderFactory(deliberation=d, label="de moeder", kind="client")
    d.conclude(None)
    case = copying.make_draft(d, UserFactory())
    for name in LibraryCase.TEXT_FIELDS:
        setattr(case, name, "")
    case.title, case.case_description = "Een moeder en haar zoon", CLEAN
    case.save()
    return d, case


@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED])
def test_it_submits_a_draft_for_review(team: Team, status: str) -> None:
    case = _case(team, status)
    assert _changed(case, case.submit_for_review) == {"status"}
    assert _stored_status(case) == Status.IN_REVIEW


@pytest.mark.parametrize("status", [Status.IN_REVIEW, Status.APPROVED, Status.PUBLISHED])
def test_it_refuses_to_submit_a_case_that_is_no_longer_a_draft(team: Team, status: str) -> None:
    case = _case(team, status)
    with translation.override("nl"), pytest.raises(LibraryRefusal) as refused:
        case.submit_for_review()
    assert refused.value.message == "Er is niets gewijzigd: de casus is geen concept meer."
    assert _stored_status(case) == status


def test_a_refusal_speaks_the_persons_language(team: Team) -> None:
    case = _case(team, Status.PUBLISHED)
    with translation.override("en"), pytest.raises(LibraryRefusal) as refused:
        case.submit_for_review()
    assert refused.value.message == "Nothing was changed: the case is no longer a draft."


@pytest.mark.parametrize(
    ("verb", "status"), [("approve", Status.APPROVED), ("send_back", Status.RETURNED)]
)
def test_it_records_the_review_and_its_reviewer(team: Team, verb: str, status: str) -> None:
    case = _case(team, Status.IN_REVIEW)
    reviewer = UserFactory()
    move = getattr(case, verb)
    changed = _changed(case, lambda: move(reviewer=reviewer, comment="Leeftijd weglaten."))
    assert changed == {"status", "reviewed_by_id", "review_comment"}
    stored = LibraryCase.objects.get(pk=case.pk)
    assert stored.status == status and stored.reviewed_by == reviewer
    assert stored.review_comment == "Leeftijd weglaten."


@pytest.mark.parametrize("verb", ["approve", "send_back"])
@pytest.mark.parametrize("status", [Status.DRAFT, Status.RETURNED, Status.APPROVED])
def test_it_refuses_a_review_unless_the_case_waits_for_one(
    team: Team, verb: str, status: str
) -> None:
    case = _case(team, status)
    with translation.override("nl"), pytest.raises(LibraryRefusal) as refused:
        getattr(case, verb)(reviewer=UserFactory(), comment="Leeftijd weglaten.")
    assert refused.value.message == "Er is niets gewijzigd: de casus wacht niet op beoordeling."
    assert _stored_status(case) == status


def test_it_refuses_to_send_back_without_comments(team: Team) -> None:
    case = _case(team, Status.IN_REVIEW)
    with translation.override("nl"), pytest.raises(LibraryRefusal) as refused:
        case.send_back(reviewer=UserFactory(), comment="  ")
    assert refused.value.message.startswith("Zeg wat er moet veranderen")
    assert _stored_status(case) == Status.IN_REVIEW


def test_publishing_drops_every_way_back_to_the_source(team: Team) -> None:
    case = _case(team, Status.APPROVED)
    changed = _changed(case, lambda: case.publish(now=NOW))
    assert changed == {"status", "published_at", "team_id", "source_digest"}
    stored = LibraryCase.objects.get(pk=case.pk)
    assert stored.status == Status.PUBLISHED and stored.published_at == NOW
    assert stored.team_id is None and stored.source_digest == ""


def test_an_approved_case_goes_back_to_its_team(team: Team) -> None:
    case = _case(team, Status.APPROVED)
    assert _changed(case, case.return_to_proposer) == {"status"}
    assert _stored_status(case) == Status.RETURNED


@pytest.mark.parametrize("move", ["publish", "return_to_proposer"])
@pytest.mark.parametrize("status", [Status.DRAFT, Status.IN_REVIEW, Status.PUBLISHED])
def test_only_an_approved_case_is_published_or_returned_after_the_final_check(
    team: Team, move: str, status: str
) -> None:
    case = _case(team, status)
    arguments = {"now": NOW} if move == "publish" else {}
    with translation.override("nl"), pytest.raises(LibraryRefusal) as refused:
        getattr(case, move)(**arguments)
    assert refused.value.message.startswith("Alleen een casus die een tweede persoon")
    assert _stored_status(case) == status


def test_withdrawn_consent_stops_submission_review_and_publication(
    team: Team, facilitator: Any
) -> None:
    d, case = _proposed(team)
    d.withdraw_consent(facilitator.user)
    moves: dict[str, Callable[[], None]] = {
        Status.DRAFT: lambda: services.library_case_submit(case=case),
        Status.IN_REVIEW: lambda: services.library_case_review(
            case=case, reviewer=UserFactory(), comment="", send_back=False
        ),
        Status.APPROVED: lambda: services.library_case_publish(case=case, now=NOW),
    }
    for status, move in moves.items():
        LibraryCase.objects.filter(pk=case.pk).update(status=status)
        case.status = status
        with translation.override("nl"), pytest.raises(LibraryRefusal) as refused:
            move()
        assert "toestemming ingetrokken" in refused.value.message
        assert _stored_status(case) == status


def test_the_services_move_a_case_whose_source_allows_it(team: Team) -> None:
    _d, case = _proposed(team)
    services.library_case_submit(case=case)
    assert _stored_status(case) == Status.IN_REVIEW
    reviewer = UserFactory()
    services.library_case_review(case=case, reviewer=reviewer, comment="", send_back=False)
    assert _stored_status(case) == Status.APPROVED
    services.library_case_publish(case=case, now=NOW)
    stored = LibraryCase.objects.get(pk=case.pk)
    assert stored.status == Status.PUBLISHED and stored.reviewed_by == reviewer
    assert stored.team_id is None and stored.source_digest == ""


def test_a_case_no_longer_in_review_is_refused_before_its_source_is_asked(
    team: Team, facilitator: Any
) -> None:
    d, case = _proposed(team)
    d.withdraw_consent(facilitator.user)
    LibraryCase.objects.filter(pk=case.pk).update(status=Status.APPROVED)
    case.status = Status.APPROVED
    with translation.override("nl"), pytest.raises(LibraryRefusal) as refused:
        services.library_case_check_review(case=case)
    assert refused.value.message == "Er is niets gewijzigd: de casus wacht niet op beoordeling."


def test_publication_waits_for_the_full_check(team: Team, monkeypatch: pytest.MonkeyPatch) -> None:
    case = _case(team, Status.APPROVED)
    monkeypatch.setattr(copying, "findings", lambda _case: ({}, False))
    with translation.override("nl"), pytest.raises(LibraryRefusal) as refused:
        services.library_case_publish(case=case, now=NOW)
    assert refused.value.message.startswith("Niet gepubliceerd: de volledige controle start nog")
    assert _stored_status(case) == Status.APPROVED


def test_a_remaining_direct_identifier_refuses_publication_and_the_case_goes_back(
    team: Team,
) -> None:
    case = _case(team, Status.APPROVED, harm_a="Haar BSN 123456782 staat erin.")
    with translation.override("nl"), pytest.raises(LibraryRefusal) as refused:
        services.library_case_publish(case=case, now=NOW)
    assert refused.value.message.startswith(
        "Niet gepubliceerd: de laatste controle vindt nog 1 direct identificerend(e) gegeven(s) "
        "([BSN])."
    )
    # The refusal is raised after the return to the team was saved, not instead of it.
    stored = LibraryCase.objects.get(pk=case.pk)
    assert stored.status == Status.RETURNED and stored.published_at is None
