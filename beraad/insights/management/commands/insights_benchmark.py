"""Server time of the dashboard, the search and the similar-dilemmas list on volume data.

Each page is requested through Django's full stack (middleware, views, templates, the access
log) in this process, with a trivial signed-in page measured in the same run as the baseline.
Prints medians and 95th percentiles in milliseconds, ratios to the baseline, and query counts.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

from django.core.cache import caches
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beraad.accounts.models import Membership, OrganisationRole, Role, Team
from beraad.deliberation.models import Deliberation, Status
from beraad.insights import similar
from beraad.privacy.detector import load_deduce

TARGET_MS = 150
OVERVIEW_RATIO = 5


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        self.count += 1
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = (
        "Benchmark the dashboard, search and similar-dilemmas list for one team (default: the "
        "first load-test team; run generate_load_data first). Prints median and p95 server "
        "time per page beside a trivial signed-in page, and the number of queries."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--team", default="load-001")
        parser.add_argument("--repeat", type=int, default=30)
        parser.add_argument("--query", default="mantelzorger schulden")
        parser.add_argument(
            "--only",
            default="",
            help="Measure only the pages whose name contains this (and the baseline), "
            "e.g. --only organisation",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        team = Team.objects.filter(slug=options["team"]).first()
        if team is None:
            raise CommandError(f"No team {options['team']!r}: run generate_load_data first.")
        membership = (
            Membership.objects.filter(team=team, role=Role.TEAM_ADMIN)
            .select_related("user")
            .first()
        )
        if membership is None:
            raise CommandError("The team has no team admin to sign in as.")
        user = membership.user
        OrganisationRole.objects.get_or_create(
            user=user, organisation=team.organisation, role=OrganisationRole.Kind.COORDINATOR
        )
        open_one = (
            Deliberation.objects.for_team(team)
            .filter(status=Status.IN_PROGRESS)
            .order_by("-held_on")
            .first()
        )
        concluded = Deliberation.objects.for_team(team).concluded().order_by("-held_on").first()
        if open_one is None or concluded is None:
            raise CommandError("The team needs an in-progress and a concluded deliberation.")
        # A server loads the personal-data detector at start-up (wsgi.py); so does this run.
        load_deduce()
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        list_url = reverse("deliberation:list", kwargs={"team": team.slug})
        count = Deliberation.objects.for_team(team).count()
        dashboard_url = reverse("insights:dashboard", kwargs={"team": team.slug})

        organisation_url = reverse(
            "insights:organisation", kwargs={"organisation": team.organisation.slug}
        )
        today = timezone.localdate()
        # A period starting and ending in the middle of a month: the overview corrects both
        # edge months from the raw rows of their smaller part.
        mid_month = (today - timedelta(days=365)).replace(day=15)
        teams = Team.objects.filter(organisation=team.organisation, is_training=False).count()

        def fresh(url: str) -> Any:
            caches[
                "local"
            ].clear()  # the charts' SVG is cached by content: measure drawing them too
            return client.get(url)

        cases: list[tuple[str, Callable[[], Any]]] = [
            (
                "baseline: values page",
                lambda: client.get(reverse("deliberation:catalogue", kwargs={"team": team.slug})),
            ),
            (
                "dashboard (12 months)",
                lambda: client.get(reverse("insights:dashboard", kwargs={"team": team.slug})),
            ),
            ("dashboard, charts drawn afresh", lambda: fresh(dashboard_url)),
            (
                "dashboard (3 years, by quarter)",
                lambda: client.get(
                    reverse("insights:dashboard", kwargs={"team": team.slug}),
                    {"date_from": "2023-01-01", "by": "quarter"},
                ),
            ),
            ("search: words", lambda: client.post(list_url, {"q": options["query"]})),
            (
                "search: words + filters",
                lambda: client.post(
                    list_url, {"q": options["query"], "status": "concluded", "kind": "client"}
                ),
            ),
            ("list: filter only", lambda: client.get(list_url, {"kind": "gp"})),
            (
                "dilemma step with similar list",
                lambda: client.get(
                    reverse(
                        "deliberation:step",
                        kwargs={"team": team.slug, "pk": open_one.pk, "step": "dilemma"},
                    )
                ),
            ),
            ("similar list alone (function)", lambda: similar.similar_to(open_one)),
            ("organisation overview (all teams)", lambda: client.get(organisation_url)),
            (
                "organisation overview, 3 y by quarter",
                lambda: client.get(organisation_url, {"date_from": "2023-01-01", "by": "quarter"}),
            ),
            (
                "organisation overview, mid-month",
                lambda: client.get(
                    organisation_url,
                    {"date_from": mid_month.isoformat(), "date_to": today.isoformat()},
                ),
            ),
        ]
        if options["only"]:
            cases = [
                (name, run)
                for n, (name, run) in enumerate(cases)
                if n == 0 or options["only"] in name
            ]
        self.stdout.write(
            f"Team {team.slug}: {count} deliberations; "
            f"{Deliberation.objects.count()} in the database ({connection.vendor}); "
            f"the organisation has {teams} teams. "
            f"{options['repeat']} runs each after 3 warm-up runs.\n"
        )
        header = f"{'page':36} {'median ms':>10} {'p95 ms':>8} {'× baseline':>11} {'queries':>8}"
        self.stdout.write(header)
        baseline = None
        overview_ok = True
        for name, run in cases:
            for _ in range(3):
                self.check_answer(name, run())
            # The test client's request signal empties connection.queries: count with a wrapper.
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                run()
            times = []
            for _ in range(options["repeat"]):
                started = time.perf_counter()
                run()
                times.append((time.perf_counter() - started) * 1000)
            median = statistics.median(times)
            p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else median
            baseline = baseline or median
            if name.startswith("organisation"):
                overview_ok = overview_ok and (
                    median <= TARGET_MS and median / baseline <= OVERVIEW_RATIO
                )
            self.stdout.write(
                f"{name:36} {median:10.1f} {p95:8.1f} {median / baseline:11.1f} {counter.count:8d}"
            )
        self.stdout.write(f"\nTarget: dashboard, search and similar list ≤ {TARGET_MS} ms median.")
        self.stdout.write(
            f"Target: organisation overview ≤ {TARGET_MS} ms median and ≤ {OVERVIEW_RATIO}× the "
            f"baseline, in this run: {'met' if overview_ok else 'NOT met'}."
        )

    def check_answer(self, name: str, answer: Any) -> None:
        status = getattr(answer, "status_code", 200)
        if status != 200:
            raise CommandError(f"{name} answered {status}.")
