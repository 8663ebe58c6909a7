"""Django's PostgreSQL backend, with the health check skipped for a connection that just worked.

With ``CONN_HEALTH_CHECKS`` Django sends ``SELECT 1`` before a persistent connection's first query
in every request. Live devices poll every two seconds and an unchanged poll needs three queries of
its own, so the check was one round trip in four; under load each round trip is also a wait for the
worker's interpreter lock (``docs/deployment.md``, "Live facilitation under load"). A connection
that ran a query in a request which ended without a database error less than ``RESTED_SECONDS``
ago is used as it is; one that rested longer, or whose last request had an error, is checked as
before. What is given up: should the database restart in that second, the one request that finds
the connection closed fails (as every request could without health checks) and the next one opens
a new connection.
"""

from __future__ import annotations

import time

from django.db.backends.postgresql import base

RESTED_SECONDS = 1.0


class DatabaseWrapper(base.DatabaseWrapper):
    health_check_done: bool
    worked_at: float | None = None
    # Whether the connection was asked for a cursor (or opened) since the last request boundary.
    used: bool = False

    def connect(self) -> None:
        super().connect()
        self.used = True

    def close_if_health_check_failed(self) -> None:
        # Django calls this before every cursor and transaction: the connection is in use.
        if (
            self.connection is not None
            and not self.health_check_done
            and self.worked_at is not None
            and time.monotonic() - self.worked_at < RESTED_SECONDS
        ):
            self.health_check_done = True
        else:
            super().close_if_health_check_failed()
        self.used = True

    def close_if_unusable_or_obsolete(self) -> None:
        # Called when a request starts and when it ends (request_started, request_finished).
        used, failed = self.used, self.errors_occurred
        super().close_if_unusable_or_obsolete()
        self.used = False
        if self.connection is None or (used and failed):
            # Closed, or a database error in the request that just ended: Django checked it then,
            # and the next request checks it again before trusting it.
            self.worked_at = None
        elif used:
            self.worked_at = time.monotonic()
        # Not used since the last boundary (a request without a query, or the start of a
        # request right after the end of the one before): no news, the rest goes on counting.
