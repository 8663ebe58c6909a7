"""Removing access-log entries older than the retention period (at least five years)."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from beraad.audit.models import AccessLog
from beraad.audit.triggers import MINIMUM_YEARS


class PurgeRefused(Exception):
    pass


def cutoff(now: datetime | None = None) -> datetime:
    """Entries from before this moment may go: ``ACCESS_LOG_YEARS`` years (at least five)."""
    years = settings.ACCESS_LOG_YEARS
    if years < MINIMUM_YEARS:
        raise PurgeRefused(f"Access-log entries are kept at least {MINIMUM_YEARS} years.")
    return (now or timezone.now()) - timedelta(days=365 * years + years // 4 + 1)


def purge_access_log(*, now: datetime | None = None) -> int:
    """Delete the oldest entries before the cutoff; raises ``ChainBroken`` on a broken chain."""
    return AccessLog.objects.purge_older_than(cutoff(now))
