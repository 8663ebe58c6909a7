"""What /healthz checks, with the details, on the server's own command line."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from beraad.ops import health


class Command(BaseCommand):
    help = (
        "Check what /healthz checks (database reachable, migrations applied, the personal-data "
        "detector ready in this process, the oldest queued task younger than "
        "BERAAD_HEALTHZ_QUEUE_MAX_AGE seconds) and print each result as JSON. Exits 1 when a check "
        "fails. Note: this process has not loaded the detector, so 'detector' is false here "
        "unless --without-detector is given; the web server's /healthz reports its own."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument(
            "--without-detector",
            action="store_true",
            help="leave the detector out (it is loaded by the web server, not this command)",
        )
        parser.add_argument(
            "--queue-max-age",
            type=int,
            default=None,
            metavar="SECONDS",
            help=(
                "fail when a task has waited longer than this (default: "
                "BERAAD_HEALTHZ_QUEUE_MAX_AGE); for monitoring when the servers' /healthz leaves "
                "the queue out"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        result = health.check(options["queue_max_age"])
        if options["without_detector"]:
            result.detector = True
        details = result.details()
        if options["without_detector"]:
            details["checks"]["detector"] = None  # not checked
        self.stdout.write(json.dumps(details, indent=2))
        if not result.ok:
            raise CommandError("Not healthy.")
