"""The load generator of live_benchmark: one tab spread over several servers (--servers)."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from beraad.accounts.middleware import SEEN
from beraad.live.loadtest.data import BenchmarkData
from beraad.live.loadtest.http import HttpClient


async def _serve(seen: list[tuple[int, str]]) -> tuple[asyncio.Server, int]:
    """A tiny keep-alive HTTP server that notes (its port, the Cookie header) of each request
    and sets a cookie on the first one it sees."""

    async def answer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        port = writer.get_extra_info("sockname")[1]
        while line := await reader.readline():
            if not line.strip():
                continue
            cookie = ""
            while (header := await reader.readline()) not in (b"\r\n", b""):
                name, _sep, value = header.decode().partition(":")
                if name.lower() == "cookie":
                    cookie = value.strip()
            seen.append((port, cookie))
            body = str(port).encode()
            extra = b"Set-Cookie: sessionid=abc; Path=/\r\n" if len(seen) == 1 else b""
            writer.write(
                b"HTTP/1.1 200 OK\r\n"
                + extra
                + f"Content-Length: {len(body)}\r\n\r\n".encode()
                + body
            )
            await writer.drain()
        writer.close()

    server = await asyncio.start_server(answer, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def test_it_sends_a_tabs_requests_to_the_servers_in_turn_with_its_cookies() -> None:
    async def scenario() -> tuple[list[tuple[int, str]], list[int], list[bytes]]:
        seen: list[tuple[int, str]] = []
        first, port_a = await _serve(seen)
        second, port_b = await _serve(seen)
        client = HttpClient([port_a, port_b])
        bodies = [(await client.request("GET", "/")).body for _ in range(4)]
        connections = len(client.connections)
        await client.close()
        first.close()
        second.close()
        return seen, [port_a, port_b, connections], bodies

    # In a thread of its own: the browser tests of the same run keep an event loop running here.
    with ThreadPoolExecutor(1) as thread:
        seen, (port_a, port_b, connections), bodies = thread.submit(
            asyncio.run, scenario()
        ).result()
    assert [port for port, _cookie in seen] == [port_a, port_b, port_a, port_b]
    assert bodies == [str(p).encode() for p in (port_a, port_b, port_a, port_b)]
    # The cookie one server set goes to the other one too, like a browser behind a balancer.
    assert [cookie for _port, cookie in seen] == [
        "",
        "sessionid=abc",
        "sessionid=abc",
        "sessionid=abc",
    ]
    assert connections == 2  # one keep-alive connection to each, reused


def test_tabs_opened_one_after_another_start_at_the_servers_in_turn() -> None:
    """As a balancer's round robin over all requests: the tabs' first (heaviest) requests are
    spread over the servers instead of all landing on the first."""
    client_a = HttpClient([1, 2], first=0)
    client_b = HttpClient([1, 2], first=1)
    assert (client_a.port, client_b.port) == (1, 2)


def test_its_members_sessions_are_as_the_login_page_leaves_them(db: None, client: Client) -> None:
    """A member's first device page in the benchmark does what a signed-in person's does: no
    second-factor check and no session write (the login page did both), so the arrivals it
    measures carry no work a real arrival does not."""
    data = BenchmarkData()
    setup = data.make_rooms(1, 4)
    room = setup.rooms[0]
    key = room.people[0].session_key
    stored = Session.objects.get(session_key=key).session_data
    client.cookies[settings.SESSION_COOKIE_NAME] = key
    with CaptureQueriesContext(connection) as queries:
        assert client.get(f"/live/{room.deliberation_id}/").status_code == 200
    assert Session.objects.get(session_key=key).session_data == stored
    writes = ('UPDATE "django_session"', 'INSERT INTO "django_session"')
    assert not [q for q in queries.captured_queries if q["sql"].startswith(writes)]
    # Signed in one after another over the minute before: not every session notes its
    # activity again in the same second.
    seen = {SessionStore(session_key=k)[SEEN] for k in data.session_keys}
    assert len(seen) == len(data.session_keys)
    data.remove()
    assert not Session.objects.filter(session_key__in=data.session_keys).exists()
