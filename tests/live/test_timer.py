"""The step's time box on the live session: start, pause and "+5 minutes", without the web."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from beraad.deliberation.method import STEPS_BY_SLUG
from beraad.deliberation.models import Deliberation
from beraad.live.models import LiveSession
from tests.factories import DeliberationFactory

pytestmark = pytest.mark.django_db

START = datetime.fromisoformat("2026-03-02T10:00:00+01:00")
BOX = STEPS_BY_SLUG["case"].minutes * 60


@pytest.fixture
def session(team: object) -> LiveSession:
    deliberation: Deliberation = DeliberationFactory(team=team, current_step="case")
    return LiveSession.for_deliberation(deliberation)


def _stored(session: LiveSession) -> LiveSession:
    return LiveSession.objects.get(pk=session.pk)


def test_it_starts_the_clock_and_tells_the_screens(session: LiveSession) -> None:
    session.start_timer(START)
    stored = _stored(session)
    assert stored.timer_started_at == START and stored.version == 2
    assert stored.remaining(START + timedelta(seconds=30)) == BOX - 30


def test_starting_a_running_clock_changes_nothing(session: LiveSession) -> None:
    session.start_timer(START)
    session.start_timer(START + timedelta(minutes=3))
    stored = _stored(session)
    assert stored.timer_started_at == START and stored.version == 2


def test_a_pause_keeps_the_time_used_and_a_restart_goes_on_from_there(
    session: LiveSession,
) -> None:
    session.start_timer(START)
    session.pause_timer(START + timedelta(seconds=90))
    stored = _stored(session)
    assert not stored.running and stored.timer_used == 90 and stored.version == 3
    assert stored.remaining(START + timedelta(hours=1)) == BOX - 90  # paused: time stands still
    session.start_timer(START + timedelta(minutes=10))
    session.pause_timer(START + timedelta(minutes=10, seconds=30))
    assert _stored(session).timer_used == 120


def test_pausing_a_paused_clock_changes_nothing(session: LiveSession) -> None:
    session.pause_timer(START)
    stored = _stored(session)
    assert stored.timer_used == 0 and stored.version == 1


def test_a_clock_set_back_never_gives_negative_time_used(session: LiveSession) -> None:
    session.start_timer(START)
    session.pause_timer(START - timedelta(seconds=30))
    assert _stored(session).timer_used == 0


def test_extending_adds_minutes_running_or_not(session: LiveSession) -> None:
    session.extend_timer(5)
    session.start_timer(START)
    session.extend_timer(5)
    stored = _stored(session)
    assert stored.timer_extra == 600 and stored.running and stored.version == 4
    assert stored.remaining(START) == BOX + 600


@pytest.mark.parametrize("minutes", [0, -5])
def test_it_refuses_to_shorten_the_time_box(session: LiveSession, minutes: int) -> None:
    with pytest.raises(ValueError):
        session.extend_timer(minutes)
    assert _stored(session).timer_extra == 0


def test_a_change_on_another_request_is_not_overwritten(session: LiveSession) -> None:
    """Only the timer's fields are written: a bump or a change made meanwhile stays."""
    LiveSession.objects.filter(pk=session.pk).update(contributions_open=True)
    LiveSession.bump(session.pk)
    session.start_timer(START)
    stored = _stored(session)
    assert stored.contributions_open and stored.version == 3
