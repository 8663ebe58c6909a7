"""Realistic volume for the benchmarks: many teams, each with hundreds of deliberations.

Everything is invented from fixed phrase lists (no personal data) and reproducible with --seed.
Rows are written with bulk inserts; the search entries are built at the end, in batches.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.utils import timezone

from beraad.accounts.models import Membership, Organisation, Role, Team, User
from beraad.deliberation import catalogue, signals
from beraad.deliberation.models import (
    Action,
    Deliberation,
    Effect,
    Option,
    OptionEffect,
    Outcome,
    Stakeholder,
    Status,
    Theme,
    Value,
    ValueAtStake,
)
from beraad.insights import index, tallies

ORGANISATION_SLUG = "load-test"

WHO = [
    "de moeder",
    "de zoon",
    "meneer A.",
    "mevrouw B.",
    "de dochter",
    "de buurvrouw",
    "de vader",
    "het gezin",
    "de jongere",
    "mevrouw C.",
    "meneer D.",
    "de oudere buurman",
]
CARERS = [
    "de mantelzorger",
    "de mantelzorgers",
    "de wijkverpleegkundige",
    "de huisarts",
    "de schuldhulpverlener",
    "de vrijwilliger",
    "de wijkagent",
    "de jeugdhulpverlener",
]
PROBLEMS = [
    "heeft schulden die oplopen",
    "mijdt zorg en doet de deur niet open",
    "raakt overbelast door de zorg",
    "laat het huis vervuilen",
    "drinkt te veel",
    "vergeet afspraken door beginnende dementie",
    "wil geen hulp van buiten",
    "zegt dat er thuis geweld is maar wil geen melding",
    "verzwijgt inkomsten",
    "laat de kinderen vaak alleen",
    "wordt uitgebuit door een kennis",
    "komt niet naar school",
    "wil terug naar huis na de opname",
]
ASKS = [
    "vraagt ons om informatie te delen",
    "vraagt ons om het stil te houden",
    "wil dat wij ingrijpen",
    "vraagt om meer uren zorg",
    "wil zelf de regie houden",
    "dreigt de hulp te stoppen",
    "vraagt om een melding bij Veilig Thuis",
]
ACTS = [
    "delen we de informatie met",
    "zetten we extra zorg in voor",
    "wachten we af en blijven we in contact met",
    "maken we een melding over",
    "respecteren we de keuze van",
    "vragen we toestemming aan",
    "organiseren we een familiegesprek met",
    "schakelen we de huisarts in voor",
]
HARMS = [
    "het vertrouwen raakt beschadigd",
    "de situatie kan escaleren",
    "de mantelzorger valt uit",
    "de cliënt voelt zich niet gehoord",
    "het kost veel uren die we niet hebben",
    "de privacy van de cliënt wordt geschonden",
    "de kinderen lopen risico",
    "de schulden lopen verder op",
]
ACTION_TEXT = [
    "Gesprek plannen met",
    "Terugkoppelen aan",
    "Toestemming vragen aan",
    "Contact opnemen met",
    "Afspraak maken met",
    "Navragen bij",
]


def _sentence(rng: random.Random) -> str:
    return f"{rng.choice(WHO).capitalize()} {rng.choice(PROBLEMS)} en {rng.choice(CARERS)} {rng.choice(ASKS)}."


class Command(BaseCommand):
    help = (
        "Create load-test data: TEAMS teams of one organisation ('load-test'), each with PER_TEAM "
        "invented deliberations (stakeholders, values, options with effects, actions, themes) "
        "spread over the past three years, then build their search entries. For benchmarks only."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--teams", type=int, default=50)
        parser.add_argument("--per-team", type=int, default=500)
        parser.add_argument("--seed", type=int, default=4)
        parser.add_argument(
            "--replace", action="store_true", help="remove earlier load-test data first"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        teams, per_team = options["teams"], options["per_team"]
        if teams < 1 or per_team < 1:
            raise CommandError("--teams and --per-team must be 1 or more.")
        existing = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
        if existing is not None:
            if not options["replace"]:
                raise CommandError("Load-test data exists; run with --replace to make it anew.")
            self.remove(existing)
        rng = random.Random(options["seed"])  # noqa: S311 - invented data, not a secret
        started = timezone.now()
        with transaction.atomic():
            # Invented load-test data: no second factor to set up.
            organisation = Organisation.objects.create(
                name="Lasttest (verzonnen)", slug=ORGANISATION_SLUG, mfa_required=False
            )
            team_objects = self.make_teams(organisation, teams)
            ids = self.make_deliberations(rng, team_objects, per_team)
        for start in range(0, len(ids), 1000):
            with transaction.atomic():
                index.build(ids[start : start + 1000])
        # Bulk inserts bypass the change signals: count the new deliberations once, at the end.
        tallies.rebuild_tallies()
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(
            f"Made {len(team_objects)} teams with {len(ids)} deliberations in {seconds:.0f} s. "
            f"Teams: load-001 … load-{teams:03d}; each has a team admin "
            f"(admin@load-001.beraad.test …) without a usable password."
        )

    def remove(self, organisation: Organisation) -> None:
        teams = Team.objects.filter(organisation=organisation)
        # One announcement of the deletions at the end, not one per deliberation.
        with transaction.atomic(), signals.batched():
            Deliberation.objects.filter(team__in=teams).delete()
            User.objects.filter(email__endswith=".beraad.test", email__contains="@load-").delete()
            teams.delete()
            organisation.delete()

    def make_teams(self, organisation: Organisation, count: int) -> list[Team]:
        teams = Team.objects.bulk_create(
            Team(
                organisation=organisation,
                name=f"Wijkteam Last {n:03d}",
                slug=f"load-{n:03d}",
                cadence_weeks=[4, 6, 8][n % 3],
            )
            for n in range(1, count + 1)
        )
        password = make_password(None)
        users = User.objects.bulk_create(
            User(
                email=f"admin@{team.slug}.beraad.test",
                name=f"Beheer {team.name}",
                password=password,
            )
            for team in teams
        )
        Membership.objects.bulk_create(
            Membership(user=user, team=team, role=Role.TEAM_ADMIN)
            for user, team in zip(users, teams, strict=True)
        )
        return list(Team.objects.filter(organisation=organisation).order_by("slug"))

    def make_deliberations(self, rng: random.Random, teams: list[Team], per_team: int) -> list[int]:
        today = timezone.localdate()
        values = list(Value.objects.filter(team=None).values_list("id", flat=True))
        themes = list(Theme.objects.values_list("id", flat=True))
        kinds = [kind.slug for kind in catalogue.STAKEHOLDER_KINDS]
        admins = {m.team_id: m.user_id for m in Membership.objects.filter(team__in=teams)}
        rows = []
        for team in teams:
            for _n in range(per_team):
                concluded = rng.random() < 0.9
                first = _sentence(rng)
                rows.append(
                    Deliberation(
                        team=team,
                        title=f"{rng.choice(WHO).capitalize()}: {rng.choice(PROBLEMS)}"[:200],
                        held_on=today - timedelta(days=rng.randrange(0, 3 * 365)),
                        status=Status.CONCLUDED if concluded else Status.IN_PROGRESS,
                        current_step="evaluation" if concluded else "dilemma",
                        case_description=" ".join([first, *(_sentence(rng) for _ in range(4))]),
                        dilemma_question=f"Moeten wij {rng.choice(ACTS)} {rng.choice(WHO)}, of {rng.choice(ACTS)} {rng.choice(CARERS)}?",
                        option_a=f"We {rng.choice(ACTS)} {rng.choice(WHO)}.",
                        harm_a=f"Het risico is dat {rng.choice(HARMS)}.",
                        option_b=f"We {rng.choice(ACTS)} {rng.choice(CARERS)}.",
                        harm_b=f"Het risico is dat {rng.choice(HARMS)}.",
                        outcome=(Outcome.DECIDED if rng.random() < 0.8 else Outcome.INSIGHT)
                        if concluded
                        else Outcome.NONE,
                        rationale=_sentence(rng) if concluded else "",
                        consent="not_asked_pseudonymised",
                        created_by_id=admins[team.pk],
                    )
                )
        created = Deliberation.objects.bulk_create(rows, batch_size=2000)
        ids = [d.pk for d in created]
        theme_links, horn_a, horn_b = [], [], []
        stakeholders, options, actions = [], [], []
        for d in created:
            for theme in rng.sample(themes, rng.randint(1, 2)):
                theme_links.append(
                    Deliberation.themes.through(deliberation_id=d.pk, theme_id=theme)
                )
            chosen = rng.sample(values, 4)
            horn_a.append(Deliberation.values_a.through(deliberation_id=d.pk, value_id=chosen[0]))
            horn_b.append(Deliberation.values_b.through(deliberation_id=d.pk, value_id=chosen[1]))
            for kind in rng.sample(kinds, rng.randint(3, 5)):
                stakeholders.append(
                    Stakeholder(
                        deliberation_id=d.pk,
                        kind=kind,
                        label=rng.choice(WHO + CARERS),
                        perspective=_sentence(rng),
                        professional_secrecy="unknown",
                    )
                )
            for k in range(rng.randint(2, 4)):
                options.append(
                    Option(
                        deliberation_id=d.pk,
                        title=f"Optie {k + 1}: {rng.choice(ACTS)} {rng.choice(WHO)}"[:200],
                        description=_sentence(rng),
                    )
                )
            for _ in range(rng.randint(0, 4) if d.status == Status.CONCLUDED else 0):
                done = rng.random() < 0.6
                actions.append(
                    Action(
                        deliberation_id=d.pk,
                        what=f"{rng.choice(ACTION_TEXT)} {rng.choice(WHO + CARERS)}",
                        who=rng.choice(CARERS),
                        due=d.held_on + timedelta(days=rng.randint(7, 60)),
                        done=done,
                    )
                )
        Deliberation.themes.through.objects.bulk_create(theme_links, batch_size=5000)
        Deliberation.values_a.through.objects.bulk_create(horn_a, batch_size=5000)
        Deliberation.values_b.through.objects.bulk_create(horn_b, batch_size=5000)
        Stakeholder.objects.bulk_create(stakeholders, batch_size=5000)
        Action.objects.bulk_create(actions, batch_size=5000)
        made_options = Option.objects.bulk_create(options, batch_size=5000)
        stakeholder_rows = Stakeholder.objects.filter(deliberation_id__in=ids).values_list(
            "id", "deliberation_id"
        )
        at_stake = []
        for stakeholder_id, did in stakeholder_rows:
            for value in rng.sample(values, rng.randint(1, 2)):
                at_stake.append(
                    ValueAtStake(
                        deliberation_id=did,
                        stakeholder_id=stakeholder_id,
                        value_id=value,
                        norm="Dus moeten we zorgvuldig zijn.",
                    )
                )
        ValueAtStake.objects.bulk_create(at_stake, batch_size=5000)
        effects: list[OptionEffect] = []
        chosen_option: dict[int, int] = {}
        for option in made_options:
            chosen_option.setdefault(option.deliberation_id, option.pk)
            for value in rng.sample(values, 3):
                effects.append(
                    OptionEffect(
                        option_id=option.pk,
                        value_id=value,
                        effect=rng.choice([Effect.SERVES, Effect.HARMS, Effect.NEUTRAL]),
                    )
                )
        OptionEffect.objects.bulk_create(effects, batch_size=5000)
        decided = [d for d in created if d.outcome == Outcome.DECIDED]
        for d in decided:
            d.chosen_option_id = chosen_option[d.pk]
            d.concluded_at = timezone.now()
        Deliberation.objects.bulk_update(
            decided, ["chosen_option", "concluded_at"], batch_size=2000
        )
        return ids
