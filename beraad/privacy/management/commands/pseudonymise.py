"""Read text on standard input and print it with every detected personal datum replaced by a tag."""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from beraad.privacy.detector import detect
from beraad.privacy.pseudonyms import Tagger


class Command(BaseCommand):
    help = (
        "Read text on standard input; print it with each detected personal datum replaced by a tag "
        "such as [PERSOON-1] or [BSN-1]. One person gets one tag however they are named "
        '("Fatima Bakker", "mevrouw Bakker", "Fatima"); a title stays in the text. With --json, '
        'print {"text": ..., "spans": [...]}: per replaced span its start and end (offsets into '
        "the input, the title outside), kind, text, the pseudonym it got, and for a name the "
        "person's number and, when the name could be more than one person, the candidates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="print the spans as JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        text = sys.stdin.read()
        tagged, spans = Tagger().tag_all({"": text}, {"": detect(text)})[""]
        if options["json"]:
            out = [
                {
                    "start": t.span.start,
                    "end": t.span.end,
                    "kind": t.span.kind,
                    "text": t.span.text,
                    "pseudonym": t.tag,
                    "person": t.person,
                    "candidates": list(t.candidates),
                }
                for t in spans
            ]
            self.stdout.write(json.dumps({"text": tagged, "spans": out}, ensure_ascii=False))
        else:
            self.stdout.write(tagged, ending="")
