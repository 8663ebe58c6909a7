from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beraad.audit.log import log_command
from beraad.audit.models import Action, Outcome
from beraad.deliberation.models import Deliberation
from beraad.reports import sections, session
from beraad.reports.models import ReportPreference


class Command(BaseCommand):
    help = (
        "Write the session report of deliberation ID as a PDF. Without --sections, the parts the "
        f"team last chose (or all). Parts: {', '.join(sections.SLUGS)}."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", type=int)
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")
        parser.add_argument("--sections", nargs="+", help="the parts to include, by name")
        parser.add_argument(
            "--names", action="store_true", help="show participants' names, not only roles"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        deliberation = Deliberation.objects.select_related("team").filter(pk=options["id"]).first()
        if deliberation is None:
            raise CommandError(f"There is no deliberation {options['id']}.")
        refusal = deliberation.sharing_refusal()
        if refusal:
            log_command(
                action=Action.EXPORT,
                object_type="session_report",
                object_id=deliberation.pk,
                team=deliberation.team,
                outcome=Outcome.DENIED,
            )
            raise CommandError(refusal)
        if options["sections"]:
            unknown = sorted(set(options["sections"]) - set(sections.SLUGS))
            if unknown:
                raise CommandError(
                    f"Unknown part(s): {', '.join(unknown)}. Known: {', '.join(sections.SLUGS)}."
                )
            chosen = options["sections"]
        else:
            chosen = ReportPreference.for_team(deliberation.team).sections
        pdf = session.render_pdf(deliberation, session.Options(chosen, options["names"]))
        Path(options["output"]).write_bytes(pdf)
        log_command(
            action=Action.EXPORT,
            object_type="session_report",
            object_id=deliberation.pk,
            team=deliberation.team,
        )
        self.stdout.write(f"Wrote {options['output']} ({len(pdf)} bytes).")
