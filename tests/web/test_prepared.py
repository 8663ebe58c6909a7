"""Reads compiled once (beraad/web/prepared.py) give what the ORM gives, and refuse what they
cannot give the same way."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from beraad.accounts.models import Team
from beraad.deliberation.models import Deliberation, Participant
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
    assert len(built) == 1  # compiled once, with markers, not with anyone's values
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
    client.force_login(member.user)
    account = reverse("accounts:account")
    assert client.get(account).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(account)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
