"""Remove access-log entries older than the retention period (at least five years)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from beraad.audit import purge
from beraad.audit.models import AccessLog, ChainBroken


class Command(BaseCommand):
    help = (
        "Delete access-log entries older than BERAAD_ACCESS_LOG_YEARS years (default 5; the "
        "database refuses anything younger than 5 years): the oldest entries, up to the first "
        "younger one. The hash of the last one removed is kept as the chain's new start, so "
        "verify_access_log still checks the rest. Refuses to purge a broken chain (that would "
        "remove the evidence). Prints how many; --dry-run only counts. Runs here and now; "
        "run_periodic puts the same work on the task queue once a day."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        years = settings.ACCESS_LOG_YEARS
        try:
            cutoff = purge.cutoff()
        except purge.PurgeRefused as refused:
            raise CommandError(str(refused)) from refused
        if options["dry_run"]:
            old = AccessLog.objects.old_prefix(cutoff)
            self.stdout.write(
                f"Would delete {old.count()} access-log entries older than {years} years."
            )
            return
        try:
            deleted = AccessLog.objects.purge_older_than(cutoff)
        except ChainBroken as broken:
            raise CommandError(
                f"Nothing was deleted: the access log is broken at entry "
                f"{broken.broken.entry_id} ({broken.broken.reason}). Run verify_access_log."
            ) from broken
        self.stdout.write(f"Deleted {deleted} access-log entries older than {years} years.")
