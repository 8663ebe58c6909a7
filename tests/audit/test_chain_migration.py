"""Entries written before the hash chain existed are sealed, in order, by its migration."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from beraad.audit import triggers
from beraad.audit.models import AccessLog

BEFORE = [("audit", "0002_append_only_triggers")]
AFTER = [("audit", "0003_hash_chain")]


@pytest.mark.django_db(transaction=True)
def test_it_seals_the_entries_already_there() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    try:
        # Going back keeps the log append-only.
        assert [name for name in triggers.missing(connection) if "anchor" not in name] == []
        with connection.cursor() as cursor:
            for n in range(3):
                cursor.execute(
                    "INSERT INTO audit_accesslog (at, user_email, team_slug, role, action, "
                    "object_type, object_id, outcome, origin, request_id) VALUES "
                    "(%s, 'a@example.test', 'noord', 'member', 'read', 'deliberation', %s, 'ok', "
                    "'192.0.2.1', '')",
                    [timezone.now(), str(n)],
                )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(AFTER)
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    assert "intact: 3 entries" in out.getvalue()
    # And the chain goes on from there.
    AccessLog.objects.create(action="read", object_type="deliberation", outcome="ok")
    call_command("verify_access_log", stdout=out)
    assert "intact: 4 entries" in out.getvalue()
