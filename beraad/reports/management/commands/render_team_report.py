from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beraad.accounts.models import Team
from beraad.audit.log import log_command
from beraad.audit.models import Action
from beraad.insights import stats
from beraad.reports import team as team_report


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError as error:
        raise CommandError(f"Not a date (YYYY-MM-DD): {text!r}") from error


class Command(BaseCommand):
    help = (
        "Write the period report of team TEAM (its short name) as a PDF: deliberations held "
        "against the rhythm, themes and values over time, value pairs in tension, actions, and a "
        "one-line list of the deliberations. No case texts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("team", help="the team's short name (slug)")
        parser.add_argument("--from", dest="start", required=True, help="YYYY-MM-DD")
        parser.add_argument("--to", dest="end", required=True, help="YYYY-MM-DD")
        parser.add_argument("-o", "--output", required=True, help="the PDF file to write")
        parser.add_argument("--by", choices=["month", "quarter"], default="quarter")
        parser.add_argument("--language", choices=["nl", "en"], default="nl")

    def handle(self, *args: Any, **options: Any) -> None:
        team = Team.objects.filter(slug=options["team"]).first()
        if team is None:
            raise CommandError(f"There is no team {options['team']!r}.")
        start, end = _day(options["start"]), _day(options["end"])
        if start > end:
            raise CommandError("--from lies after --to.")
        period = stats.Period(start, end, options["by"])
        content = team_report.render_pdf(team, period, options["language"])
        Path(options["output"]).write_bytes(content)
        log_command(action=Action.EXPORT, object_type="team_report", team=team)
        self.stdout.write(f"Wrote {options['output']} ({len(content)} bytes).")
