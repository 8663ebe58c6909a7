"""Latency of live deliberations under load: many devices polling a real gunicorn server.

The run, in the database the settings point to (use a throwaway one: the access log keeps the
run's entries, it is append-only):

1. Set-up. One organisation ("live-benchmark") with one team per deliberation; each team has a
   facilitator and its deliberation at step 7 (decision) with three options. Each deliberation gets
   its share of the participants: one guest with a single-use link, the others signed-in members.
   Members are signed in by writing their session directly (the login page is not what is
   measured); the guest redeems the link over HTTP like a person would.
2. A gunicorn server (gthread workers) on a free loopback port, with the same database settings and
   DEBUG off, started with the repository's gunicorn.conf.py; with --servers N, N such servers on N
   ports against the same database. Each master loads the personal-data detector before it forks
   its workers (they share it); the load starts when the servers are idle. Before the
   load, a signed-in page (/join/), an unchanged poll and a device page (a logged read) are timed
   one request at a time: the baseline.
3. The load: every participant is one keep-alive HTTP/1.1 connection (asyncio, no extra library);
   with several servers, one to each, and its requests go to the servers in turn (the session,
   the CSRF token and the live round must hold whichever server answers).
   Participants arrive over a few seconds, open their device page and poll its state every two
   seconds, as htmx does. Deliberation by deliberation, spread over the run, the facilitator opens
   the round of choices (anonymous for half of the deliberations, by name for the other half);
   participants see it on their next poll and send their choice at a random moment within
   --window seconds. When all have answered the facilitator reveals, moves on to the evaluation and
   opens the ratings; everyone rates once. The facilitator's screen polls too, and each control
   button is a form POST followed by the presentation page, as in a browser.
4. Figures per kind of request: count, p50/p95/p99/max in milliseconds (client side, from sending
   to the whole answer), errors (a status other than expected, a broken connection, or no answer
   within 15 s); the request rate, the server's and the load generator's CPU (they share this
   machine, and so does anything else running: its CPU is printed too), and how late the load
   generator's own event loop ran. With several servers, the figures per server. The p95 of the
   first 10 s against the rest's (a server that is not ready yet shows there), and a timeline by
   5 s with the CPU the servers and the whole machine used meanwhile: which phase the slow
   requests are in, and whether the machine was full then.
5. The database afterwards: a Choice row for every choice that was answered as received, a Rating
   row for every rating, no pending choice left, and no name on an anonymous choice.

Fails (non-zero exit) on any error, lost or missing submission; the targets (p95 ≤ 50 ms over all
requests under load, and the first 10 s's p95 ≤ 2 × the rest's) are printed as PASS or MISS, they
do not fail the run. The set-up data is removed at the end unless
--keep, and at the start if an earlier run left it.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import random
import re
import resource
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from importlib import import_module
from importlib.metadata import version as package_version
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from beraad.accounts.models import Membership, Organisation, Role, Team, User
from beraad.deliberation.models import Choice, Deliberation, Option, Rating, Value
from beraad.lib import memory
from beraad.live.loadtest import (
    HttpClient,
    Person,
    Recorder,
    Room,
    free_port,
    machine_cpu_seconds,
    percentiles,
    server_cpu_seconds,
    worker_pids,
)
from beraad.live.models import GuestInvite, LiveSession, PendingChoice, new_code

TARGET_P95_MS = 50
START_SECONDS = 10  # the first seconds of the run, compared with the rest
TARGET_START_RATIO = 2.0
ORGANISATION_SLUG = "live-benchmark"
EMAIL_DOMAIN = "live-benchmark.beraad.test"
POLL_SECONDS = 2.0  # hx-trigger="every 2s"
ARRIVAL_SECONDS = 5.0  # participants open their device page within this time
KEEP_ALIVE_SECONDS = 75  # gunicorn's default (2 s) would drop a connection polled every 2 s
BASELINE_REPEAT = 200
TIMELINE_SECONDS = 5

DEVICE_STATE = re.compile(rb"/live/\d+/state/\?v=(\d+)&amp;m=([\w-]+)")
SCREEN_STATE = re.compile(rb"/present/state/\?v=([\d.]+)")
HX_CSRF = re.compile(rb'"X-CSRFToken": "([^"]+)"')
FORM_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


# --- The command -----------------------------------------------------------------------------


class Command(BaseCommand):
    help = (
        "Load-test live deliberations against gunicorn on this machine: PARTICIPANTS devices "
        "(one guest per deliberation, the others signed-in members) in DELIBERATIONS live "
        "deliberations poll every 2 s, choose (anonymously or by name), see the reveal and rate. "
        "Prints p50/p95/p99 latency per kind of request beside a baseline timed in the same run, "
        f"checks that every submission is in the database, and reports the targets (p95 ≤ "
        f"{TARGET_P95_MS} ms; the first {START_SECONDS} s's p95 ≤ {TARGET_START_RATIO:.0f} × the "
        "rest's). --servers N runs N servers on one database and spreads every participant's "
        "requests over them. Fails on any error or lost submission. Creates its own data "
        f"(organisation {ORGANISATION_SLUG!r}) and removes it afterwards unless --keep; "
        "run it on a throwaway database: the access log keeps the run's entries."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--participants", type=int, default=300)
        parser.add_argument("--deliberations", type=int, default=30)
        parser.add_argument(
            "--duration", type=float, default=60.0, help="seconds of polling (default 60)"
        )
        parser.add_argument(
            "--window",
            type=float,
            default=10.0,
            help="participants send their choice or rating within this many seconds of seeing "
            "the round open (default 10)",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=3,
            help="gunicorn worker processes per server (default 3: cores + 1; they share the "
            "master's personal-data detector, each adds about 55 MB of its own)",
        )
        parser.add_argument(
            "--threads",
            type=int,
            default=4,
            help="threads per gunicorn worker (default 4: they overlap database waits)",
        )
        parser.add_argument(
            "--servers",
            type=int,
            default=1,
            help="gunicorn instances against the same database, each on its own port (default "
            "1); with 2 or more every participant sends its requests to them in turn, like a "
            "load balancer that spreads requests without sticky sessions",
        )
        parser.add_argument("--port", type=int, default=0, help="default: a free port")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--keep", action="store_true", help="keep the benchmark's data")
        parser.add_argument(
            "--yes",
            action="store_true",
            help="confirm that the database the settings point to is a throwaway one",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"]:
            raise CommandError(
                f"live_benchmark writes its data and append-only access-log entries into "
                f"{connection.vendor} database {connection.settings_dict['NAME']!r}. Point "
                f"BERAAD_SQLITE_PATH or DATABASE_URL at a throwaway database and add --yes."
            )
        self.tabs = itertools.count()  # each new tab starts at the next server (--servers)
        participants, deliberations = options["participants"], options["deliberations"]
        if deliberations < 1 or participants < deliberations:
            raise CommandError("Give at least one deliberation and one participant for each.")
        if options["workers"] < 1 or options["threads"] < 1 or options["servers"] < 1:
            raise CommandError("--workers, --threads and --servers must be 1 or more.")
        self.rng = random.Random(options["seed"])  # noqa: S311 - timings, not secrets
        self.window = options["window"]
        self.duration = options["duration"]
        self.session_keys: list[str] = []
        self.remove_data()
        rooms, baseline = self.make_rooms(deliberations, participants)
        connection.close()  # the server's workers have the database to themselves meanwhile
        try:
            self.run(rooms, baseline, options)
        finally:
            if not options["keep"]:
                self.remove_data()

    # --- set-up ---------------------------------------------------------------------------------

    def remove_data(self) -> None:
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
        """A session as the login page would leave it, without the password check."""
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        self.session_keys.append(store.session_key)
        return str(store.session_key)

    def make_rooms(self, count: int, participants: int) -> tuple[list[Room], tuple[str, int]]:
        """The teams, people and deliberations; and a baseline member with a quiet deliberation."""
        sizes = [participants // count + (i < participants % count) for i in range(count)]
        password = make_password(None)  # unusable: nobody signs in to these accounts
        values = list(Value.objects.filter(team=None).values_list("id", flat=True)[:5])
        self.value_ids = values
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
            LiveSession.objects.bulk_create(
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
                    session = LiveSession.objects.get(pk=deliberation.pk)
                    _invite, key = GuestInvite.issue(
                        session, label="vrijwilliger", hours=4, by=people[0]
                    )
                    room.people.append(Person(guest_key=key))
                rooms.append(room)
        self.quiet_team = teams[0].slug
        return rooms, (self.sign_in(baseline_user), quiet.pk)

    # --- the server -------------------------------------------------------------------------------

    def run(self, rooms: list[Room], baseline: tuple[str, int], options: dict[str, Any]) -> None:
        port = options["port"] or free_port()
        ports = [port]
        while len(ports) < options["servers"]:
            ports += [p for p in [free_port()] if p not in ports]
        workers, threads = options["workers"], options["threads"]
        self.threads_total = workers * threads * len(ports)
        environment = os.environ | {
            "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", "beraad.settings"),
            "DEBUG": "false",
        }
        if "127.0.0.1" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
            environment["ALLOWED_HOSTS"] = ",".join([*settings.ALLOWED_HOSTS, "127.0.0.1"])
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            # The repository's config (detector loaded before forking, shared by the workers);
            # the options below override its settings for this run.
            "-c",
            str(settings.BASE_DIR / "gunicorn.conf.py"),
            "beraad.wsgi:application",
            f"--bind=127.0.0.1:{port}",
            f"--workers={workers}",
            f"--threads={threads}",
            "--worker-class=gthread",
            f"--keep-alive={KEEP_ALIVE_SECONDS}",
            "--timeout=60",
            f"--chdir={settings.BASE_DIR}",
        ]
        log = tempfile.NamedTemporaryFile(prefix="live-benchmark-", suffix=".log", delete=False)  # noqa: SIM115
        database = connection.vendor
        if database == "sqlite":
            database += f" ({connection.settings_dict['NAME']})"
        people = sum(len(r.people) for r in rooms)
        guests = sum(p.is_guest for r in rooms for p in r.people)
        self.stdout.write(
            f"Live benchmark: {people} participants ({people - guests} signed in, {guests} guests) "
            f"in {len(rooms)} deliberations ({sum(not r.by_name for r in rooms)} anonymous, "
            f"{sum(r.by_name for r in rooms)} by name), {len(rooms)} facilitators; "
            f"database {database}."
        )
        started = time.monotonic()
        servers: list[subprocess.Popen[bytes]] = []
        try:
            for each in ports:  # the same command, on its own port
                on_port = [
                    f"--bind=127.0.0.1:{each}" if a.startswith("--bind=") else a for a in command
                ]
                servers.append(
                    subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
                        on_port, env=environment, stdout=log, stderr=subprocess.STDOUT
                    )
                )
            for server, each in zip(servers, ports, strict=True):
                self.wait_until_ready(server, each, log.name)
            self.stdout.write(
                f"gunicorn {package_version('gunicorn')} on 127.0.0.1:"
                f"{', '.join(str(p) for p in ports)}: {len(ports)} × ({workers} workers × "
                f"{threads} threads, gthread), keep-alive {KEEP_ALIVE_SECONDS} s; "
                f"ready and idle after {time.monotonic() - started:.1f} s "
                f"({os.cpu_count()} cores on this machine).\n"
            )
            soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
            resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 65536)), hard))
            recorder, base, timing = asyncio.run(
                self.load(rooms, baseline, ports, [s.pid for s in servers])
            )
            used = [  # after the load, before the servers stop
                line
                for n, server in enumerate(servers, start=1)
                for line in [f"server {n}:", *memory.server_table(server.pid)]
            ]
        finally:
            workers_of = {server.pid: worker_pids(server.pid) for server in servers}
            for server in servers:
                server.send_signal(signal.SIGTERM)
            for server in servers:
                try:
                    server.wait(timeout=40)  # gunicorn's graceful timeout is 30 s
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
                for pid in workers_of[server.pid]:  # a killed master leaves its workers running
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
        with open(log.name) as written:
            crashed = any(s in written.read() for s in ("Traceback", "WORKER TIMEOUT", "[ERROR]"))
        if not crashed:
            os.unlink(log.name)
        self.report(rooms, recorder, base, timing)
        self.stdout.write("\nMemory of the server after the load (/proc/<pid>/smaps_rollup):")
        self.stdout.write("\n".join(used))
        self.verify(rooms, recorder, crashed, log.name)

    def wait_until_ready(self, server: subprocess.Popen[bytes], port: int, log: str) -> None:
        """Until it answers, and then until its workers have loaded the detector (CPU idle)."""
        deadline = time.monotonic() + 180
        while True:
            if server.poll() is not None:
                raise CommandError(f"gunicorn stopped at start-up; see {log}")
            if time.monotonic() > deadline:
                raise CommandError(f"gunicorn did not answer within 180 s; see {log}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                time.sleep(0.2)
        before = server_cpu_seconds(server.pid)
        while time.monotonic() < deadline:
            time.sleep(1)
            now = server_cpu_seconds(server.pid)
            if now - before < 0.05:
                return
            before = now
        raise CommandError("gunicorn's workers did not become idle within 180 s.")

    # --- the load ---------------------------------------------------------------------------------

    async def load(
        self, rooms: list[Room], baseline: tuple[str, int], ports: list[int], masters: list[int]
    ) -> tuple[Recorder, Recorder, dict[str, float]]:
        def server_cpu() -> float:
            return sum(server_cpu_seconds(master) for master in masters)

        base = await self.measure_baseline(ports, *baseline, connections=2 * self.threads_total)
        recorder = Recorder()
        scenario = 2 * self.window + 15  # round, reveal, next step, ratings, as timed below
        spread = max(0.0, self.duration - ARRIVAL_SECONDS - 2 - scenario)
        for n, room in enumerate(rooms):
            room.start_at = ARRIVAL_SECONDS + 2 + spread * n / max(1, len(rooms) - 1)
        loop = asyncio.get_running_loop()
        self.t0 = loop.time()
        self.end = self.t0 + self.duration
        self.hard_end = self.end + 2 * self.window + 90
        lag: list[float] = []
        monitor = asyncio.create_task(self.watch_loop(lag))
        cpu_monitor = asyncio.create_task(self.watch_cpu(recorder, server_cpu))
        cpu_before, own_before = server_cpu(), time.process_time()
        machine_before = machine_cpu_seconds()
        tasks = [self.facilitator(recorder, room, ports) for room in rooms]
        tasks += [self.participant(recorder, room, p, ports) for room in rooms for p in room.people]
        await asyncio.gather(*tasks)
        monitor.cancel()
        cpu_monitor.cancel()
        elapsed = recorder.ended - recorder.started
        server_used = server_cpu() - cpu_before
        own_cpu = time.process_time() - own_before
        other_cpu = machine_cpu_seconds() - machine_before - server_used - own_cpu
        timing = {
            "elapsed": elapsed,
            "server_cpu": server_used / elapsed,
            "own_cpu": own_cpu / elapsed,
            "other_cpu": max(0.0, other_cpu / elapsed),
            "lag_p95": percentiles(lag)[1],
            "lag_max": max(lag, default=0.0),
        }
        return recorder, base, timing

    async def watch_cpu(self, recorder: Recorder, server_cpu: Any) -> None:
        """The CPU used by the servers and by the whole machine, noted every second, so that the
        timeline shows whether a slow moment was a busy one."""
        while True:
            if recorder.started:
                at = time.perf_counter() - recorder.started
                recorder.cpu.append((at, server_cpu(), machine_cpu_seconds()))
            await asyncio.sleep(1.0)

    async def watch_loop(self, lag: list[float]) -> None:
        """How late the load generator's own loop runs: that much of a latency is ours."""
        loop = asyncio.get_running_loop()
        while True:
            planned = loop.time() + 0.05
            await asyncio.sleep(0.05)
            lag.append((loop.time() - planned) * 1000)

    async def measure_baseline(
        self, ports: list[int], session_key: str, quiet: int, connections: int
    ) -> Recorder:
        """One request at a time, before the load: a signed-in page and an unchanged poll.

        First every worker is warmed up (templates, URL patterns, connections): a server that has
        been up for a while has done that, and the run would otherwise time the first requests.
        """
        warm, base = Recorder(), Recorder()
        cookies = {settings.SESSION_COOKIE_NAME: session_key}
        client = HttpClient(ports, cookies, next(self.tabs))
        page = await warm.call("warm-up", client, "GET", f"/live/{quiet}/")
        found = DEVICE_STATE.search(page.body) if page else None
        if found is None:
            raise CommandError("The baseline device page has no polling element.")
        # Opening the page took a seat: ask once, in case that moved the version on.
        answer = await warm.call(
            "warm-up", client, "GET", self.state_url(quiet, found), expect=(200, 204)
        )
        state = self.state_url(
            quiet, (DEVICE_STATE.search(answer.body) if answer else None) or found
        )
        paths = ["/join/", f"/live/{quiet}/", state, f"/t/{self.quiet_team}/d/{quiet}/present/"]

        async def warm_up() -> None:
            tab = HttpClient(ports, dict(cookies), next(self.tabs))
            for _ in range(3):
                for path in paths:
                    await warm.call("warm-up", tab, "GET", path, expect=(200, 204))
            await tab.close()

        await asyncio.gather(*(warm_up() for _ in range(connections)))
        if warm.errors:
            raise CommandError(f"Warming up the server failed: {dict(warm.errors)}")
        for kind, path in [
            ("baseline: /join/, signed in", "/join/"),
            ("baseline: poll, unchanged (204)", state),
            # A read of case material: logged, so it appends to the access log's chain.
            ("baseline: device page (logged)", f"/live/{quiet}/"),
        ]:
            for _ in range(10):
                await client.request("GET", path)
            for _ in range(BASELINE_REPEAT):
                await base.call(kind, client, "GET", path, expect=(200, 204))
        await client.close()
        return base

    @staticmethod
    def state_url(pk: int, found: re.Match[bytes]) -> str:
        return f"/live/{pk}/state/?v={found[1].decode()}&m={found[2].decode()}"

    async def sleep_until(self, at: float) -> None:
        await asyncio.sleep(max(0.0, self.t0 + at - asyncio.get_running_loop().time()))

    async def participant(
        self, rec: Recorder, room: Room, person: Person, ports: list[int]
    ) -> None:
        cookies = {settings.SESSION_COOKIE_NAME: person.session_key} if person.session_key else {}
        client = HttpClient(ports, cookies, next(self.tabs))
        await self.sleep_until(self.rng.uniform(0, ARRIVAL_SECONDS))
        device = f"/live/{room.deliberation_id}/"
        if person.is_guest and not await self.redeem(rec, client, person.guest_key):
            room.gone()
            return
        page = await rec.call("device page", client, "GET", device)
        found = DEVICE_STATE.search(page.body) if page else None
        token = HX_CSRF.search(page.body) if page else None
        if found is None or token is None:
            room.gone()
            await client.close()
            return
        csrf = {"X-CSRFToken": token[1].decode(), "HX-Request": "true"}
        loop = asyncio.get_running_loop()
        next_poll = loop.time() + self.rng.uniform(0, POLL_SECONDS)
        due: dict[str, float] = {}  # "choice"/"rating": when this person sends it
        sent: set[str] = set()
        last_shown = b""

        def schedule(state: re.Match[bytes]) -> None:
            """What the device shows open now (the first page or a changed poll): send it soon."""
            step, _contributions, collecting, _named, ratings, *_ = state[2].decode().split("-")
            wants = {
                "choice": step == "decision" and collecting == "open",
                "rating": step == "evaluation" and ratings == "1",
            }
            for action, now_open in wants.items():
                if now_open and action not in sent and action not in due:
                    due[action] = loop.time() + self.rng.uniform(0.5, self.window)

        schedule(found)  # a device opened while a round is already open shows its form at once
        while loop.time() < self.hard_end and not (loop.time() >= self.end and room.done.is_set()):
            what, at = min([("poll", next_poll), *due.items()], key=lambda item: item[1])
            await asyncio.sleep(max(0.0, at - loop.time()))
            if what != "poll":
                del due[what]
                sent.add(what)
                room.answered(what, await self.submit(rec, client, room, what, csrf))
                continue
            polled = loop.time()
            answer = await rec.call(
                {204: "poll: unchanged (204)", 200: "poll: changed (200)"},
                client,
                "GET",
                self.state_url(room.deliberation_id, found),
                expect=(200, 204),
                headers={"HX-Request": "true"},
            )
            # htmx polls every 2 s; a swapped-in element starts its own timer.
            next_poll = polled + POLL_SECONDS + self.rng.uniform(-0.05, 0.05)
            if answer is None or answer.status == 204:
                continue
            next_poll = loop.time() + POLL_SECONDS
            shown = DEVICE_STATE.sub(b"", answer.body)
            if shown == last_shown:
                rec.nothing_new += 1  # the version moved for something this device does not show
            last_shown = shown
            found = DEVICE_STATE.search(answer.body) or found
            schedule(found)
        for action in {"choice", "rating"} - sent:
            room.answered(action, ok=False)  # never saw it open: the check reports it missing
        await client.close()

    async def redeem(self, rec: Recorder, client: HttpClient, key: str) -> bool:
        """A guest opens the link, agrees to confidentiality and joins (a redirect to the device)."""
        page = await rec.call("guest link page", client, "GET", f"/guest/{key}/")
        token = FORM_CSRF.search(page.body) if page else None
        if token is None:
            return False
        form = {"csrfmiddlewaretoken": token[1].decode(), "confidential": "on"}
        joined = await rec.call(
            "guest join", client, "POST", f"/guest/{key}/", expect=(302,), form=form
        )
        if joined is None:
            return False
        self.session_keys.append(client.cookies.get(settings.SESSION_COOKIE_NAME, ""))
        return True

    async def submit(
        self, rec: Recorder, client: HttpClient, room: Room, what: str, headers: dict[str, str]
    ) -> bool:
        if what == "choice":
            form = {
                "option": self.rng.choice(room.option_ids),
                "harm": "Het vertrouwen kan eronder lijden.",
                "needs": "Steun van het team.",
            }
            if self.value_ids and self.rng.random() < 0.7:
                form["deciding_value"] = self.rng.choice(self.value_ids)
        else:
            form = {"score": self.rng.randint(1, 5)}
        path = f"/live/{room.deliberation_id}/{what}/"
        # 200 with the panel means received; 409 (closed, or sent already) and 400 are errors.
        return await rec.call(what, client, "POST", path, form=form, headers=headers) is not None

    async def facilitator(self, rec: Recorder, room: Room, ports: list[int]) -> None:
        """The screen polls on one connection; the control buttons post on another."""
        cookies = {settings.SESSION_COOKIE_NAME: room.facilitator_key}
        control = HttpClient(ports, cookies, next(self.tabs))
        screen = HttpClient(ports, cookies, next(self.tabs))
        base = f"/t/{room.team_slug}/d/{room.deliberation_id}/present/"
        await self.sleep_until(self.rng.uniform(0, ARRIVAL_SECONDS))
        page = await rec.call("presentation page", control, "GET", base)
        token = HX_CSRF.search(page.body) if page else None
        found = SCREEN_STATE.search(page.body) if page else None
        if token is None or found is None:
            room.problems.append("the presentation did not open")
            room.done.set()
            return
        state, csrf = {"v": found[1].decode()}, token[1].decode()
        poller = asyncio.create_task(self.poll_screen(rec, room, screen, base, state))

        async def press(command: str) -> None:
            form = {"csrfmiddlewaretoken": csrf, "do": command}
            if await rec.call(
                "control", control, "POST", f"{base}control/", expect=(302,), form=form
            ):
                page = await rec.call("presentation page", control, "GET", base)
                found = SCREEN_STATE.search(page.body) if page else None
                state["v"] = found[1].decode() if found else state["v"]

        await self.sleep_until(room.start_at)
        await press("collect-named" if room.by_name else "collect-anonymous")
        if not await self.wait(room.all_chosen, self.window + 30):
            room.problems.append(f"{room.choices_answered} choices answered before the reveal")
        await asyncio.sleep(2)
        await press("reveal")
        await asyncio.sleep(4)
        await press("next")
        await asyncio.sleep(1)
        await press("open-ratings")
        if not await self.wait(room.all_rated, self.window + 30):
            room.problems.append(f"{room.ratings_answered} ratings answered before closing")
        await asyncio.sleep(2)
        await press("close-ratings")
        room.done.set()
        await poller
        await control.close()

    @staticmethod
    async def wait(event: asyncio.Event, seconds: float) -> bool:
        try:
            await asyncio.wait_for(event.wait(), seconds)
        except TimeoutError:
            return False
        return True

    async def poll_screen(
        self, rec: Recorder, room: Room, client: HttpClient, base: str, state: dict[str, str]
    ) -> None:
        loop = asyncio.get_running_loop()
        await asyncio.sleep(self.rng.uniform(0, POLL_SECONDS))
        while loop.time() < self.hard_end and not (loop.time() >= self.end and room.done.is_set()):
            polled = loop.time()
            answer = await rec.call(
                {204: "screen poll: unchanged (204)", 200: "screen poll: changed (200)"},
                client,
                "GET",
                f"{base}state/?v={state['v']}",
                expect=(200, 204),
                headers={"HX-Request": "true"},
            )
            found = SCREEN_STATE.search(answer.body) if answer is not None else None
            if found is not None:
                state["v"] = found[1].decode()
            await asyncio.sleep(max(0.0, polled + POLL_SECONDS - loop.time()))
        await client.close()

    # --- the figures ------------------------------------------------------------------------------

    def table(self, recorder: Recorder, baseline_p50: float | None = None) -> None:
        header = f"{'request':34} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7}"
        self.stdout.write(header + (f" {'p50 × base':>11}" if baseline_p50 else ""))
        errors = Counter[str]()
        for (kind, _reason), n in recorder.errors.items():
            errors[kind] += n
        for kind in sorted(recorder.times, key=lambda k: -len(recorder.times[k])):
            times = recorder.times[kind]
            p50, p95, p99, top = percentiles(times)
            ratio = f" {p50 / baseline_p50:11.1f}" if baseline_p50 else ""
            self.stdout.write(
                f"{kind:34} {len(times):6d} {p50:8.1f} {p95:8.1f} {p99:8.1f} {top:8.1f} "
                f"{errors[kind]:7d}{ratio}"
            )
        for kind in sorted(set(errors) - set(recorder.times)):
            self.stdout.write(f"{kind:34} {0:6d} {'':8} {'':8} {'':8} {'':8} {errors[kind]:7d}")

    def report(
        self, rooms: list[Room], recorder: Recorder, base: Recorder, timing: dict[str, float]
    ) -> None:
        self.stdout.write(
            f"Baseline before the load, one request at a time ({BASELINE_REPEAT} each):"
        )
        self.table(base)
        base_p50 = statistics.median(base.times["baseline: poll, unchanged (204)"])
        every = [t for times in recorder.times.values() for t in times]
        server_db = "" if connection.vendor == "sqlite" else " (the database server among them)"
        self.everything = percentiles(every)
        self.stdout.write(
            f"\nUnder load: {len(every)} requests in {timing['elapsed']:.1f} s "
            f"({len(every) / timing['elapsed']:.0f} per second) over "
            f"{sum(len(r.people) for r in rooms) + 2 * len(rooms)} connections. "
            f"CPU: server {timing['server_cpu']:.2f} cores, load generator "
            f"{timing['own_cpu']:.2f} cores, other processes{server_db} {timing['other_cpu']:.2f} cores "
            f"(of {os.cpu_count()}); the load generator's loop ran "
            f"late by {timing['lag_p95']:.1f} ms at p95 ({timing['lag_max']:.0f} ms at most)."
        )
        self.table(recorder, base_p50)
        p50, p95, p99, top = self.everything
        errors = sum(recorder.errors.values())
        self.stdout.write(
            f"{'all requests under load':34} {len(every):6d} {p50:8.1f} {p95:8.1f} {p99:8.1f} "
            f"{top:8.1f} {errors:7d} {p50 / base_p50:11.1f}"
        )
        for (kind, reason), n in sorted(recorder.errors.items()):
            self.stdout.write(f"  error: {kind}: {reason} × {n}")
        changed = len(recorder.times["poll: changed (200)"])
        self.stdout.write(
            f"  {recorder.nothing_new} of {changed} changed device polls brought the same section "
            "as the device's previous changed poll (same text and mode): the version had moved "
            "for something the device does not show."
        )
        if recorder.retried:
            self.stdout.write(
                f"  {recorder.retried} GETs were sent again: the server had closed the connection."
            )
        if len(recorder.by_server) > 1:
            self.stdout.write("By server (every participant's requests go to each in turn):")
            for port, times in sorted(recorder.by_server.items()):
                p50, p95, p99, top = percentiles(times)
                self.stdout.write(
                    f"{'  127.0.0.1:' + str(port):34} {len(times):6d} {p50:8.1f} {p95:8.1f} "
                    f"{p99:8.1f} {top:8.1f}"
                )
        first = [ms for at, ms in recorder.samples if at < START_SECONDS]
        rest = [ms for at, ms in recorder.samples if at >= START_SECONDS]
        self.start_p95, self.rest_p95 = percentiles(first)[1], percentiles(rest)[1]
        self.stdout.write(
            f"First {START_SECONDS} s: {len(first)} requests, p95 {self.start_p95:.1f} ms; "
            f"the rest: {len(rest)} requests, p95 {self.rest_p95:.1f} ms; ratio "
            f"{self.start_p95 / self.rest_p95 if self.rest_p95 else 0:.2f}."
        )
        self.timeline(recorder)

    def timeline(self, recorder: Recorder) -> None:
        """Latency by TIMELINE_SECONDS of the run, beside the CPU the servers and the whole
        machine used meanwhile (in cores): a slow moment on a full machine waits for a core."""
        self.stdout.write(f"\nBy {TIMELINE_SECONDS} s of the run (all requests):")
        self.stdout.write(
            f"{'seconds':>9} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
            f"{'server cores':>13} {'machine cores':>14}"
        )
        buckets: dict[int, list[float]] = defaultdict(list)
        for at, ms in recorder.samples:
            buckets[int(at // TIMELINE_SECONDS)].append(ms)
        for bucket, times in sorted(buckets.items()):
            p50, p95, _p99, top = percentiles(times)
            span = f"{bucket * TIMELINE_SECONDS}–{(bucket + 1) * TIMELINE_SECONDS}"
            start, end = bucket * TIMELINE_SECONDS, (bucket + 1) * TIMELINE_SECONDS
            inside = [c for c in recorder.cpu if start <= c[0] <= end]
            cpu = ""
            if len(inside) >= 2:
                seconds = inside[-1][0] - inside[0][0]
                server = (inside[-1][1] - inside[0][1]) / seconds
                machine = (inside[-1][2] - inside[0][2]) / seconds
                cpu = f" {server:13.2f} {machine:14.2f}"
            self.stdout.write(f"{span:>9} {len(times):6d} {p50:8.1f} {p95:8.1f} {top:8.1f}{cpu}")

    def verify(self, rooms: list[Room], recorder: Recorder, crashed: bool, log: str) -> None:
        """Every submission answered as received is in the database, and nothing else is."""
        ids = [r.deliberation_id for r in rooms]
        sent_choices = sum(r.choices_ok for r in rooms)
        sent_ratings = sum(r.ratings_ok for r in rooms)
        people = sum(len(r.people) for r in rooms)
        choices = Counter(
            Choice.objects.filter(deliberation_id__in=ids).values_list("deliberation_id", flat=True)
        )
        ratings = Counter(
            Rating.objects.filter(deliberation_id__in=ids).values_list("deliberation_id", flat=True)
        )
        pending = PendingChoice.objects.filter(session_id__in=ids).count()
        anonymous = [r.deliberation_id for r in rooms if not r.by_name]
        named_anonymous = Choice.objects.filter(
            deliberation_id__in=anonymous, participant__isnull=False
        ).count()
        unnamed = Choice.objects.filter(
            deliberation_id__in=[r.deliberation_id for r in rooms if r.by_name],
            participant__isnull=True,
        ).count()
        lost = sum(
            abs(r.choices_ok - choices[r.deliberation_id])
            + abs(r.ratings_ok - ratings[r.deliberation_id])
            for r in rooms
        )
        self.stdout.write(
            f"\nDatabase: choices received {sent_choices} of {people}, rows "
            f"{sum(choices.values())}; ratings received {sent_ratings} of {people}, rows "
            f"{sum(ratings.values())}; pending choices left {pending}; anonymous choices with a "
            f"name {named_anonymous}; choices by name without one {unnamed}."
        )
        self.stdout.write(f"lost submissions: {lost}")
        for room in rooms:
            for problem in room.problems:
                self.stdout.write(f"  deliberation {room.deliberation_id}: {problem}")
        p95 = self.everything[1]
        verdict = "PASS" if p95 <= TARGET_P95_MS else "MISS"
        self.stdout.write(
            f"Target p95 ≤ {TARGET_P95_MS} ms over all requests under load: {p95:.1f} ms {verdict}"
        )
        ratio = self.start_p95 / self.rest_p95 if self.rest_p95 else 0.0
        verdict = "PASS" if ratio <= TARGET_START_RATIO else "MISS"
        self.stdout.write(
            f"Target p95 of the first {START_SECONDS} s ≤ {TARGET_START_RATIO:.0f} × the rest's: "
            f"{self.start_p95:.1f} / {self.rest_p95:.1f} ms = {ratio:.2f} {verdict}"
        )
        failures = []
        if errors := sum(recorder.errors.values()):
            failures.append(f"{errors} errors")
        if lost:
            failures.append(f"{lost} lost submissions")
        if sent_choices < people or sent_ratings < people:
            failures.append("not every participant could send a choice and a rating")
        if pending or named_anonymous or unnamed:
            failures.append("choices left pending or with the wrong name")
        if crashed:
            failures.append(f"a server worker failed (see {log})")
        if failures:
            raise CommandError("; ".join(failures) + ".")
