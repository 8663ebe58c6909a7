"""The data of `live_benchmark`: one invented organisation ("live-benchmark") with a team, a
facilitator and a deliberation at the decision step for each room, its members signed in by writing
their sessions directly, one guest link per room, and a quiet deliberation for the baseline; and the
removal of all of it, with every session the run made, at the end of a run or at the start of the
next one if an earlier run left it."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.db import transaction

from beraad.accounts.middleware import REFRESH_SECONDS, SEEN, STARTED, start_session
from beraad.accounts.models import Membership, Organisation, Role, Team, User
from beraad.deliberation.models import Deliberation, Option, Value
from beraad.live.loadtest.http import Person, Room
from beraad.live.models import GuestInvite, LiveSession, new_code

ORGANISATION_SLUG = "live-benchmark"
EMAIL_DOMAIN = "live-benchmark.beraad.test"


@dataclass
class Setup:
    """What the load needs from the set-up."""

    rooms: list[Room]
    baseline: tuple[str, int]  # a member's session key and the quiet deliberation's id
    quiet_team: str  # the slug of the quiet deliberation's team
    value_ids: list[int]  # built-in values a choice may name as deciding


class BenchmarkData:
    """Makes the benchmark's data and removes it; remembers every session made for the run."""

    def __init__(self) -> None:
        # Members' sessions made here, and guests' sessions the load adds as they join.
        self.session_keys: list[str] = []

    def remove(self) -> None:
        """The benchmark's organisation, teams, people, deliberations and the run's sessions."""
        organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
        users = User.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}")
        if organisation is None and not users.exists():
            return
        store = import_module(settings.SESSION_ENGINE).SessionStore
        with transaction.atomic():
            teams = Team.objects.filter(organisation=organisation)
            Deliberation.objects.filter(team__in=teams).delete()
            for key in self.session_keys:
                store(session_key=key).delete()
            users.delete()
            teams.delete()
            if organisation is not None:
                organisation.delete()

    def sign_in(self, user: User) -> str:
        """A session as the login page leaves it (``start_session``: its start, its last
        activity and the second-factor check noted), without the password check.

        The sign-ins are spread over the minute before the set-up, as people come into a meeting
        one by one: each session notes its activity again (one write) a minute after its own
        sign-in, not all of them in the same second."""
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        start_session(store, user=user)
        earlier = len(self.session_keys) * 7 % REFRESH_SECONDS
        store[STARTED] -= earlier
        store[SEEN] -= earlier
        store.create()
        self.session_keys.append(store.session_key)
        return str(store.session_key)

    def make_rooms(self, count: int, participants: int) -> Setup:
        """The teams, people and deliberations; and a baseline member with a quiet deliberation."""
        sizes = [participants // count + (i < participants % count) for i in range(count)]
        password = make_password(None)  # unusable: nobody signs in to these accounts
        values = list(Value.objects.filter(team=None).values_list("id", flat=True)[:5])
        with transaction.atomic():
            # Invented people whose sessions are made here: no second factor to set up.
            organisation = Organisation.objects.create(
                name="Livebenchmark (verzonnen)", slug=ORGANISATION_SLUG, mfa_required=False
            )
            teams = Team.objects.bulk_create(
                Team(
                    organisation=organisation,
                    name=f"Livebenchmark {n:02d}",
                    slug=f"{ORGANISATION_SLUG}-{n:02d}",
                )
                for n in range(1, count + 1)
            )
            members = [size - 1 if size > 1 else size for size in sizes]  # one guest each
            users = User.objects.bulk_create(
                User(email=f"{who}@{EMAIL_DOMAIN}", name=name, password=password)
                for n, team in enumerate(teams)
                for who, name in [
                    (f"facilitator-{n + 1:02d}", f"Gespreksleider {n + 1:02d}"),
                    *(
                        (f"member-{n + 1:02d}-{m:02d}", f"Deelnemer {n + 1:02d}-{m:02d}")
                        for m in range(1, members[n] + 1)
                    ),
                ]
            )
            baseline_user = User.objects.create(
                email=f"baseline@{EMAIL_DOMAIN}", name="Meting", password=password
            )
            by_team: list[list[User]] = []
            position = 0
            for n in range(count):
                by_team.append(users[position : position + 1 + members[n]])
                position += 1 + members[n]
            Membership.objects.bulk_create(
                [
                    Membership(
                        user=user, team=team, role=Role.FACILITATOR if i == 0 else Role.MEMBER
                    )
                    for team, people in zip(teams, by_team, strict=True)
                    for i, user in enumerate(people)
                ]
                + [Membership(user=baseline_user, team=teams[0], role=Role.MEMBER)]
            )
            made = Deliberation.objects.bulk_create(
                Deliberation(
                    team=team,
                    title=f"Livebenchmark {n + 1:02d}",
                    current_step="decision",
                    case_description="Een verzonnen casus voor de meting.",
                    dilemma_question="Delen we de informatie, of houden we het stil?",
                    created_by=people[0],
                )
                for n, (team, people) in enumerate(zip(teams, by_team, strict=True))
            )
            quiet = Deliberation.objects.create(
                team=teams[0], title="Livebenchmark: meting", current_step="decision"
            )
            Option.objects.bulk_create(
                Option(deliberation=d, title=f"Optie {k}") for d in made for k in "ABC"
            )
            sessions = LiveSession.objects.bulk_create(
                LiveSession(deliberation=d, step="decision", join_code=new_code())
                for d in [*made, quiet]
            )
            rooms = []
            for n, (deliberation, team, people) in enumerate(
                zip(made, teams, by_team, strict=True)
            ):
                room = Room(
                    deliberation_id=deliberation.pk,
                    team_slug=team.slug,
                    by_name=n % 2 == 1,
                    option_ids=list(
                        Option.objects.filter(deliberation=deliberation).values_list(
                            "id", flat=True
                        )
                    ),
                    facilitator_key=self.sign_in(people[0]),
                    people=[Person(session_key=self.sign_in(user)) for user in people[1:]],
                )
                if sizes[n] > 1:
                    _invite, key = GuestInvite.issue(
                        sessions[n], label="vrijwilliger", hours=4, by=people[0]
                    )
                    room.people.append(Person(guest_key=key))
                rooms.append(room)
        return Setup(rooms, (self.sign_in(baseline_user), quiet.pk), teams[0].slug, values)
