"""The load of `live_benchmark`, in asyncio: a baseline timed one request at a time, then every
participant as one browser tab that opens its device page, polls it every two seconds and sends a
choice and a rating when the facilitator opens those rounds, and every facilitator as a screen that
polls and control buttons that post, deliberation by deliberation spread over the run; with the
CPU of the servers and the machine and the lateness of the load generator's own loop noted
meanwhile."""

from __future__ import annotations

import asyncio
import itertools
import random
import re
import time
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError

from beraad.live.loadtest.http import (
    HttpClient,
    Person,
    Recorder,
    Room,
    machine_cpu_seconds,
    percentiles,
    server_cpu_seconds,
)

POLL_SECONDS = 2.0  # hx-trigger="every 2s"
ARRIVAL_SECONDS = 5.0  # participants open their device page within this time
BASELINE_REPEAT = 200

DEVICE_STATE = re.compile(rb"/live/\d+/state/\?v=(\d+)&amp;m=([\w-]+)")
SCREEN_STATE = re.compile(rb"/present/state/\?v=([\d.]+)")
HX_CSRF = re.compile(rb'"X-CSRFToken": "([^"]+)"')
FORM_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


class Scenario:
    """One run's load: its random choices, timing and the tabs it opens (each new tab starts at
    the next server, with --servers)."""

    def __init__(
        self,
        *,
        seed: int,
        window: float,
        duration: float,
        quiet_team: str,
        value_ids: list[int],
        session_keys: list[str],
    ) -> None:
        self.rng = random.Random(seed)  # noqa: S311 - timings, not secrets
        self.window = window
        self.duration = duration
        self.quiet_team = quiet_team
        self.value_ids = value_ids
        self.session_keys = session_keys  # a guest's session is added: removed with the data
        self.tabs = itertools.count()
        self.t0 = self.end = self.hard_end = 0.0

    async def load(
        self,
        rooms: list[Room],
        baseline: tuple[str, int],
        ports: list[int],
        masters: list[int],
        threads_total: int,
    ) -> tuple[Recorder, Recorder, dict[str, float]]:
        """The baseline, then the whole scenario; the recorders and the run's rate and CPU."""

        def server_cpu() -> float:
            return sum(server_cpu_seconds(master) for master in masters)

        base = await self.measure_baseline(ports, *baseline, connections=2 * threads_total)
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
