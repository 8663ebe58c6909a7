"""Write one deliberation as a beraad.deliberation/1 JSON document."""

from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beraad.audit.log import log_command
from beraad.audit.models import Action, Outcome
from beraad.deliberation.exchange import export_deliberation
from beraad.deliberation.models import Deliberation


class Command(BaseCommand):
    help = (
        "Export deliberation ID as a beraad.deliberation/1 JSON document to standard output, "
        "or to FILE with -o. Participants appear by role only, never by name."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", type=int)
        parser.add_argument("-o", "--output", help="file to write; standard output if left out")

    def handle(self, *args: Any, **options: Any) -> None:
        deliberation = Deliberation.objects.filter(pk=options["id"]).first()
        if deliberation is None:
            raise CommandError(f"There is no deliberation with id {options['id']}.")
        refusal = deliberation.sharing_refusal()
        if refusal:
            log_command(
                action=Action.EXPORT,
                object_type="deliberation",
                object_id=deliberation.pk,
                team=deliberation.team,
                outcome=Outcome.DENIED,
            )
            raise CommandError(str(refusal))
        text = json.dumps(export_deliberation(deliberation), ensure_ascii=False, indent=2) + "\n"
        log_command(
            action=Action.EXPORT,
            object_type="deliberation",
            object_id=deliberation.pk,
            team=deliberation.team,
        )
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text)
        else:
            self.stdout.write(text, ending="")
