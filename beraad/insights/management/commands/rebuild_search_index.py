from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from beraad.insights import index


class Command(BaseCommand):
    help = "Rebuild the search entries of all deliberations (derived data; safe to run any time)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = index.rebuild_all()
        self.stdout.write(f"Rebuilt the search entries of {count} deliberations.")
