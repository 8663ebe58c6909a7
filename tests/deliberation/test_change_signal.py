"""``deliberation_changed`` says whether a change only added items (beraad/deliberation/signals.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from beraad.accounts.models import Team
from beraad.deliberation import signals
from tests.factories import DeliberationFactory, ParticipantFactory, StakeholderFactory


@pytest.fixture
def heard() -> Iterator[list[dict[str, Any]]]:
    calls: list[dict[str, Any]] = []

    def listen(sender: Any, **kwargs: Any) -> None:
        calls.append({"sender": sender.__name__, **kwargs})

    signals.deliberation_changed.connect(listen, dispatch_uid="test-heard")
    yield calls
    signals.deliberation_changed.disconnect(dispatch_uid="test-heard")


def test_it_says_an_added_item_was_created_and_an_edit_was_not(
    team: Team, heard: list[dict[str, Any]]
) -> None:
    deliberation = DeliberationFactory(team=team)
    heard.clear()
    stakeholder = StakeholderFactory(deliberation=deliberation)
    stakeholder.perspective = "Anders"
    stakeholder.save()
    stakeholder.delete()
    assert [(c["sender"], c["created"]) for c in heard] == [
        ("Stakeholder", True),
        ("Stakeholder", False),
        ("Stakeholder", False),
    ]


def test_a_batch_is_created_only_if_every_change_in_it_was(
    team: Team, heard: list[dict[str, Any]]
) -> None:
    deliberation = DeliberationFactory(team=team)
    heard.clear()
    with signals.batched():
        ParticipantFactory(deliberation=deliberation)
        ParticipantFactory(deliberation=deliberation)
        stakeholder = StakeholderFactory(deliberation=deliberation)
        stakeholder.save()
    by_sender = {c["sender"]: c["created"] for c in heard}
    assert by_sender == {"Participant": True, "Stakeholder": False}
