"""What ``/healthz`` checks: can this server do its work right now?"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor

from beraad.ops import queue
from beraad.privacy import detector

# Once every migration is found applied, this process does not look again: its code cannot
# change under it, and the check reads every migration file.
_migrated = False


@dataclass
class Health:
    database: bool = False
    migrations: bool = False
    detector: bool = False
    queue: bool = False
    oldest_queued_seconds: int | None = None

    @property
    def ok(self) -> bool:
        return self.database and self.migrations and self.detector and self.queue

    def details(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checks": {
                "database": self.database,
                "migrations": self.migrations,
                "detector": self.detector,
                "queue": self.queue,
            },
            "oldest_queued_seconds": self.oldest_queued_seconds,
            "queue_max_age_seconds": settings.HEALTHZ_QUEUE_MAX_AGE,
        }


def database_reachable() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except DatabaseError:
        return False


def migrations_applied() -> bool:
    global _migrated
    if not _migrated:
        try:
            executor = MigrationExecutor(connection)
            plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        except DatabaseError:
            return False
        _migrated = not plan
    return _migrated


def check(queue_max_age: int | None = None) -> Health:
    """``queue_max_age`` (seconds; 0 leaves the queue out) overrides BERAAD_HEALTHZ_QUEUE_MAX_AGE."""
    health = Health(detector=detector.deduce_ready())
    health.database = database_reachable()
    if not health.database:
        return health  # the other checks need the database
    health.migrations = migrations_applied()
    try:
        waited = queue.oldest_waiting()
    except DatabaseError:
        return health
    limit = settings.HEALTHZ_QUEUE_MAX_AGE if queue_max_age is None else queue_max_age
    health.oldest_queued_seconds = None if waited is None else int(waited.total_seconds())
    health.queue = not limit or waited is None or waited.total_seconds() <= limit
    return health
