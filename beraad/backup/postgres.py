"""PostgreSQL: ``pg_dump`` in custom format from one exported snapshot, ``pg_restore`` into one
transaction.

The manifest's counts and the dump must describe the same moment while the server writes: a
REPEATABLE READ transaction exports its snapshot (``pg_export_snapshot()``), the counts are read in
it, and ``pg_dump --snapshot`` dumps exactly what that transaction sees. The transaction stays
open until pg_dump has finished.

The programs are found in BERAAD_PG_BIN_DIR (settings.PG_BIN_DIR) or on the PATH; they should be
of the server's major version (pg_dump refuses a newer server). The connection is passed in PG*
environment variables, so no password appears in a process list. Their error output is shown with
quoted values left out (a failing COPY quotes the row's data), keeping only names Beraad knows.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import IO, Any, cast

from django.conf import settings
from django.db import connections

from beraad.backup.archive import CHUNK

# DATABASES OPTIONS that libpq also reads from the environment.
OPTION_VARIABLES = {
    "sslmode": "PGSSLMODE",
    "sslrootcert": "PGSSLROOTCERT",
    "sslcert": "PGSSLCERT",
    "sslkey": "PGSSLKEY",
    "sslcrl": "PGSSLCRL",
    "passfile": "PGPASSFILE",
    "service": "PGSERVICE",
    "connect_timeout": "PGCONNECT_TIMEOUT",
    "target_session_attrs": "PGTARGETSESSIONATTRS",
}
# A restore with --replace waits at most this long for a lock (a server still running) instead of
# waiting for ever.
LOCK_TIMEOUT = "60s"


class ToolProblem(Exception):
    pass


def tool(name: str) -> str:
    bin_dir = getattr(settings, "PG_BIN_DIR", "")
    if bin_dir:
        path = Path(bin_dir) / name
        if not (path.is_file() and os.access(path, os.X_OK)):
            raise ToolProblem(
                f"{name} is not in BERAAD_PG_BIN_DIR ({bin_dir}). Point BERAAD_PG_BIN_DIR at the "
                "folder that holds pg_dump and pg_restore of the server's PostgreSQL version, "
                "e.g. /usr/lib/postgresql/15/bin."
            )
        return str(path)
    found = shutil.which(name)
    if found is None:
        raise ToolProblem(
            f"{name} was not found on the PATH. Install PostgreSQL's client programs of the "
            "server's version (Debian: postgresql-client-15), or set BERAAD_PG_BIN_DIR to the "
            "folder that holds pg_dump and pg_restore, e.g. /usr/lib/postgresql/15/bin."
        )
    return found


def version(path: str) -> str:
    done = subprocess.run(  # noqa: S603 (our own tool path, no shell)
        [path, "--version"], capture_output=True, text=True, check=False, timeout=30
    )
    return done.stdout.strip()


def environment(settings_dict: dict[str, Any]) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("PG")}
    for key, variable in [
        ("NAME", "PGDATABASE"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
    ]:
        if settings_dict.get(key):
            env[variable] = str(settings_dict[key])
    for option, variable in OPTION_VARIABLES.items():
        value = (settings_dict.get("OPTIONS") or {}).get(option)
        if value:
            env[variable] = str(value)
    env["PGAPPNAME"] = "beraad-backup"
    return env


def names_known(settings_dict: dict[str, Any], tables: Iterable[str]) -> set[str]:
    return {
        *tables,
        "public",
        str(settings_dict.get("NAME", "")),
        str(settings_dict.get("USER", "")),
        str(settings_dict.get("HOST", "")),
    } - {""}


def redact(output: bytes, known: set[str]) -> str:
    """The tool's error lines, each quoted value replaced by … unless it is a name we know."""
    kept = []
    for line in output.decode("utf-8", "replace").splitlines():
        if not re.search(r"\b(error|ERROR|FATAL|fatal)\b", line):
            continue  # CONTEXT, DETAIL, LINE and the like may quote rows
        line = re.sub(r'"([^"]*)"', lambda m: m.group(0) if m.group(1) in known else '"…"', line)
        line = re.sub(r"'([^']*)'", lambda m: m.group(0) if m.group(1) in known else "'…'", line)
        kept.append(line[:300])
    return "\n".join(kept[:6]) or "(no error message)"


@contextmanager
def exported_snapshot(alias: str) -> Iterator[tuple[Any, str, str]]:
    """A cursor inside a REPEATABLE READ, READ ONLY transaction, its exported snapshot's id and
    the server's version. A connection of its own, not the one Django's ORM uses."""
    wrapper = connections.create_connection(alias)
    try:
        wrapper.ensure_connection()
        with wrapper.connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot_id, server_version = cursor.fetchone()
            yield cursor, snapshot_id, server_version
            cursor.execute("COMMIT")
    finally:
        wrapper.close()


def dump(settings_dict: dict[str, Any], snapshot_id: str, write: Any, known: set[str]) -> None:
    """Run pg_dump on the snapshot and pass its output on, a chunk at a time."""
    command = [tool("pg_dump"), "--format=custom", f"--snapshot={snapshot_id}", "--no-password"]
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(  # noqa: S603 (our own tool path, no shell)
            command, stdout=subprocess.PIPE, stderr=errors, env=environment(settings_dict)
        )
        stdout = cast(IO[bytes], process.stdout)
        try:
            while chunk := stdout.read(CHUNK):
                write(chunk)
        except BaseException:
            process.kill()
            raise
        finally:
            stdout.close()
            returncode = process.wait()
        if returncode != 0:
            errors.seek(0)
            raise ToolProblem(f"pg_dump failed:\n{redact(errors.read(), known)}")


def restore(
    settings_dict: dict[str, Any], chunks: Iterator[bytes], *, replace: bool, known: set[str]
) -> None:
    """Feed the dump to pg_restore: all of it in one transaction, or nothing.

    Owners and privileges are not restored: the tables belong to the role that restores (the
    owner role that also runs ``migrate``); grant the application role its rights afterwards, as
    after every migrate (docs/postgresql-roles.sql, step 2)."""
    command = [
        tool("pg_restore"),
        "--dbname",
        str(settings_dict["NAME"]),
        "--single-transaction",
        "--exit-on-error",
        "--no-owner",
        "--no-privileges",
        "--no-password",
    ]
    if replace:
        command += ["--clean", "--if-exists"]
    env = environment(settings_dict)
    env["PGOPTIONS"] = f"-c lock_timeout={LOCK_TIMEOUT}"
    with tempfile.TemporaryFile() as errors:
        process = subprocess.Popen(  # noqa: S603 (our own tool path, no shell)
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            env=env,
        )
        stdin = cast(IO[bytes], process.stdin)
        try:
            for chunk in chunks:
                stdin.write(chunk)
        except BrokenPipeError:
            pass  # pg_restore stopped early: its error output says why
        except BaseException as problem:
            # A damaged backup: stop pg_restore before it reaches the end, so its single
            # transaction is rolled back and nothing is kept.
            finished = process.poll() == 0
            process.kill()
            process.wait()
            if finished:  # the damage was after the dump's end: pg_restore had committed
                raise ToolProblem(
                    f"pg_restore finished, but then the backup file turned out damaged ({problem}) "
                    "Do not use this database: restore another backup with --replace."
                ) from problem
            raise
        with suppress(BrokenPipeError):
            stdin.close()
        returncode = process.wait()
        if returncode != 0:
            errors.seek(0)
            raise ToolProblem(
                "pg_restore failed; nothing was restored (one transaction):\n"
                + redact(errors.read(), known)
            )
