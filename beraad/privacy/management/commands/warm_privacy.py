"""Build and load deduce's lookup structures now, so no user ever waits for them."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from beraad.privacy.detector import detect, load_deduce


class Command(BaseCommand):
    help = (
        "Build deduce's lookup structures (the first time: a minute or two; they are cached inside "
        "the installed package) and check that detection works. Run by `make demo` and `make test`."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        load_deduce()
        found = detect("Mevrouw Jansen belde op 06-12345678.")
        took = time.perf_counter() - started
        kinds = ", ".join(sorted({f.kind for f in found}))
        self.stdout.write(f"Personal-data detection ready in {took:.1f} s (test finds: {kinds}).")
