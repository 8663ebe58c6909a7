from __future__ import annotations

import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beraad.audit.log import log_command
from beraad.audit.models import Action
from beraad.deliberation.models import Deliberation
from beraad.insights import similar
from beraad.insights.evaluation import similar as evaluation


class Command(BaseCommand):
    help = (
        "List the earlier concluded deliberations of the same team whose dilemma is most like "
        "deliberation ID, with their scores; or, with --evaluate, measure the ranking on the "
        "labelled set in beraad/insights/evaluation/similar_dilemmas.json."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("id", nargs="?", type=int, help="the deliberation's number")
        parser.add_argument("--limit", type=int, default=5, help="how many (default 5)")
        parser.add_argument("--json", action="store_true", help="print JSON")
        parser.add_argument(
            "--evaluate", action="store_true", help="report top-3 hits on the labelled set"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["evaluate"]:
            self.evaluate(options["json"])
            return
        if options["id"] is None:
            raise CommandError("Give a deliberation ID, or --evaluate.")
        if options["limit"] < 1:
            raise CommandError("--limit must be 1 or more.")
        deliberation = Deliberation.objects.filter(pk=options["id"]).first()
        if deliberation is None:
            raise CommandError(f"There is no deliberation {options['id']}.")
        found = similar.similar_to(deliberation, limit=options["limit"])
        log_command(
            action=Action.READ,
            object_type="similar_dilemmas",
            object_id=deliberation.pk,
            team=deliberation.team,
        )
        rows: list[dict[str, Any]] = [
            {
                "id": item.deliberation.pk,
                "title": item.deliberation.title,
                "held_on": item.deliberation.held_on.isoformat(),
                "score": round(item.score.total, 4),
                "parts": {name: round(value, 4) for name, value in item.score.parts.items()},
                "outcome": item.deliberation.outcome or None,
                "chosen_option": item.deliberation.chosen_option.title
                if item.deliberation.chosen_option
                else None,
                "actions_done": item.actions_done,
                "actions_total": item.actions_total,
            }
            for item in found
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        if not rows:
            self.stdout.write("No earlier concluded deliberation of this team is alike.")
        for row in rows:
            parts = " ".join(f"{name}={value:.2f}" for name, value in row["parts"].items())
            self.stdout.write(
                f"{row['score']:.3f}  #{row['id']}  {row['held_on']}  {row['title']}  "
                f"[{parts}]  outcome={row['outcome'] or '-'}  "
                f"actions {row['actions_done']}/{row['actions_total']} done"
            )

    def evaluate(self, as_json: bool) -> None:
        result = evaluation.evaluate()
        if as_json:
            self.stdout.write(
                json.dumps(
                    {
                        "queries": result.queries,
                        "top1": round(result.top1_rate, 3),
                        "top3": round(result.top3_rate, 3),
                        "misses": result.misses,
                    },
                    indent=2,
                )
            )
            return
        self.stdout.write(
            f"{result.queries} dilemmas with a related one in the set: related one first in "
            f"{result.hits_top1} ({result.top1_rate:.0%}), in the top three in "
            f"{result.hits_top3} ({result.top3_rate:.0%})."
        )
        for key, ranked in result.misses:
            self.stdout.write(
                f"  missed: {key} -> {', '.join(ranked) or '(nothing above threshold)'}"
            )
