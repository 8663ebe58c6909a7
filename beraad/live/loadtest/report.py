"""The figures of `live_benchmark`, written to the command's output: the baseline and the load
by kind of request (count, p50/p95/p99/max, errors), by server, the first seconds against the rest,
a timeline beside the CPU used meanwhile, and the check of the database afterwards with the targets;
the check raises CommandError when an error, a lost submission or a failed worker fails the run."""

from __future__ import annotations

import os
import statistics
from collections import Counter, defaultdict
from typing import NamedTuple

from django.core.management.base import CommandError, OutputWrapper
from django.db import connection

from beraad.deliberation.models import Choice, Rating
from beraad.live.loadtest.http import Recorder, Room, percentiles
from beraad.live.loadtest.scenario import BASELINE_REPEAT
from beraad.live.models import PendingChoice

TARGET_P95_MS = 50
START_SECONDS = 10  # the first seconds of the run, compared with the rest
TARGET_START_RATIO = 2.0
TIMELINE_SECONDS = 5


class Figures(NamedTuple):
    """What the verdict needs from the report."""

    everything: tuple[float, float, float, float]  # p50, p95, p99, max over all under load
    start_p95: float  # the first START_SECONDS
    rest_p95: float


def table(out: OutputWrapper, recorder: Recorder, baseline_p50: float | None = None) -> None:
    """A row per kind of request: count, percentiles, errors (and p50 against the baseline's)."""
    header = f"{'request':34} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'errors':>7}"
    out.write(header + (f" {'p50 × base':>11}" if baseline_p50 else ""))
    errors = Counter[str]()
    for (kind, _reason), n in recorder.errors.items():
        errors[kind] += n
    for kind in sorted(recorder.times, key=lambda k: -len(recorder.times[k])):
        times = recorder.times[kind]
        p50, p95, p99, top = percentiles(times)
        ratio = f" {p50 / baseline_p50:11.1f}" if baseline_p50 else ""
        out.write(
            f"{kind:34} {len(times):6d} {p50:8.1f} {p95:8.1f} {p99:8.1f} {top:8.1f} "
            f"{errors[kind]:7d}{ratio}"
        )
    for kind in sorted(set(errors) - set(recorder.times)):
        out.write(f"{kind:34} {0:6d} {'':8} {'':8} {'':8} {'':8} {errors[kind]:7d}")


def report(
    out: OutputWrapper,
    rooms: list[Room],
    recorder: Recorder,
    base: Recorder,
    timing: dict[str, float],
) -> Figures:
    """The baseline, the load by kind of request and by server, the first seconds against the
    rest, and the timeline."""
    out.write(f"Baseline before the load, one request at a time ({BASELINE_REPEAT} each):")
    table(out, base)
    base_p50 = statistics.median(base.times["baseline: poll, unchanged (204)"])
    every = [t for times in recorder.times.values() for t in times]
    server_db = "" if connection.vendor == "sqlite" else " (the database server among them)"
    everything = percentiles(every)
    out.write(
        f"\nUnder load: {len(every)} requests in {timing['elapsed']:.1f} s "
        f"({len(every) / timing['elapsed']:.0f} per second) over "
        f"{sum(len(r.people) for r in rooms) + 2 * len(rooms)} connections. "
        f"CPU: server {timing['server_cpu']:.2f} cores, load generator "
        f"{timing['own_cpu']:.2f} cores, other processes{server_db} {timing['other_cpu']:.2f} cores "
        f"(of {os.cpu_count()}); the load generator's loop ran "
        f"late by {timing['lag_p95']:.1f} ms at p95 ({timing['lag_max']:.0f} ms at most)."
    )
    table(out, recorder, base_p50)
    p50, p95, p99, top = everything
    errors = sum(recorder.errors.values())
    out.write(
        f"{'all requests under load':34} {len(every):6d} {p50:8.1f} {p95:8.1f} {p99:8.1f} "
        f"{top:8.1f} {errors:7d} {p50 / base_p50:11.1f}"
    )
    for (kind, reason), n in sorted(recorder.errors.items()):
        out.write(f"  error: {kind}: {reason} × {n}")
    changed = len(recorder.times["poll: changed (200)"])
    out.write(
        f"  {recorder.nothing_new} of {changed} changed device polls brought the same section "
        "as the device's previous changed poll (same text and mode): the version had moved "
        "for something the device does not show."
    )
    if recorder.retried:
        out.write(
            f"  {recorder.retried} GETs were sent again: the server had closed the connection."
        )
    if len(recorder.by_server) > 1:
        out.write("By server (every participant's requests go to each in turn):")
        for port, times in sorted(recorder.by_server.items()):
            p50, p95, p99, top = percentiles(times)
            out.write(
                f"{'  127.0.0.1:' + str(port):34} {len(times):6d} {p50:8.1f} {p95:8.1f} "
                f"{p99:8.1f} {top:8.1f}"
            )
    first = [ms for at, ms in recorder.samples if at < START_SECONDS]
    rest = [ms for at, ms in recorder.samples if at >= START_SECONDS]
    start_p95, rest_p95 = percentiles(first)[1], percentiles(rest)[1]
    out.write(
        f"First {START_SECONDS} s: {len(first)} requests, p95 {start_p95:.1f} ms; "
        f"the rest: {len(rest)} requests, p95 {rest_p95:.1f} ms; ratio "
        f"{start_p95 / rest_p95 if rest_p95 else 0:.2f}."
    )
    timeline(out, recorder)
    return Figures(everything, start_p95, rest_p95)


def timeline(out: OutputWrapper, recorder: Recorder) -> None:
    """Latency by TIMELINE_SECONDS of the run, beside the CPU the servers and the whole
    machine used meanwhile (in cores): a slow moment on a full machine waits for a core."""
    out.write(f"\nBy {TIMELINE_SECONDS} s of the run (all requests):")
    out.write(
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
        out.write(f"{span:>9} {len(times):6d} {p50:8.1f} {p95:8.1f} {top:8.1f}{cpu}")


def verify(
    out: OutputWrapper,
    rooms: list[Room],
    recorder: Recorder,
    figures: Figures,
    crashed: bool,
    log: str,
) -> None:
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
    out.write(
        f"\nDatabase: choices received {sent_choices} of {people}, rows "
        f"{sum(choices.values())}; ratings received {sent_ratings} of {people}, rows "
        f"{sum(ratings.values())}; pending choices left {pending}; anonymous choices with a "
        f"name {named_anonymous}; choices by name without one {unnamed}."
    )
    out.write(f"lost submissions: {lost}")
    for room in rooms:
        for problem in room.problems:
            out.write(f"  deliberation {room.deliberation_id}: {problem}")
    p95 = figures.everything[1]
    verdict = "PASS" if p95 <= TARGET_P95_MS else "MISS"
    out.write(
        f"Target p95 ≤ {TARGET_P95_MS} ms over all requests under load: {p95:.1f} ms {verdict}"
    )
    ratio = figures.start_p95 / figures.rest_p95 if figures.rest_p95 else 0.0
    verdict = "PASS" if ratio <= TARGET_START_RATIO else "MISS"
    out.write(
        f"Target p95 of the first {START_SECONDS} s ≤ {TARGET_START_RATIO:.0f} × the rest's: "
        f"{figures.start_p95:.1f} / {figures.rest_p95:.1f} ms = {ratio:.2f} {verdict}"
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
