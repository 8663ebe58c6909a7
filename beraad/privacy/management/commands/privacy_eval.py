"""Recall and precision of personal-data detection on the labelled Dutch evaluation set."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beraad.privacy.evaluation import score
from beraad.privacy.spans import DIRECT, KINDS


def _pct(value: float | None) -> str:
    return "   -" if value is None else f"{value:4.2f}"


class Command(BaseCommand):
    help = (
        "Print recall and precision per kind of personal data, for deduce alone and for Beraad's combined "
        "detector, on the labelled evaluation set in beraad/privacy/evaluation."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with an error when the combined detector misses a target.",
        )
        parser.add_argument(
            "--coreference",
            action="store_true",
            help="Score coreference of names instead (see evaluation/coreference_score.py).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["coreference"]:
            from beraad.privacy.evaluation.coreference_report import report

            if not report(self.stdout) and options["check"]:
                raise CommandError("Coreference misses its target.")
            return
        development = self._table("development set", score.SET_PATH)
        if score.HOLDOUT_PATH.exists():
            self.stdout.write("")
            holdout = self._table("held-out set (never used to tune the rules)", score.HOLDOUT_PATH)
            self._verdict("held-out set", holdout)
        failed = self._verdict("development set", development)
        if failed and options["check"]:
            raise CommandError("The combined detector misses its targets on the development set.")

    def _table(self, title: str, path: Path) -> score.Score:
        samples = score.load(path)
        alone = score.score(samples, score.deduce_detector())
        combined = score.score(samples, score.combined_detector())
        labelled = sum(combined.labelled.values())
        self.stdout.write(
            f"{title}: {path.name}, {len(samples)} sentences, {labelled} labelled identifiers"
        )
        header = f"{'kind':<15}{'n':>5}   {'deduce alone':^15}   {'combined':^15}   target"
        self.stdout.write(header)
        self.stdout.write(
            f"{'':<15}{'':>5}   {'recall':>7}{'prec.':>8}   {'recall':>7}{'prec.':>8}   recall"
        )
        self.stdout.write("-" * len(header))
        for kind in KINDS:
            self.stdout.write(self._row(kind, [kind], alone, combined, f"{score.target(kind):.2f}"))
        self.stdout.write("-" * len(header))
        direct = [k for k in KINDS if k in DIRECT]
        other = [k for k in KINDS if k not in DIRECT]
        self.stdout.write(
            self._row("direct", direct, alone, combined, f"{score.RECALL_DIRECT:.2f}")
        )
        self.stdout.write(self._row("other", other, alone, combined, f"{score.RECALL_OTHER:.2f}"))
        self.stdout.write(
            self._row("all", list(KINDS), alone, combined, f"prec. {score.PRECISION:.2f}")
        )
        return combined

    def _verdict(self, title: str, combined: score.Score) -> bool:
        shortfalls = score.meets_targets(combined)
        if shortfalls:
            self.stdout.write(f"{title}: combined detector misses: " + "; ".join(shortfalls))
        else:
            self.stdout.write(f"{title}: combined detector meets every target")
        return bool(shortfalls)

    @staticmethod
    def _row(
        name: str, kinds: list[str], alone: score.Score, combined: score.Score, goal: str
    ) -> str:
        n = sum(combined.labelled[k] for k in kinds)
        return (
            f"{name:<15}{n:>5}   {_pct(alone.recall(kinds)):>7}{_pct(alone.precision(kinds)):>8}"
            f"   {_pct(combined.recall(kinds)):>7}{_pct(combined.precision(kinds)):>8}   {goal}"
        )
