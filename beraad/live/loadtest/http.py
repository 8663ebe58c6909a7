"""The load generator of `live_benchmark`: browser tabs as keep-alive HTTP/1.1 connections (asyncio,
no extra library), a recorder of latencies by kind of request, and CPU readings from /proc."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import statistics
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

REQUEST_TIMEOUT = 15.0

# --- One browser tab: a keep-alive HTTP/1.1 connection with its cookies ---------------------------


@dataclass
class Response:
    status: int
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str:
        return next((v for k, v in self.headers if k == name), "")


class ConnectionLost(Exception):
    """The server closed the connection before it answered."""


class HttpClient:
    """One browser tab. Given several ports (several servers behind one address, as a load
    balancer spreads them), it sends its requests to them in turn, one keep-alive connection to
    each, with the same cookies: a participant whose every other request lands on the other
    server. ``first`` is the turn it starts at: tabs started one after another begin at the
    servers in turn, as a balancer's round robin over all requests would send them (otherwise
    every tab's first request, the heaviest, would land on the same server)."""

    def __init__(
        self, port: int | list[int], cookies: dict[str, str] | None = None, first: int = 0
    ) -> None:
        self.ports = [port] if isinstance(port, int) else list(port)
        self.turn = first
        self.port = self.ports[first % len(self.ports)]  # the server the next request goes to
        self.cookies = cookies if cookies is not None else {}
        # port -> (reader, writer, used): a reused connection may have been closed meanwhile
        self.connections: dict[
            int, tuple[asyncio.StreamReader, asyncio.StreamWriter, list[bool]]
        ] = {}
        self.retries = 0

    async def close(self) -> None:
        for port in list(self.connections):
            await self._close(port)

    async def _close(self, port: int) -> None:
        _reader, writer, _used = self.connections.pop(port, (None, None, None))
        if writer is not None:
            writer.close()
            with contextlib.suppress(Exception):
                await writer.wait_closed()

    async def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response:
        self.port = port = self.ports[self.turn % len(self.ports)]
        self.turn += 1
        for attempt in (1, 2):
            known = self.connections.get(port)
            if known is None or known[0].at_eof():
                await self._close(port)
                reader, writer = await asyncio.open_connection("127.0.0.1", port)
                known = self.connections[port] = (reader, writer, [False])
            reader, writer, used = known
            writer.write(self._encode(port, method, path, form, headers or {}))
            try:
                await writer.drain()
                answer = await self._read(reader, method)
            except (ConnectionLost, ConnectionResetError, BrokenPipeError):
                reused = used[0]
                await self._close(port)
                # Like a browser: a GET on a reused connection the server had closed is sent again.
                if attempt == 1 and reused and method == "GET":
                    self.retries += 1
                    continue
                raise
            used[0] = True
            self._keep_cookies(answer)
            if answer.header("connection").lower() == "close":
                await self._close(port)
            return answer
        raise AssertionError("unreachable")

    def _encode(
        self,
        port: int,
        method: str,
        path: str,
        form: dict[str, Any] | None,
        headers: dict[str, str],
    ) -> bytes:
        body = urlencode(form).encode() if form is not None else b""
        lines = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{port}",
            "User-Agent: beraad-live-benchmark",
            "Accept: text/html",
        ]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            lines.append("Content-Type: application/x-www-form-urlencoded")
            lines.append(f"Content-Length: {len(body)}")
        lines.extend(f"{name}: {value}" for name, value in headers.items())
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body

    @staticmethod
    async def _read(reader: asyncio.StreamReader, method: str) -> Response:
        line = await reader.readline()
        if not line:
            raise ConnectionLost
        status = int(line.split()[1])
        headers = []
        while (line := await reader.readline()) not in (b"\r\n", b"\n", b""):
            name, _sep, value = line.decode("latin-1").partition(":")
            headers.append((name.strip().lower(), value.strip()))
        answer = Response(status, headers, b"")
        if method == "HEAD" or status in (204, 304) or status < 200:
            return answer
        if answer.header("transfer-encoding").lower() == "chunked":
            chunks = []
            while size := int((await reader.readline()).split(b";")[0], 16):
                chunks.append(await reader.readexactly(size))
                await reader.readline()
            await reader.readline()
            answer.body = b"".join(chunks)
        elif length := answer.header("content-length"):
            answer.body = await reader.readexactly(int(length))
        else:
            answer.body = await reader.read()
        return answer

    def _keep_cookies(self, answer: Response) -> None:
        for name, value in answer.headers:
            if name != "set-cookie":
                continue
            pair, *attributes = value.split(";")
            key, _sep, content = pair.strip().partition("=")
            if content and not any(a.strip().lower() == "max-age=0" for a in attributes):
                self.cookies[key] = content
            else:
                self.cookies.pop(key, None)


# --- What is measured --------------------------------------------------------------------------


class Recorder:
    def __init__(self) -> None:
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: Counter[tuple[str, str]] = Counter()
        self.retried = 0
        self.nothing_new = 0  # changed polls whose answer the device already showed
        self.samples: list[tuple[float, float]] = []  # (seconds since the first request, ms)
        self.by_server: dict[int, list[float]] = defaultdict(list)  # port -> ms
        # (seconds since the first request, server CPU seconds, machine CPU seconds) so far
        self.cpu: list[tuple[float, float, float]] = []
        self.started = self.ended = 0.0

    async def call(
        self,
        kind: str | dict[int, str],
        client: HttpClient,
        method: str,
        path: str,
        *,
        expect: tuple[int, ...] = (200,),
        form: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> Response | None:
        """One request, timed; ``kind`` may name it by the status (a poll: changed or not)."""
        name = kind if isinstance(kind, str) else next(iter(kind.values())).split(":")[0]
        started = time.perf_counter()
        self.started = self.started or started
        retries = client.retries
        try:
            answer = await asyncio.wait_for(
                client.request(method, path, form=form, headers=headers), REQUEST_TIMEOUT
            )
        except TimeoutError:
            await client.close()
            self.errors[(name, f"no answer within {REQUEST_TIMEOUT:.0f} s")] += 1
            return None
        except (OSError, ConnectionLost, asyncio.IncompleteReadError, ValueError) as error:
            await client.close()
            self.errors[(name, type(error).__name__)] += 1
            return None
        finally:
            self.ended = time.perf_counter()
            self.retried += client.retries - retries
        if not isinstance(kind, str):
            name = kind.get(answer.status, name)
        self.times[name].append((self.ended - started) * 1000)
        self.by_server[client.port].append((self.ended - started) * 1000)
        self.samples.append((started - self.started, (self.ended - started) * 1000))
        if answer.status not in expect:
            self.errors[(name, f"status {answer.status}")] += 1
            return None
        return answer


def percentiles(times: list[float]) -> tuple[float, float, float, float]:
    """p50, p95, p99 and the maximum."""
    if len(times) < 2:
        only = times[0] if times else 0.0
        return only, only, only, only
    cuts = statistics.quantiles(times, n=100, method="inclusive")
    return statistics.median(times), cuts[94], cuts[98], max(times)


# --- The deliberations, as set up and as they go -------------------------------------------------


@dataclass
class Person:
    session_key: str = ""  # a signed-in member
    guest_key: str = ""  # a guest's link

    @property
    def is_guest(self) -> bool:
        return bool(self.guest_key)


@dataclass
class Room:
    """One deliberation: its facilitator, its participants, and how far its scenario has come."""

    deliberation_id: int
    team_slug: str
    by_name: bool
    option_ids: list[int]
    facilitator_key: str
    people: list[Person]
    start_at: float = 0.0  # seconds into the run at which the facilitator opens the round
    choices_answered: int = 0
    choices_ok: int = 0
    ratings_answered: int = 0
    ratings_ok: int = 0
    all_chosen: asyncio.Event = field(default_factory=asyncio.Event)
    all_rated: asyncio.Event = field(default_factory=asyncio.Event)
    done: asyncio.Event = field(default_factory=asyncio.Event)
    problems: list[str] = field(default_factory=list)

    def answered(self, what: str, ok: bool) -> None:
        if what == "choice":
            self.choices_answered += 1
            self.choices_ok += ok
            if self.choices_answered >= len(self.people):
                self.all_chosen.set()
        else:
            self.ratings_answered += 1
            self.ratings_ok += ok
            if self.ratings_answered >= len(self.people):
                self.all_rated.set()

    def gone(self) -> None:
        """A participant who could not join answers nothing: do not wait for them."""
        self.answered("choice", ok=False)
        self.answered("rating", ok=False)


# --- The server ------------------------------------------------------------------------------


def _cpu_ticks(pid: int) -> tuple[int, int]:
    """(parent pid, user + system clock ticks) of a process, from /proc."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[1]), int(fields[11]) + int(fields[12])


def worker_pids(master: int) -> list[int]:
    """The processes whose parent is ``master`` (gunicorn's workers), from /proc."""
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if _cpu_ticks(int(entry))[0] == master:
                    pids.append(int(entry))
            except (OSError, IndexError, ValueError):
                continue
    return pids


def server_cpu_seconds(master: int) -> float:
    """CPU time used so far by gunicorn's master and its (current) workers."""
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            parent, ticks = _cpu_ticks(int(entry))
        except (OSError, IndexError, ValueError):
            continue
        if int(entry) == master or parent == master:
            total += ticks
    return total / os.sysconf("SC_CLK_TCK")


def machine_cpu_seconds() -> float:
    """CPU time used so far by everything on this machine (all cores), from /proc/stat."""
    with open("/proc/stat") as stat:
        user, nice, system, _idle, _iowait, irq, softirq, steal = stat.readline().split()[1:9]
    busy = sum(int(n) for n in (user, nice, system, irq, softirq, steal))
    return busy / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
