"""Erase the free texts of deliberations whose retention period has passed. Run it daily."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from beraad.privacy.retention import apply_retention


class Command(BaseCommand):
    help = (
        "For every concluded deliberation older than its organisation's retention period (default "
        "24 months after conclusion), erase the free texts and keep what the overviews need. "
        "Prints counts only, never text. --dry-run shows what would be erased and changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count, but change nothing")

    def handle(self, *args: Any, **options: Any) -> None:
        report = apply_retention(dry_run=options["dry_run"])
        verb = "Would erase" if options["dry_run"] else "Erased"
        self.stdout.write(f"{verb} the texts of {report.deliberations} deliberation(s).")
        for name, count in sorted(report.texts.items()):
            self.stdout.write(f"  {name}: {count}")
