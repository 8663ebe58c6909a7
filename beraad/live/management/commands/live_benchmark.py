"""Latency of live deliberations under load: many devices polling a real gunicorn server.

The run, in the database the settings point to (use a throwaway one: the access log keeps the
run's entries, it is append-only):

1. Set-up. One organisation ("live-benchmark") with one team per deliberation; each team has a
   facilitator and its deliberation at step 7 (decision) with three options. Each deliberation gets
   its share of the participants: one guest with a single-use link, the others signed-in members.
   Members are signed in by writing their session directly, as the login page leaves it (the
   login page is not what is measured), one after another over the minute before; the guest
   redeems the link over HTTP like a person would.
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
import os
import resource
import signal
import socket
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version as package_version
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from beraad.lib import memory
from beraad.live.loadtest.data import ORGANISATION_SLUG, BenchmarkData, Setup
from beraad.live.loadtest.http import free_port, server_cpu_seconds, worker_pids
from beraad.live.loadtest.report import (
    START_SECONDS,
    TARGET_P95_MS,
    TARGET_START_RATIO,
    report,
    verify,
)
from beraad.live.loadtest.scenario import Scenario

KEEP_ALIVE_SECONDS = 75  # gunicorn's default (2 s) would drop a connection polled every 2 s


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
        participants, deliberations = options["participants"], options["deliberations"]
        if deliberations < 1 or participants < deliberations:
            raise CommandError("Give at least one deliberation and one participant for each.")
        if options["workers"] < 1 or options["threads"] < 1 or options["servers"] < 1:
            raise CommandError("--workers, --threads and --servers must be 1 or more.")
        data = BenchmarkData()
        data.remove()
        setup = data.make_rooms(deliberations, participants)
        scenario = Scenario(
            seed=options["seed"],
            window=options["window"],
            duration=options["duration"],
            quiet_team=setup.quiet_team,
            value_ids=setup.value_ids,
            session_keys=data.session_keys,
        )
        connection.close()  # the server's workers have the database to themselves meanwhile
        try:
            self.run(setup, scenario, options)
        finally:
            if not options["keep"]:
                data.remove()

    # --- the server -------------------------------------------------------------------------------

    def run(self, setup: Setup, scenario: Scenario, options: dict[str, Any]) -> None:
        """Starts the servers, waits until they are idle, runs the load, stops them, reports."""
        rooms = setup.rooms
        port = options["port"] or free_port()
        ports = [port]
        while len(ports) < options["servers"]:
            ports += [p for p in [free_port()] if p not in ports]
        workers, threads = options["workers"], options["threads"]
        threads_total = workers * threads * len(ports)
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
                scenario.load(rooms, setup.baseline, ports, [s.pid for s in servers], threads_total)
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
        figures = report(self.stdout, rooms, recorder, base, timing)
        self.stdout.write("\nMemory of the server after the load (/proc/<pid>/smaps_rollup):")
        self.stdout.write("\n".join(used))
        verify(self.stdout, rooms, recorder, figures, crashed, log.name)

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
