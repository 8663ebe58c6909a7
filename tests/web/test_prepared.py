"""Reads compiled once (beraad/web/prepared.py) give what the ORM gives, and refuse what they
cannot give the same way."""

from __future__ import annotations

import threading
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import F, Q
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from beraad.accounts.models import Team
from beraad.deliberation.models import Deliberation, Participant
from beraad.live.models import LiveSession
from beraad.privacy.models import Replacement
from beraad.web.prepared import Prepared
from beraad.web.sessions import SessionStore
from tests.factories import DeliberationFactory, ParticipantFactory


def _by_name(deliberation: int, name: str) -> Any:
    return Participant.objects.filter(deliberation_id=deliberation, name=name).values_list(
        "pk", "role"
    )


def test_it_gives_the_rows_the_orm_gives_for_each_set_of_values(team: Team) -> None:
    built: list[tuple[Any, ...]] = []

    def build(deliberation: int, name: str) -> Any:
        built.append((deliberation, name))
        return _by_name(deliberation, name)

    read = Prepared(build, int, str)
    first, second = DeliberationFactory(team=team), DeliberationFactory(team=team)
    for deliberation, name in [(first, "Ans"), (first, "Bas"), (second, "Ans")]:
        ParticipantFactory(deliberation=deliberation, name=name)
    for deliberation, name in [(first, "Ans"), (first, "Bas"), (second, "Ans"), (second, "Bas")]:
        assert read.rows(deliberation.pk, name) == list(_by_name(deliberation.pk, name))
    assert read.first(second.pk, "Bas") is None
    assert len(built) == 2  # compiled once (twice, to compare), with markers, not with values
    assert built[0][0] not in (first.pk, second.pk)


def test_it_puts_a_date_where_the_orm_would(team: Team) -> None:
    def build(pk: int, now: datetime) -> Any:
        return Deliberation.objects.filter(pk=pk, created_at__lt=now).values_list("pk")

    read = Prepared(build, int, datetime)
    deliberation = DeliberationFactory(team=team)
    assert read.first(deliberation.pk, timezone.now() + timedelta(minutes=1)) == (deliberation.pk,)
    assert read.first(deliberation.pk, deliberation.created_at - timedelta(minutes=1)) is None


def test_it_refuses_a_value_the_orm_changes_on_its_way(team: Team) -> None:
    read = Prepared(
        lambda name: Participant.objects.filter(name__contains=name).values_list("pk"), str
    )
    with pytest.raises(ValueError, match="changed"):
        read.rows("An")


def test_it_converts_columns_as_the_orm_does(team: Team) -> None:
    deliberation = DeliberationFactory(team=team)
    replacement = Replacement.objects.create(
        deliberation=deliberation, changes=[{"field": "title", "before": "x"}]
    )
    read = Prepared(
        lambda pk: Replacement.objects.filter(pk=pk).values_list("changes", "made_at"), int
    )
    assert read.rows(replacement.pk) == list(
        Replacement.objects.filter(pk=replacement.pk).values_list("changes", "made_at")
    )
    changes, made_at = read.rows(replacement.pk)[0]
    assert changes == [{"field": "title", "before": "x"}]
    assert isinstance(made_at, datetime)


def test_it_builds_instances_with_related_objects_and_annotations(team: Team) -> None:
    def build(pk: int) -> Any:
        return (
            Participant.objects.select_related("deliberation__team")
            .annotate(doubled=F("pk") * 2)
            .filter(deliberation_id=pk)
            .order_by("pk")
        )

    read = Prepared(build, int)
    deliberation = DeliberationFactory(team=team)
    ParticipantFactory(deliberation=deliberation, name="Ans")
    ParticipantFactory(deliberation=deliberation, name="Bas")
    made = read.objects(deliberation.pk)
    expected = list(build(deliberation.pk))
    assert [(p.pk, p.name, p.role, p.doubled) for p in made] == [
        (p.pk, p.name, p.role, p.doubled) for p in expected
    ]
    with CaptureQueriesContext(connection) as queries:
        assert [p.deliberation.team.slug for p in made] == [team.slug, team.slug]
        assert made[0].deliberation.held_on == deliberation.held_on  # a date, converted
        assert made[0].deliberation.created_at == expected[0].deliberation.created_at
    assert len(queries) == 0  # loaded with them, as select_related does
    assert not made[0]._state.adding
    assert read.first_object(deliberation.pk + 1000) is None


def test_it_refuses_a_queryset_of_a_related_manager(team: Team) -> None:
    deliberation = DeliberationFactory(team=team)
    read = Prepared(lambda name: deliberation.participants.filter(name=name), str)
    with pytest.raises(ValueError, match="manager"):
        read.objects("Ans")


@pytest.mark.parametrize("values", [("1",), (True,), (1, 2)])
def test_it_refuses_values_of_another_kind_or_number(db: None, values: tuple[Any, ...]) -> None:
    read = Prepared(lambda pk: Participant.objects.filter(pk=pk).values_list("pk"), int)
    with pytest.raises(TypeError):
        read.rows(*values)


def test_the_session_store_reads_a_session_in_one_query_and_not_an_expired_one(db: None) -> None:
    store = SessionStore()
    store["answer"] = 42
    store.save()
    with CaptureQueriesContext(connection) as queries:
        assert SessionStore(store.session_key).load() == {"answer": 42}
    assert len(queries) == 1
    # The prepared read selects the data only (Django's own store loads the whole row).
    assert queries[0]["sql"].startswith('SELECT "django_session"."session_data" AS')
    Session.objects.filter(pk=store.session_key).update(
        expire_date=timezone.now() - timedelta(seconds=1)
    )
    expired = SessionStore(store.session_key)
    assert expired.load() == {}
    assert expired.session_key is None  # a new one is made when something is stored
    assert SessionStore("x" * 32).load() == {}


def test_a_signed_in_person_stays_signed_in_until_the_session_expires(
    client: Client, member: Any
) -> None:
    assert settings.SESSION_ENGINE == "beraad.web.sessions"
    client.force_login(member.user)
    account = reverse("accounts:account")
    assert client.get(account).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(account)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_it_finds_nothing_for_an_int_beyond_the_database_range(db: None) -> None:
    read = Prepared(lambda pk: Participant.objects.filter(pk=pk).values_list("pk"), int)
    assert read.rows(10**25) == list(Participant.objects.filter(pk=10**25).values_list("pk"))


def test_it_refuses_a_value_used_twice_once_changed_on_its_way(db: None) -> None:
    read = Prepared(
        lambda name: Participant.objects.filter(Q(name=name) | Q(name__contains=name)).values_list(
            "pk"
        ),
        str,
    )
    with pytest.raises(ValueError, match="changed"):
        read.rows("An")


def test_it_keeps_a_condition_on_a_small_positive_field(team: Team) -> None:
    """Its markers are within every integer field's range, so the ORM drops no condition."""
    session = LiveSession.for_deliberation(DeliberationFactory(team=team))
    LiveSession.objects.filter(pk=session.pk).update(version=7)

    def build(pk: int, version: int) -> Any:
        return LiveSession.objects.filter(Q(pk=pk) | Q(version=version)).values_list("pk")

    read = Prepared(build, int, int)
    assert read.rows(session.pk + 1000, 7) == list(build(session.pk + 1000, 7)) == [(session.pk,)]


def test_it_refuses_sql_that_depends_on_the_values(db: None) -> None:
    def build(pk: int) -> Any:
        found = LiveSession.objects.filter(pk=pk)
        return (found if pk % 2 else found.filter(version=0)).values_list("pk")

    with pytest.raises(ValueError, match="depends on its values"):
        Prepared(build, int).rows(1)


def test_it_refuses_a_date_without_its_time_zone(db: None) -> None:
    read = Prepared(
        lambda now: Deliberation.objects.filter(created_at__lt=now).values_list("pk"), datetime
    )
    with pytest.raises(ValueError, match="time zone"):
        read.rows(datetime(2026, 1, 1, 12, 0))


@pytest.mark.parametrize(
    "build",
    [
        lambda pk: Deliberation.objects.filter(pk=pk).prefetch_related("participants"),
        lambda pk: (
            Participant.objects.filter(pk=pk).values_list("name").distinct().order_by("role")
        ),
    ],
)
def test_it_refuses_prefetching_and_columns_added_for_the_ordering(db: None, build: Any) -> None:
    with pytest.raises(ValueError, match=r"manager|extra columns"):
        Prepared(build, int).rows(1)


def test_a_statement_compiled_on_one_thread_runs_on_another(team: Team) -> None:
    deliberation = DeliberationFactory(team=team)
    read = Prepared(lambda pk: Deliberation.objects.select_related("team").filter(pk=pk)[:1], int)

    def compile_and_close() -> None:
        read.first_object(deliberation.pk)
        connection.close()

    thread = threading.Thread(target=compile_and_close)
    thread.start()
    thread.join()
    found = read.first_object(deliberation.pk)
    assert (found.pk, found.team.slug, found.held_on) == (
        deliberation.pk,
        team.slug,
        deliberation.held_on,
    )
