from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from beraad.insights.tallies import rebuild_tallies


class Command(BaseCommand):
    help = (
        "Recompute the monthly tallies per team that the organisation overview reads, from the "
        "deliberations, the monthly tallies per organisation, from the teams', and the daily "
        "tallies per organisation, from the deliberations (derived "
        "data; safe to run any time, also while the server runs). With --dry-run, only say how "
        "many months were not up to date."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        result = rebuild_tallies(dry_run=options["dry_run"])
        verb = "would change" if options["dry_run"] else "changed"
        self.stdout.write(
            f"Looked at {result.rows} team months; {verb} {result.changed} "
            "(not what the deliberations say). "
            f"Looked at {result.organisation_rows} organisation months; {verb} "
            f"{result.organisation_changed} (not the sum of their teams' months). "
            f"Looked at {result.organisation_day_rows} organisation days; {verb} "
            f"{result.organisation_day_changed} (not what the deliberations say)."
        )
