"""Check the access log's hash chain from its start (or its last purge) to its newest entry."""

from __future__ import annotations

import itertools
from contextlib import closing
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from beraad.audit import chain, triggers
from beraad.audit.models import CHAIN_FIELDS, AccessLog, AccessLogAnchor

BROKEN = 1  # a row was changed, deleted or slipped in
UNPROTECTED = 2  # the chain holds, but the triggers that refuse changes are gone or disabled


class Command(BaseCommand):
    help = (
        "Walk the access log's hash chain. Exits 0 when every entry is sealed with the key and "
        "follows the one before it; exits 1 naming the first entry (id and time, never content) "
        "after which an entry was changed, deleted or inserted out of order; exits 2 when the chain "
        "holds but the append-only triggers are missing or disabled. Prints the newest entry's id "
        "and hash: note it elsewhere and pass it as --head later to also catch entries removed "
        "from the end."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--head",
            metavar="ID:HASH",
            help="an entry noted from an earlier run, which must still be there, unchanged",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = AccessLog.objects.order_by("id").values(*CHAIN_FIELDS).iterator(chunk_size=2000)
        with closing(rows):  # the database cursor is closed also when the walk stops early
            first = next(rows, None)
            # Purge records are read once the entries' query runs: a purge meanwhile adds a
            # record (which this walk does not need), it never takes away the one it needs.
            anchors = AccessLogAnchor.objects.sealed()
            walk = itertools.chain([first] if first is not None else [], rows)
            checked, broken, head = chain.verify(
                walk, anchors, minimum_years=triggers.MINIMUM_YEARS
            )
        if broken is not None:
            when = f"{broken.at:%Y-%m-%d %H:%M:%S} UTC" if broken.at else "unknown time"
            raise CommandError(
                f"The access log is broken at entry {broken.entry_id} ({when}): {broken.reason}. "
                f"{checked} entries before it are intact.",
                returncode=BROKEN,
            )
        if options["head"]:
            self.check_head(options["head"])
        missing = triggers.missing(connection)
        if missing:
            raise CommandError(
                f"The chain of {checked} entries is intact, but these append-only triggers are "
                f"missing or disabled: {', '.join(missing)}.",
                returncode=UNPROTECTED,
            )
        last = AccessLog.objects.order_by("-id").values_list("id", flat=True).first()
        self.stdout.write(f"The access log is intact: {checked} entries.")
        if last is not None:
            self.stdout.write(f"Newest entry: {last}:{head}")

    def check_head(self, noted: str) -> None:
        entry_id, _sep, entry_hash = noted.partition(":")
        if not entry_id.isdigit() or len(entry_hash) != 64:
            raise CommandError("--head takes ID:HASH as printed by an earlier run.")
        stored = AccessLog.objects.filter(pk=int(entry_id)).values_list("entry_hash", flat=True)
        if stored.first() != entry_hash:
            raise CommandError(
                f"The access log is broken at entry {entry_id}: the entry noted earlier is gone "
                "or different (entries were removed from the end).",
                returncode=BROKEN,
            )
