"""Fill an empty installation with a fictional municipality, two teams, people and cases."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from importlib import resources
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from beraad.accounts.models import Membership, Organisation, OrganisationRole, Role, Team, User
from beraad.deliberation.exchange import ImportRefused, import_deliberation
from beraad.deliberation.models import Action, Deliberation, Status, Theme

ORGANISATION_NAME = "Gemeente Demostad"
ORGANISATION_SLUG = "gemeente-demostad"
TEAMS = {"noord": "Wijkteam Noord", "zuid": "Wijkteam Zuid"}
PASSWORD = "demo-beraad-2026"  # noqa: S105 - a published demo password, on purpose

# Positions in cases.json that belong to Wijkteam Zuid; every other case goes to Noord.
ZUID_CASES = frozenset({2, 5, 11, 12})

# Days between two consecutive demo deliberations, repeated: roughly every three to four weeks.
GAPS = (24, 28, 26, 22, 27, 25)
# Days between today and the newest concluded deliberation.
NEWEST_CONCLUDED = 19
# Days after the meeting by which action n (0, 1, 2, ...) is due: 14, 28, 42, ...
ACTION_INTERVAL = 14
IN_PROGRESS_STEP = "stakeholders"
CONCLUDED_STEP = "evaluation"


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    memberships: tuple[tuple[str, str], ...] = ()  # (team slug, role)
    trainer: bool = False
    coordinator: bool = False
    superuser: bool = False


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("teamadmin.noord@demo.beraad.test", "Anna Voorbeeld", (("noord", Role.TEAM_ADMIN),)),
    DemoUser("facilitator@demo.beraad.test", "Bram Oefenaar", (("noord", Role.FACILITATOR),)),
    DemoUser("lid.noord@demo.beraad.test", "Carla Proefstra", (("noord", Role.MEMBER),)),
    DemoUser("teamadmin.zuid@demo.beraad.test", "Daan Demodijk", (("zuid", Role.TEAM_ADMIN),)),
    DemoUser("facilitator.zuid@demo.beraad.test", "Eva Verzinsel", (("zuid", Role.FACILITATOR),)),
    DemoUser("lid.zuid@demo.beraad.test", "Fatima Fictief", (("zuid", Role.MEMBER),)),
    DemoUser(
        "twee.teams@demo.beraad.test",
        "Gijs Tweewijk",
        (("noord", Role.MEMBER), ("zuid", Role.MEMBER)),
    ),
    DemoUser("trainer@demo.beraad.test", "Hanneke Lesmaker", trainer=True),
    DemoUser("coordinator@demo.beraad.test", "Iris Overzicht", coordinator=True),
    DemoUser("admin@demo.beraad.test", "Beheer Demostad", superuser=True),
)


def load_cases() -> list[dict[str, Any]]:
    """The demo documents (beraad.deliberation/1), oldest first; the last one is in progress."""
    text = resources.files("beraad.deliberation.demo").joinpath("cases.json").read_text("utf-8")
    cases: list[dict[str, Any]] = json.loads(text)
    return cases


def meeting_dates(count: int, today: date) -> list[date]:
    """Dates for ``count`` concluded meetings, oldest first, the newest a few weeks ago."""
    dates: list[date] = []
    day = today - timedelta(days=NEWEST_CONCLUDED)
    for n in range(count):
        dates.append(day)
        day -= timedelta(days=GAPS[n % len(GAPS)])
    return list(reversed(dates))


def dated(document: dict[str, Any], held_on: date, n: int, *, concluded: bool) -> dict[str, Any]:
    """A copy of ``document`` with the meeting date, follow-up date and action due dates set."""
    doc = copy.deepcopy(document)
    doc["held_on"] = held_on.isoformat()
    decision = doc.get("decision")
    if concluded and decision and decision.get("outcome"):
        decision["follow_up_on"] = (held_on + timedelta(weeks=4 + n % 3)).isoformat()
    for k, action in enumerate(doc.get("actions", [])):
        action["due"] = (held_on + timedelta(days=ACTION_INTERVAL * (k + 1))).isoformat()
    return doc


class Command(BaseCommand):
    help = (
        "Load demo data: the fictional organisation 'Gemeente Demostad' with Wijkteam Noord and "
        "Wijkteam Zuid, ten demo logins covering every role (team admin, facilitator, member, a "
        "member of both teams, a trainer, a coordinator and a staff superuser), and the cases from "
        "beraad/deliberation/demo/cases.json spread over the past twelve months: all concluded "
        "but the last, which stays in progress. Does nothing if the demo organisation exists; "
        "--reset removes the demo data first. Prints the logins and the shared password. "
        "Refuses to run with DEBUG=false (a server that may hold real cases) unless given "
        "--i-know-this-is-not-production; even then it makes no staff superuser, whose published "
        "password would open the admin."
    )

    with_superuser = True

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--reset",
            action="store_true",
            help="delete the demo organisation's teams, deliberations and users, then load anew",
        )
        parser.add_argument(
            "--i-know-this-is-not-production",
            action="store_true",
            dest="not_production",
            help="load the demo with DEBUG=false anyway (a test or acceptance server)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["not_production"]:
            raise CommandError(
                "DEBUG is false, so this may be a production server: demo logins with a published "
                "password do not belong there. Run with DEBUG=true, or add "
                "--i-know-this-is-not-production on a test server."
            )
        self.with_superuser = settings.DEBUG
        with transaction.atomic():
            if options["reset"]:
                self.reset()
            if Organisation.objects.filter(slug=ORGANISATION_SLUG).exists():
                self.stdout.write("The demo data is already loaded; nothing was changed.")
            else:
                self.load()
        self.print_logins()

    def reset(self) -> None:
        organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
        if organisation is not None:
            teams = Team.objects.filter(organisation=organisation)
            # Deliberations first: their items protect the teams' own values from deletion.
            Deliberation.objects.filter(team__in=teams).delete()
            teams.delete()
            organisation.delete()
        User.objects.filter(email__in=[u.email for u in DEMO_USERS]).delete()
        self.stdout.write("Removed the demo data.")

    def load(self) -> None:
        taken = Team.objects.filter(slug__in=TEAMS).values_list("slug", flat=True)
        if taken:
            raise CommandError(
                f"Team slug(s) {', '.join(sorted(taken))} already belong to another organisation."
            )
        existing = User.objects.filter(email__in=[u.email for u in DEMO_USERS])
        if existing.exists():
            raise CommandError(
                "Some demo logins exist without the demo organisation "
                f"({', '.join(existing.values_list('email', flat=True))}). Run with --reset."
            )

        # No second factor for the demo's people, so `make demo` stays two commands.
        organisation = Organisation.objects.create(
            name=ORGANISATION_NAME, slug=ORGANISATION_SLUG, mfa_required=False
        )
        teams = {
            slug: Team.objects.create(organisation=organisation, name=name, slug=slug)
            for slug, name in TEAMS.items()
        }
        users = self.create_users(organisation, teams)
        facilitators = {
            slug: next(
                users[u.email] for u in DEMO_USERS if (slug, Role.FACILITATOR) in u.memberships
            )
            for slug in teams
        }
        self.import_cases(teams, facilitators)
        self.assign_actions(teams)
        self.library_case(organisation)
        self.stdout.write(self.style.SUCCESS("Loaded the demo data."))

    def library_case(self, organisation: Organisation) -> None:
        """One published, invented library case, so the trainer's library is not empty."""
        from beraad.library.models import LibraryCase

        case = LibraryCase.objects.create(
            organisation=organisation,
            status=LibraryCase.Status.PUBLISHED,
            published_at=timezone.now(),
            title="Wondzorg door een naaste",
            case_description=(
                "Een oudere man heeft een wond die slecht geneest. Een familielid wil de "
                "verzorging overnemen op de dagen dat de wijkverpleging niet komt, maar heeft geen "
                "zorgopleiding. De man wil graag dat het familielid alles weet."
            ),
            dilemma_question=(
                "Laten we de wondzorg deels over aan het familielid, of blijft de "
                "wijkverpleging die helemaal zelf doen?"
            ),
            option_a="Het familielid verzorgt de wond op de vrije dagen, met instructie.",
            harm_a="De wond kan slechter genezen als er iets misgaat.",
            option_b="De wijkverpleging blijft de wond zelf verzorgen.",
            harm_b="De uren zijn krap; de man voelt zich minder serieus genomen.",
            stakeholders=(
                "de cliënt: wil regie over zijn eigen zorg — autonomie en zelfregie\n"
                "het familielid: wil helpen — erkenning\n"
                "de wijkverpleegkundige: is verantwoordelijk — kwaliteit van zorg"
            ),
            options="Samen leren verbinden, met controle\nAlles zelf blijven doen",
            decision="Besloten: samen leren verbinden, met wekelijkse controle.",
            value_slugs=["autonomy", "quality-of-care", "recognition"],
            kinds=["client", "district-nurse", "family"],
        )
        case.themes.set(Theme.objects.filter(slug__in=["caring-for-vs-seeing-to"]))

    def assign_actions(self, teams: dict[str, Team]) -> None:
        """Give each team's actions in turn to its members, so "my actions" shows something."""
        for team in teams.values():
            members = list(
                User.objects.filter(memberships__team=team).order_by("memberships__role", "email")
            )
            actions = Action.objects.filter(deliberation__team=team).order_by("id")
            for n, action in enumerate(actions):
                action.assignee = members[n % len(members)]
                action.save(update_fields=["assignee"])

    def create_users(self, organisation: Organisation, teams: dict[str, Team]) -> dict[str, User]:
        hashed = make_password(PASSWORD)  # hashed once: the same password for every demo login
        users: dict[str, User] = {}
        for demo in DEMO_USERS:
            if demo.superuser and not self.with_superuser:
                self.stdout.write(
                    self.style.WARNING(
                        f"DEBUG is false: no staff superuser {demo.email} with the published "
                        "demo password. Use createsuperuser if this server needs one."
                    )
                )
                continue
            user = User(
                email=demo.email,
                name=demo.name,
                is_staff=demo.superuser,
                is_superuser=demo.superuser,
                password=hashed,
            )
            user.save()
            users[demo.email] = user
            for slug, role in demo.memberships:
                Membership.objects.create(user=user, team=teams[slug], role=role)
            if demo.trainer:
                OrganisationRole.objects.create(
                    user=user, organisation=organisation, role=OrganisationRole.Kind.TRAINER
                )
            if demo.coordinator:
                OrganisationRole.objects.create(
                    user=user, organisation=organisation, role=OrganisationRole.Kind.COORDINATOR
                )
        return users

    def import_cases(self, teams: dict[str, Team], facilitators: dict[str, User]) -> None:
        cases = load_cases()
        if not cases:
            raise CommandError("cases.json holds no documents.")
        today = timezone.localdate()
        *concluded, in_progress = cases
        for n, (document, held_on) in enumerate(
            zip(concluded, meeting_dates(len(concluded), today), strict=True)
        ):
            slug = "zuid" if n in ZUID_CASES else "noord"
            deliberation = self.import_one(
                dated(document, held_on, n, concluded=True), teams[slug], facilitators[slug], n
            )
            deliberation.current_step = CONCLUDED_STEP
            deliberation.save(update_fields=["current_step"])
            deliberation.conclude(facilitators[slug])
            # Make the timeline plausible: created and concluded on the day of the meeting.
            on_the_day = timezone.make_aware(datetime.combine(held_on, time(16, 30)))
            Deliberation.objects.filter(pk=deliberation.pk).update(
                created_at=on_the_day, concluded_at=on_the_day, updated_at=on_the_day
            )
        n = len(cases) - 1
        slug = "zuid" if n in ZUID_CASES else "noord"
        deliberation = self.import_one(
            dated(in_progress, today, n, concluded=False), teams[slug], facilitators[slug], n
        )
        deliberation.status = Status.IN_PROGRESS
        deliberation.current_step = IN_PROGRESS_STEP
        deliberation.save(update_fields=["status", "current_step"])

    def import_one(self, document: dict[str, Any], team: Team, user: User, n: int) -> Deliberation:
        try:
            return import_deliberation(document, team=team, user=user)
        except ImportRefused as refused:
            for problem in refused.problems:
                self.stderr.write(f"cases.json[{n}] {problem}")
            raise CommandError(
                f"Demo case {n} ({document.get('title')!r}) is invalid."
            ) from refused

    def print_logins(self) -> None:
        users = {
            user.email: user
            for user in User.objects.filter(
                email__in=[u.email for u in DEMO_USERS]
            ).prefetch_related("memberships__team", "organisation_roles")
        }
        rows = [("E-mail", "Role", "Teams")]
        for demo in DEMO_USERS:
            user = users.get(demo.email)
            if user is None:
                continue
            memberships = sorted(user.memberships.all(), key=lambda m: m.team.name)
            roles = sorted({m.role for m in memberships}, key=Role.rank, reverse=True)
            roles += sorted({r.role for r in user.organisation_roles.all()})
            if user.is_superuser:
                roles.append("superuser")
            teams = ", ".join(m.team.name for m in memberships) or "-"
            rows.append((user.email, ", ".join(roles) or "-", teams))
        widths = [max(len(row[col]) for row in rows) for col in range(3)]
        self.stdout.write("")
        for row in rows:
            self.stdout.write(
                "  ".join(
                    cell.ljust(width) for cell, width in zip(row, widths, strict=True)
                ).rstrip()
            )
        self.stdout.write(f"\nPassword for every demo login: {PASSWORD}")
