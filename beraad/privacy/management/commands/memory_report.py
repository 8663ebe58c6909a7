"""What a gunicorn server with the personal-data detector costs in memory, per process.

The run, in a throwaway SQLite database in a temporary folder (the configured database is not
touched):

1. ``migrate`` and a facilitator with one deliberation whose case text holds personal data, signed
   in by writing their session directly (both in child processes pointed at that database).
2. gunicorn with ``gunicorn.conf.py`` (``--workers``, default 3; DEBUG off), until every worker
   has logged that it is ready. Then ``--requests`` requests, each on a new connection so the
   workers share them: the login page, the deliberation's case step and its conclude page (both
   run the personal-data check over the stored text, deduce included).
3. RSS, PSS and USS of the master and of each worker from ``/proc/<pid>/smaps_rollup`` (see
   ``beraad/lib/memory.py``), and the total PSS: what the server costs the machine.
4. Unless --no-compare, the same with ``BERAAD_PRELOAD=false`` (each worker loads its own copy of
   the detector, the way before ``gunicorn.conf.py``), in the same run.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.urls import reverse

from beraad.lib import memory
from beraad.lib.memory import MB

TARGET_WORKER_USS_MB = 150
TARGET_TOTAL_PSS_MB = 1536  # 1 master + 3 workers
CASE_TEXT = (
    "Mevrouw Jansen (82) woont aan de Dorpsstraat 12 in Utrecht. Haar zoon Pieter belde op "
    "06-12345678 over de thuiszorg; zij wil niet dat hij haar dossier inziet."
)


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(port: int, path: str, cookie: str) -> int:
    """One GET on a new connection; its status."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        answer = connection.getresponse()
        answer.read()
        return answer.status
    finally:
        connection.close()


class Command(BaseCommand):
    help = (
        "Start gunicorn with gunicorn.conf.py (DEBUG off, a throwaway SQLite database), send a few "
        "requests that run the personal-data check, and print RSS, PSS and USS of the master and "
        "of each worker, and the total PSS; then the same without preloading (each worker its own "
        f"detector) for comparison. Targets: a worker's USS ≤ {TARGET_WORKER_USS_MB} MB, 1 master + "
        f"3 workers ≤ {TARGET_TOTAL_PSS_MB} MB PSS in total."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--workers", type=int, default=3)
        parser.add_argument("--threads", type=int, default=4)
        parser.add_argument(
            "--requests", type=int, default=30, help="requests per page (default 30)"
        )
        parser.add_argument(
            "--no-compare",
            action="store_true",
            help="skip the run without preloading (it needs a detector's memory per worker)",
        )
        # The child process's part: the data in the throwaway database, printed as JSON.
        parser.add_argument("--prepare", action="store_true", help="(used internally)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["prepare"]:
            self.stdout.write(json.dumps(self.prepare()))
            return
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads must be 1 or more.")
        with tempfile.TemporaryDirectory(prefix="memory-report-") as folder:
            environment = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
                "BERAAD_SQLITE_PATH": str(Path(folder) / "memory-report.sqlite3"),
                "BERAAD_VAR_DIR": folder,
                "DEBUG": "false",
                "ALLOWED_HOSTS": "127.0.0.1",
                "WEB_CONCURRENCY": str(options["workers"]),
                "BERAAD_THREADS": str(options["threads"]),
            }
            manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
            self.stdout.write("memory_report: a throwaway database (migrate) …")
            self.stdout.flush()
            subprocess.run(  # noqa: S603 - our own interpreter and arguments
                [*manage, "migrate", "--noinput", "-v0"], env=environment, check=True
            )
            prepared = json.loads(
                subprocess.run(  # noqa: S603
                    [*manage, "memory_report", "--prepare"],
                    env=environment,
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            results = {}
            for preload in [True] if options["no_compare"] else [True, False]:
                results[preload] = self.measure(environment, prepared, preload, options)
        on = results[True]
        self.stdout.write(
            f"\nTargets with the detector preloaded: one more worker's USS ≤ "
            f"{TARGET_WORKER_USS_MB} MB: {on['uss'] / MB:.1f} MB "
            f"{'PASS' if on['uss'] <= TARGET_WORKER_USS_MB * MB else 'MISS'}"
        )
        if options["workers"] == 3:
            self.stdout.write(
                f"1 master + 3 workers ≤ {TARGET_TOTAL_PSS_MB} MB PSS in total: "
                f"{on['pss'] / MB:.1f} MB {'PASS' if on['pss'] <= TARGET_TOTAL_PSS_MB * MB else 'MISS'}"
            )
        if False in results:
            off = results[False]
            self.stdout.write(
                f"Without preloading: {off['pss'] / MB:.1f} MB PSS in total, a worker's USS up to "
                f"{off['uss'] / MB:.1f} MB; preloaded: {on['pss'] / MB:.1f} MB "
                f"({off['pss'] / on['pss']:.1f}× less in total)."
            )

    def prepare(self) -> dict[str, Any]:
        """A facilitator, a team and a deliberation with personal data in its case text."""
        from beraad.accounts.models import Membership, Organisation, Role, Team, User
        from beraad.deliberation.models import Deliberation

        organisation = Organisation.objects.create(
            name="Geheugenmeting (verzonnen)", slug="memory-report", mfa_required=False
        )
        team = Team.objects.create(organisation=organisation, name="Meting", slug="meting")
        user = User.objects.create(
            email="meting@memory-report.beraad.test", name="Meting", password=make_password(None)
        )
        Membership.objects.create(user=user, team=team, role=Role.FACILITATOR)
        deliberation = Deliberation.objects.create(
            team=team, title="Geheugenmeting", case_description=CASE_TEXT, created_by=user
        )
        store = import_module(settings.SESSION_ENGINE).SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        where = {"team": team.slug, "pk": deliberation.pk}
        return {
            "cookie": f"{settings.SESSION_COOKIE_NAME}={store.session_key}",
            "paths": [  # a path, and whether it is asked for signed in
                (reverse("account_login"), False),
                (reverse("deliberation:step", kwargs=where | {"step": "case"}), True),
                (reverse("deliberation:conclude", kwargs=where), True),
            ],
        }

    def measure(
        self,
        environment: dict[str, str],
        prepared: dict[str, Any],
        preload: bool,
        options: dict[str, Any],
    ) -> dict[str, int]:
        port = free_port()
        workers = options["workers"]
        log = Path(environment["BERAAD_VAR_DIR"]) / f"gunicorn-preload-{preload}.log"
        self.stdout.write(
            f"\ngunicorn -c gunicorn.conf.py: {workers} workers × {options['threads']} threads, "
            f"preload {'on' if preload else 'off (each worker loads its own detector)'} …"
        )
        self.stdout.flush()
        started = time.monotonic()
        with open(log, "wb") as written:
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py"],
                env=environment
                | {"BERAAD_BIND": f"127.0.0.1:{port}", "BERAAD_PRELOAD": str(preload).lower()},
                cwd=settings.BASE_DIR,
                stdout=written,
                stderr=subprocess.STDOUT,
            )
        try:
            while log.read_text().count("] Worker ") < workers:
                if server.poll() is not None or time.monotonic() - started > 300:
                    raise CommandError(
                        f"gunicorn did not start within 300 s:\n{log.read_text()[-3000:]}"
                    )
                time.sleep(0.2)
            ready = time.monotonic() - started
            statuses = {
                path: get(port, path, prepared["cookie"] if signed_in else "")
                for path, signed_in in prepared["paths"]
                for _ in range(options["requests"])
            }
            if any(status != 200 for status in statuses.values()):
                raise CommandError(
                    f"Not every request answered 200: {statuses}\n{log.read_text()[-3000:]}"
                )
            time.sleep(1)
            self.stdout.write(
                f"every worker ready after {ready:.1f} s; {len(statuses) * options['requests']} "
                "requests answered "
                f"(login page, case step and conclude page with the personal-data check)."
            )
            for line in memory.server_table(server.pid):
                self.stdout.write(line)
            return {
                "pss": memory.total_pss(server.pid),
                "uss": memory.largest_worker_uss(server.pid),
            }
        finally:
            server.terminate()
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
