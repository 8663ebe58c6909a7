from __future__ import annotations

import contextlib
import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.conf import settings as django_settings
from django.core.cache import caches
from django.core.cache.backends.db import DatabaseCache
from django.test import Client
from django.utils import translation

from beraad.accounts.models import Membership, Role, Team, User
from beraad.privacy import detector
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


FAST_PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings: Any) -> None:
    # Real hashing is slow on purpose; tests only need it to be correct.
    settings.PASSWORD_HASHERS = FAST_PASSWORD_HASHERS


@pytest.fixture(scope="session", autouse=True)
def _personal_data_detector_loaded() -> None:
    """deduce is loaded once, before the first test, as a server loads it before it answers
    (wsgi.py, in gunicorn's master).

    The one place for the whole run: every test sees the full check (deduce and the own rules),
    whichever tests ran before it. A test of a server without deduce (``runserver`` before the
    first build) asks for ``deduce_not_ready``."""
    with warnings.catch_warnings():
        # pygal's import hook (an old-style finder) warns at each import after pygal's own.
        warnings.filterwarnings("ignore", "PluginImportFixer", ImportWarning)
        detector.load_deduce()


@pytest.fixture
def deduce_not_ready(monkeypatch: pytest.MonkeyPatch) -> None:
    """A development server before deduce's first build is done: a web check uses the own rules
    alone (deduce is loaded in this process already, see above, but the check acts as without)."""
    monkeypatch.setattr(detector, "deduce_ready", lambda: False)
    monkeypatch.setattr(detector, "_load_in_development", lambda: False)


@pytest.fixture(autouse=True)
def _no_state_left_for_the_next_test() -> Iterator[None]:
    """What a test leaves in this process's shared state is undone, so no test depends on which
    tests ran before it: the caches (charts in the process's memory; django-allauth's rate-limit
    counters in the database cache, filled by the requests of a test) and the language (the
    locale middleware activates the request's language in the test's thread and leaves it
    active after the response)."""
    yield
    for alias in django_settings.CACHES:
        backend = caches[alias]
        if isinstance(backend, DatabaseCache):
            # Without database access, this test cannot have written to it.
            with contextlib.suppress(RuntimeError):
                backend.clear()
        else:
            backend.clear()
    translation.deactivate()


@pytest.fixture(scope="session", autouse=True)
def _flush_keeps_access_log_triggers() -> Iterator[None]:
    """Transactional tests empty the test database between tests (SQLite with DELETE, PostgreSQL
    with TRUNCATE), which the access log's append-only triggers refuse. Around that flush only,
    the triggers are taken away and put back, so every test still runs with them in place."""
    from django.db import connection

    from beraad.audit import triggers

    if connection.vendor == "sqlite":
        from django.db.backends.sqlite3.base import DatabaseWrapper

        remove, install = triggers.SQLITE_REMOVE, triggers.SQLITE_INSTALL
    else:
        from django.db.backends.postgresql.base import (  # type: ignore[no-redef]
            DatabaseWrapper,
        )

        remove, install = triggers.POSTGRES_REMOVE, triggers.POSTGRES_INSTALL

    DatabaseOperations = DatabaseWrapper.ops_class

    original = DatabaseOperations.sql_flush

    def sql_flush(self: Any, style: Any, tables: Any, **kwargs: Any) -> list[str]:
        statements = original(self, style, tables, **kwargs)
        if "audit_accesslog" in tables:
            return [*remove, *statements, *install]
        return statements

    DatabaseOperations.sql_flush = sql_flush  # type: ignore[method-assign]
    yield
    DatabaseOperations.sql_flush = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True)
def _no_second_factor_unless_asked(settings: Any) -> None:
    """Tests sign in with force_login and no second factor. Production's default (an
    organisation requires one, and so does staff) is tested where it matters:
    tests/accounts/test_mfa.py turns it back on."""
    settings.BERAAD_MFA_REQUIRED_DEFAULT = False
    settings.BERAAD_MFA_REQUIRED_FOR_STAFF = False


@pytest.fixture
def run_tasks(db: None, monkeypatch: pytest.MonkeyPatch) -> Callable[[], int]:
    """Run every queued task here and now, as ``manage.py db_worker --batch`` would: the real
    worker of django-tasks-db on the real database backend, in this test's transaction. Returns
    how many tasks it ran."""
    from django_tasks_db.management.commands import db_worker

    # The worker closes connections it thinks are stale between tasks; the test's transaction
    # must stay open.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    from beraad.ops import queue

    def run() -> int:
        worker = queue.batch_worker("test-worker")
        worker.run()
        return worker._run_tasks

    return run
