"""Build and load deduce's lookup structures now, so no user ever waits for them."""

from __future__ import annotations

import subprocess
import sys
import time
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from beraad.privacy.detector import (
    build_stamp,
    deduce_built,
    detect,
    load_deduce,
    mark_built,
)

SAMPLE = "Mevrouw Jansen belde op 06-12345678."
MB = 1024 * 1024


class Command(BaseCommand):
    help = (
        "Build deduce's lookup structures (the first time on an installation: two to three minutes; "
        "they are cached inside the installed package, with a stamp that says the cache is complete) "
        "and check that detection works, printing what it does every few seconds. The work runs in a "
        "child process; this one reports on it. Run by `make demo` (in the background, with "
        "--if-needed) and `make test`."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-needed",
            action="store_true",
            help="stop at once when the cache is built already (make demo)",
        )
        parser.add_argument(
            "--every", type=float, default=5.0, help="seconds between progress lines (default 5)"
        )
        # The child process's part: load (and if needed build), stamp, detect once.
        parser.add_argument("--in-this-process", action="store_true", help="(used internally)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["in_this_process"]:
            self.build_here()
            return
        if options["if_needed"] and deduce_built():
            self.stdout.write("warm_privacy: deduce's lookup cache is built already.")
            return
        if deduce_built():
            doing = "loading deduce (its lookup cache is built: some seconds)"
        elif (build_stamp().parent / "lookup_structs.pickle").exists():
            doing = "loading deduce (or building its lookup structures if its cache is out of date)"
        else:
            doing = (
                "building deduce's lookup structures (once per installation: two to three "
                "minutes; until then the web check uses the own rules and says so)"
            )
        self.stdout.write(f"warm_privacy: {doing}.")
        self.stdout.flush()
        started = time.monotonic()
        child = subprocess.Popen(  # noqa: S603 - our own interpreter, manage.py and arguments
            [
                sys.executable,
                str(settings.BASE_DIR / "manage.py"),
                "warm_privacy",
                "--in-this-process",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        while True:
            try:
                output, _ = child.communicate(timeout=options["every"])
                break
            except subprocess.TimeoutExpired:
                self.stdout.write(
                    f"warm_privacy: {self.phase(started)} … {time.monotonic() - started:.0f} s"
                )
                self.stdout.flush()
            except BaseException:
                child.kill()
                raise
        took = time.monotonic() - started
        if child.returncode != 0:
            raise CommandError(
                f"Building deduce failed after {took:.0f} s (exit code {child.returncode}):\n"
                + output[-4000:]
            )
        kinds = output.strip().splitlines()[-1] if output.strip() else ""
        self.stdout.write(
            f"warm_privacy: personal-data detection ready in {took:.1f} s (test finds: {kinds})."
        )

    @staticmethod
    def phase(started: float) -> str:
        """What the child is doing, as far as the file system shows it."""
        cache = build_stamp().parent / "lookup_structs.pickle"
        try:
            written = cache.stat()
        except OSError:
            return "building lookup structures"
        if written.st_mtime < time.time() - (time.monotonic() - started):
            return "loading"  # a cache from before this run
        if deduce_built():
            return "checking detection"
        return f"saving its cache ({written.st_size / MB:.0f} MB written so far) and loading it"

    def build_here(self) -> None:
        load_deduce()
        try:
            mark_built()
        except OSError as error:  # a read-only installation: the server loads deduce at start-up
            self.stderr.write(f"warm_privacy: no build stamp written ({error.strerror}).")
        found = detect(SAMPLE)
        self.stdout.write(", ".join(sorted({f.kind for f in found})))
