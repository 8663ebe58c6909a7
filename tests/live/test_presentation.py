"""Presentation mode: the screen follows the facilitator and every change within one poll."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beraad.live.models import LiveSession
from beraad.live.views import clock
from tests.factories import (
    DeliberationFactory,
    OptionFactory,
    StakeholderFactory,
    ValueAtStakeFactory,
)

pytestmark = pytest.mark.django_db


def _urls(d: Any) -> dict[str, str]:
    kw = {"team": d.team.slug, "pk": d.pk}
    return {name: reverse(f"live:{name}", kwargs=kw) for name in ("present", "state", "control")}


def test_the_screen_answers_nothing_changed_until_something_does(
    client: Client, team: Any, member: Any, facilitator: Any
) -> None:
    d = DeliberationFactory(team=team, current_step="stakeholders")
    urls = _urls(d)
    client.force_login(member.user)
    page = client.get(urls["present"]).content.decode()
    version = LiveSession.objects.get(pk=d.pk).screen_version
    assert f"?v={version}" in page and 'hx-trigger="every 2s"' in page
    assert client.get(urls["state"], {"v": version}).status_code == 204
    StakeholderFactory(deliberation=d, label="de buurvrouw")  # recorded on someone's laptop
    changed = client.get(urls["state"], {"v": version})
    assert changed.status_code == 200 and "de buurvrouw" in changed.content.decode()
    # A member watches; only a facilitator moves the screen on.
    assert client.post(urls["control"], {"do": "next"}).status_code == 403
    client.force_login(facilitator.user)
    assert client.post(urls["control"], {"do": "next"}).status_code == 302
    session = LiveSession.objects.get(pk=d.pk)
    assert session.step == "values" and session.screen_version != version


def test_the_time_box_starts_pauses_and_grows(fclient: Client, team: Any) -> None:
    d = DeliberationFactory(team=team, current_step="case")
    urls = _urls(d)
    fclient.get(urls["present"])
    session = LiveSession.objects.get(pk=d.pk)
    full = session.remaining()
    assert full == 15 * 60 or full > 0
    fclient.post(urls["control"], {"do": "start"})
    LiveSession.objects.filter(pk=d.pk).update(
        timer_started_at=timezone.now() - timedelta(seconds=90)
    )
    fclient.post(urls["control"], {"do": "pause"})
    session.refresh_from_db()
    assert not session.running and session.timer_used >= 90
    assert session.remaining() <= full - 90
    fclient.post(urls["control"], {"do": "plus5"})
    session.refresh_from_db()
    assert session.timer_extra == 300
    fclient.post(urls["control"], {"do": "next"})
    session.refresh_from_db()
    assert session.timer_used == 0 and session.timer_extra == 0
    assert clock(65) == "1:05" and clock(-90) == "−1:30"


def test_the_state_reads_few_queries_when_nothing_changed(
    fclient: Client, team: Any, django_assert_max_num_queries: Any
) -> None:
    d = DeliberationFactory(team=team)
    urls = _urls(d)
    fclient.get(urls["present"])
    version = LiveSession.objects.get(pk=d.pk).screen_version
    with django_assert_max_num_queries(8):
        assert fclient.get(urls["state"], {"v": version}).status_code == 204


def test_a_member_follows_with_the_code_and_an_outsider_learns_nothing(
    client: Client, team: Any, member: Any, facilitator: Any, other_team: Any
) -> None:
    from tests.factories import MembershipFactory

    d = DeliberationFactory(team=team)
    client.force_login(facilitator.user)
    page = client.get(_urls(d)["present"]).content.decode()
    code = LiveSession.objects.get(pk=d.pk).join_code
    assert code and len(code) == 6 and code in page and "<svg" in page
    client.force_login(member.user)
    answer = client.post(reverse("live:join"), {"code": code.lower()})
    assert answer.status_code == 302 and answer["Location"] == reverse(
        "live:device", kwargs={"pk": d.pk}
    )
    client.force_login(MembershipFactory(team=other_team).user)
    refused = client.post(reverse("live:join"), {"code": code})
    unknown = client.post(reverse("live:join"), {"code": "ZZZZZZ"})
    assert refused.status_code == unknown.status_code == 400
    assert '<p class="error"' in refused.content.decode()
    message = refused.content.decode().split('id="id_code_error"')[1][:200]
    assert message == unknown.content.decode().split('id="id_code_error"')[1][:200]
    assert str(d.title) not in refused.content.decode()


def test_the_load_benchmark_refuses_a_database_not_said_to_be_a_throwaway(db: None) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="--yes"):
        call_command("live_benchmark")


def test_it_shows_options_and_values_of_no_party_before_the_table_exists(
    fclient: Client, team: Any
) -> None:
    """Whatever a device is told is on the screen is on it, also with nothing else recorded."""
    d = DeliberationFactory(team=team, current_step="options")
    OptionFactory(deliberation=d, title="Eerst met de zoon praten", description="Deze week")
    page = fclient.get(_urls(d)["present"]).content.decode()
    assert "Eerst met de zoon praten" in page and "Deze week" in page
    assert "De tabel verschijnt" not in page  # no empty table's placeholder on the wall
    LiveSession.objects.filter(pk=d.pk).update(step="values")
    ValueAtStakeFactory(deliberation=d, stakeholder=None, norm="dus we vragen het eerst")
    page = fclient.get(_urls(d)["present"]).content.decode()
    assert "Geen bepaalde partij" in page and "dus we vragen het eerst" in page
