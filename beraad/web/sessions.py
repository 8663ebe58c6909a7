"""Django's database sessions, read with one statement compiled once (beraad/web/prepared.py).

Every request that carries a session cookie reads its session first: the live devices' polls,
two thirds of the requests in a meeting, do little else. Reading it through the ORM meant
building and compiling the same query each time, several times the cost of running it.
Writing, creating and deleting stay Django's own.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.models import Session
from django.db import router
from django.db.models import QuerySet
from django.utils import timezone

from beraad.web.prepared import Prepared


def _session_data(key: str, now: datetime) -> QuerySet[Session, Any]:
    return Session.objects.filter(session_key=key, expire_date__gt=now).values_list(
        "session_data", flat=True
    )[:1]


SESSION_DATA = Prepared(_session_data, str, datetime)


class SessionStore(DatabaseSessionStore):
    def load(self) -> dict[str, Any]:
        key = self.session_key
        row = (
            SESSION_DATA.first(key, timezone.now(), using=router.db_for_read(Session))
            if key
            else None
        )
        if row is None:  # unknown or expired: a new session, as Django's own store does
            self._session_key = None
            return {}
        return self.decode(row[0])
