"""The admin: deliberations without any case text; library cases and the log itself read like
any other read, each page an access-log entry, and a change stored with its entry."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from beraad.audit import chain
from beraad.audit.models import AccessLog
from beraad.library.models import LibraryCase
from tests.factories import DeliberationFactory, StakeholderFactory, UserFactory

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Mevrouw Jansen en haar zoon"


@pytest.fixture
def staff(client: Client) -> Any:
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_it_lists_deliberations_without_their_title_or_any_other_text(
    client: Client, staff: Any, team: Any
) -> None:
    deliberation = DeliberationFactory(team=team, title=SECRET_TITLE, case_description="Zorg")
    StakeholderFactory(deliberation=deliberation, label="de zoon Jansen")
    listing = client.get("/admin/deliberation/deliberation/")
    assert listing.status_code == 200
    page = listing.content.decode()
    assert "Jansen" not in page and team.name in page
    # No page per deliberation: it would show the title (and the inlines their texts).
    for path in ("change", "history", "delete"):
        url = f"/admin/deliberation/deliberation/{deliberation.pk}/{path}/"
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "Jansen" not in response.content.decode()
    assert client.get("/admin/deliberation/deliberation/add/").status_code == 403


def test_it_logs_staff_reading_a_library_case_under_the_proposing_team(
    client: Client, staff: Any, team: Any
) -> None:
    case = LibraryCase.objects.create(
        organisation=team.organisation, team=team, title=SECRET_TITLE, status="published"
    )
    assert client.get("/admin/library/librarycase/").status_code == 200
    response = client.get(f"/admin/library/librarycase/{case.pk}/change/")
    assert SECRET_TITLE in response.content.decode()
    listing, opened = AccessLog.objects.order_by("id")
    assert (listing.action, listing.object_type, listing.object_id) == ("read", "library_case", "")
    assert (opened.action, opened.object_id, opened.team_id, opened.role) == (
        "read",
        str(case.pk),
        team.pk,
        "staff",
    )
    assert opened.user_id == staff.pk and opened.outcome == "ok"
    assert opened.request_id == response["X-Request-ID"]


def test_it_deletes_a_library_case_in_the_admin_with_its_entry_or_not_at_all(
    client: Client, staff: Any, team: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = LibraryCase.objects.create(
        organisation=team.organisation, team=team, title=SECRET_TITLE, status="published"
    )
    url = f"/admin/library/librarycase/{case.pk}/delete/"
    real_lock = chain.lock

    def broken_lock(using: str, **_options: Any) -> None:
        from django.db import OperationalError

        raise OperationalError("database is locked")

    monkeypatch.setattr(chain, "lock", broken_lock)
    assert client.post(url, {"post": "yes"}).status_code == 503
    assert LibraryCase.objects.filter(pk=case.pk).exists()
    monkeypatch.setattr(chain, "lock", real_lock)
    assert client.post(url, {"post": "yes"}).status_code == 302
    assert not LibraryCase.objects.filter(pk=case.pk).exists()
    deleted = AccessLog.objects.get(action="delete")
    assert (deleted.object_id, deleted.team_id) == (str(case.pk), team.pk)


def test_it_logs_staff_reading_the_access_log_itself(client: Client, staff: Any) -> None:
    assert client.get("/admin/audit/accesslog/").status_code == 200
    logged = AccessLog.objects.get()
    assert (logged.object_type, logged.action, logged.user_id) == ("access_log", "read", staff.pk)
    assert client.get(f"/admin/audit/accesslog/{logged.pk}/change/").status_code == 200
    assert AccessLog.objects.filter(object_id=str(logged.pk)).count() == 1


def test_it_writes_nothing_for_someone_the_admin_turns_away(client: Client, team: Any) -> None:
    client.force_login(UserFactory())
    assert client.get("/admin/library/librarycase/").status_code == 302
    assert not AccessLog.objects.exists()
