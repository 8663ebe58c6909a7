from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.test import Client

from beraad.accounts.models import Membership, Role, Team, User
from tests.factories import DeliberationFactory, MembershipFactory, TeamFactory


@pytest.fixture
def team(db: None) -> Team:
    return TeamFactory()


@pytest.fixture
def other_team(db: None) -> Team:
    return TeamFactory()


@pytest.fixture
def member_of(team: Team) -> Callable[[str], Membership]:
    def make(role: str = Role.MEMBER, in_team: Team | None = None) -> Membership:
        return MembershipFactory(team=in_team or team, role=role)

    return make


@pytest.fixture
def login(client: Client) -> Callable[[User], Client]:
    def as_user(user: User) -> Client:
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def facilitator(member_of: Callable[[str], Membership]) -> Membership:
    return member_of(Role.FACILITATOR)


@pytest.fixture
def member(member_of: Callable[[str], Membership]) -> Membership:
    return member_of(Role.MEMBER)


@pytest.fixture
def deliberation(team: Team):  # type: ignore[no-untyped-def]
    return DeliberationFactory(team=team)


@pytest.fixture
def fclient(client: Client, facilitator: Membership) -> Client:
    """A client logged in as a facilitator of ``team``."""
    client.force_login(facilitator.user)
    return client


@pytest.fixture
def mclient(client: Client, member: Membership) -> Client:
    """A client logged in as a plain member of ``team``."""
    client.force_login(member.user)
    return client


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Real hashing is slow on purpose; tests only need it to be correct.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(scope="session", autouse=True)
def _flush_keeps_access_log_triggers() -> Iterator[None]:
    """Transactional tests empty the test database between tests (SQLite: DELETE, PostgreSQL:
    TRUNCATE), which the access log's append-only triggers refuse. Around that flush only, the
    triggers are taken away and put back, so every test still runs with them in place."""
    from django.db import connection

    from beraad.audit import triggers

    swaps = {
        "sqlite": (triggers.SQLITE_REMOVE, triggers.SQLITE_INSTALL),
        "postgresql": (triggers.POSTGRES_REMOVE, triggers.POSTGRES_INSTALL),
    }
    if connection.vendor not in swaps:
        yield
        return
    remove, install = swaps[connection.vendor]
    DatabaseOperations = type(connection.ops)
    original = DatabaseOperations.sql_flush

    def sql_flush(self: Any, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        statements = original(self, style, tables, **kwargs)
        if "audit_accesslog" in tables:
            return [*remove, *statements, *install]
        return statements

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
    yield
    DatabaseOperations.sql_flush = original  # type: ignore[method-assign]
