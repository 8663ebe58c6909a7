"""Read text on standard input and print it with every detected personal datum replaced by a tag."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from beraad.privacy.detector import detect
from beraad.privacy.pseudonyms import tag_text


class Command(BaseCommand):
    help = (
        "Read text on standard input; print it with each detected personal datum replaced by a tag "
        "such as [PERSOON-1] or [BSN-1] (the same text gets the same tag). With --json, print "
        '{"text": ..., "spans": [{"start", "end", "kind", "text"}]} with offsets into the input.'
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the spans as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        text = sys.stdin.read()
        findings = detect(text)
        tagged = tag_text(text, findings)
        if options["json"]:
            spans = [asdict(finding) for finding in findings]
            self.stdout.write(json.dumps({"text": tagged, "spans": spans}, ensure_ascii=False))
        else:
            self.stdout.write(tagged, ending="")
