"""Measure how fast the personal-data check answers for a 5,000-character text after warm-up."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from beraad.privacy import detector, rules

PARAGRAPH = (
    "Mevrouw JANSEN (34) woont sinds kort aan de Kerkstraat 12A, 3512 AB Utrecht. Ze belde op "
    "06-12345678 over haar zoon Piet de Vries, een 15-jarige die niet meer naar school gaat. "
    "De wijkverpleegkundige maakt zich zorgen over de wondzorg en over de schulden; het dossier "
    "heeft nummer 2023-04567. De buurvrouw helpt met boodschappen, maar zegt dat het haar te veel "
    "wordt. In het overleg spraken we af dat de casusregisseur contact opneemt met de huisarts. "
)


def sample(n: int) -> str:
    text = (PARAGRAPH * (5000 // len(PARAGRAPH) + 1))[:4990]
    return f"{text} #{n:05d}"  # a different text each run: no cached answers


def timed(
    check: Callable[[str], Any], runs: int, offset: int, cpu: list[float] | None = None
) -> list[float]:
    """Wall-clock milliseconds per run; the process's CPU milliseconds go to ``cpu`` if given
    (on a busy machine wall-clock time also counts the time spent waiting for a core)."""
    times = []
    for n in range(runs):
        text = sample(offset + n)
        started, started_cpu = time.perf_counter(), time.process_time()
        check(text)
        times.append((time.perf_counter() - started) * 1000)
        if cpu is not None:
            cpu.append((time.process_time() - started_cpu) * 1000)
    return times


class Command(BaseCommand):
    help = (
        "Time the full check (deduce + own rules) on 5,000-character texts after warm-up, each run on "
        "a new text so no cache helps, beside the own rules alone as the baseline of the same run. "
        "Target: median under 50 ms."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--runs", type=int, default=50)

    def handle(self, *args: Any, **options: Any) -> None:
        runs = options["runs"]
        detector.load_deduce()
        timed(detector.detect, 5, 10_000)  # warm-up
        full_cpu: list[float] = []
        rules_cpu: list[float] = []
        full = timed(detector.detect, runs, 0, full_cpu)
        baseline = timed(rules.find, runs, 20_000, rules_cpu)
        full_median, base_median = statistics.median(full), statistics.median(baseline)
        p95 = sorted(full)[int(0.95 * (len(full) - 1))]
        self.stdout.write(f"text length: {len(sample(0))} characters, {runs} runs each")
        self.stdout.write(
            f"full check (deduce + rules): median {full_median:.1f} ms, p95 {p95:.1f} ms"
        )
        self.stdout.write(f"baseline (own rules only):   median {base_median:.1f} ms")
        self.stdout.write(f"ratio full / baseline: {full_median / max(base_median, 1e-6):.1f}x")
        self.stdout.write(
            f"CPU time (not waiting for a core): full check median "
            f"{statistics.median(full_cpu):.1f} ms, own rules median "
            f"{statistics.median(rules_cpu):.1f} ms"
        )
        verdict = "PASS" if full_median < 50 else "FAIL"
        self.stdout.write(f"target median < 50 ms: {verdict}")
