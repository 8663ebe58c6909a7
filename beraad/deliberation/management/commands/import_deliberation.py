"""Read a beraad.deliberation/1 JSON document into a team, as a new deliberation."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from beraad.accounts.models import Team
from beraad.audit.log import log_command
from beraad.audit.models import Action
from beraad.deliberation.documents import ImportRefused, check_size, loads
from beraad.deliberation.exchange import import_deliberation


class Command(BaseCommand):
    help = (
        "Import FILE (a beraad.deliberation/1 document) into team SLUG and print the new id. "
        "The whole document is checked first; on any error every problem is listed with its "
        "JSON path and nothing is imported."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file")
        parser.add_argument("--team", required=True, help="slug of the team to import into")

    def handle(self, *args: Any, **options: Any) -> None:
        team = Team.objects.filter(slug=options["team"]).first()
        if team is None:
            raise CommandError(f"There is no team with slug {options['team']!r}.")
        path = Path(options["file"])
        try:
            # The same limits as the import page: the size before reading, then the parser's.
            check_size(path.stat().st_size)
            document = loads(path.read_bytes())
            with transaction.atomic():  # stored with its access-log entry, or not at all
                deliberation = import_deliberation(document, team=team)
                log_command(
                    action=Action.IMPORT,
                    object_type="deliberation",
                    object_id=deliberation.pk,
                    team=team,
                )
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from error
        except ImportRefused as refused:
            for problem in refused.shown:
                self.stderr.write(str(problem))
            if refused.not_shown:
                self.stderr.write(f"… and {refused.not_shown} more.")
            raise CommandError(
                f"Nothing was imported: {len(refused.problems)} problem(s) in the document."
            ) from refused
        self.stdout.write(str(deliberation.pk))
