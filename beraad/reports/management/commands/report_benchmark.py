"""Time to make the session report and the period report, beside a one-paragraph PDF.

The baseline is WeasyPrint's fixed cost in the same run (a PDF of one paragraph with the same
fonts); the figures are medians and 95th percentiles in seconds.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db.models import Count

from beraad.accounts.models import Team
from beraad.deliberation.models import Deliberation
from beraad.insights import stats
from beraad.reports import pdf, sections, session
from beraad.reports import team as team_report

SESSION_TARGET_S, TEAM_TARGET_S = 1.0, 3.0


class Command(BaseCommand):
    help = (
        "Benchmark the reports on a team (default: the first load-test team; run "
        "generate_load_data first): the session report of its fullest concluded deliberation, "
        "and the period report over its newest N deliberations (default 100)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--team", default="load-001")
        parser.add_argument("--repeat", type=int, default=10)
        parser.add_argument("--deliberations", type=int, default=100)

    def handle(self, *args: Any, **options: Any) -> None:
        team = Team.objects.filter(slug=options["team"]).first()
        if team is None:
            raise CommandError(f"No team {options['team']!r}: run generate_load_data first.")
        fullest = (
            Deliberation.objects.for_team(team)
            .concluded()
            .annotate(parts=Count("stakeholders", distinct=True) + Count("options", distinct=True))
            .order_by("-parts", "-held_on")
            .first()
        )
        newest = list(
            Deliberation.objects.for_team(team)
            .order_by("-held_on")
            .values_list("held_on", flat=True)[: options["deliberations"]]
        )
        if fullest is None or not newest:
            raise CommandError("The team needs concluded deliberations.")
        period = stats.Period(newest[-1], newest[0], "quarter")
        in_period = Deliberation.objects.for_team(team).filter(
            held_on__gte=period.start, held_on__lte=period.end
        )
        everything = session.Options(list(sections.SLUGS), show_names=True)
        cases: list[tuple[str, Callable[[], bytes], float | None]] = [
            (
                "baseline: one-paragraph PDF",
                lambda: pdf.to_pdf(
                    f"<style>{pdf.font_faces()} body {{font-family: 'Beraad Report'}}</style>"
                    "<p>Beraad</p>"
                ),
                None,
            ),
            (
                f"session report ({fullest.stakeholders.count()} stakeholders)",
                lambda: session.render_pdf(fullest, everything),
                SESSION_TARGET_S,
            ),
            (
                f"period report ({in_period.count()} deliberations)",
                lambda: team_report.render_pdf(team, period),
                TEAM_TARGET_S,
            ),
        ]
        self.stdout.write(
            f"Team {team.slug}; {options['repeat']} runs each after one warm-up run.\n"
            f"{'report':44} {'median s':>9} {'p95 s':>7} {'× baseline':>11} {'kB':>6} {'target':>7}"
        )
        baseline = None
        for name, run, target in cases:
            content = run()
            times = []
            for _ in range(options["repeat"]):
                started = time.perf_counter()
                run()
                times.append(time.perf_counter() - started)
            median = statistics.median(times)
            p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else median
            baseline = baseline or median
            verdict = "" if target is None else ("ok" if median <= target else "SLOW")
            self.stdout.write(
                f"{name:44} {median:9.2f} {p95:7.2f} {median / baseline:11.1f} {len(content) // 1024:6d} "
                f"{verdict:>7}"
            )
