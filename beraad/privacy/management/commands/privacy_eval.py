"""Recall and precision of personal-data detection on the labelled Dutch evaluation sets, side by side."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from beraad.privacy.evaluation import score
from beraad.privacy.spans import DIRECT, KINDS

_COLUMN = 22  # characters per set: n, deduce alone, combined


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


@dataclass
class _Result:
    """One set's figures, or why there are none."""

    spec: score.EvaluationSet
    sentences: int = 0
    alone: score.Score | None = None
    combined: score.Score | None = None


class Command(BaseCommand):
    help = (
        "Print recall per kind of personal data and precision for the development set, the first "
        "held-out set and the new held-out set (beraad/privacy/evaluation), side by side, for deduce "
        "alone and for Beraad's combined detector, and whether each set meets its targets. A set "
        "whose file is missing is shown as not present."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--check",
            action="store_true",
            help="Exit with an error when the combined detector misses a target on the development set.",
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
        results = [self._evaluate(spec) for spec in score.SETS]
        self._header(results)
        self._rows(results)
        self.stdout.write("")
        failed = False
        for result in results:
            failed |= self._verdict(result) and result.spec.path == score.SET_PATH
        if failed and options["check"]:
            raise CommandError("The combined detector misses its targets on the development set.")

    @staticmethod
    def _evaluate(spec: score.EvaluationSet) -> _Result:
        if not spec.path.exists():
            return _Result(spec)
        samples = score.load(spec.path)
        return _Result(
            spec,
            sentences=len(samples),
            alone=score.score(samples, score.deduce_detector()),
            combined=score.score(samples, score.combined_detector()),
        )

    def _header(self, results: list[_Result]) -> None:
        self.stdout.write(
            "Recall per kind and precision; per set: n labelled, deduce alone, combined (deduce + "
            "Beraad's rules)."
        )
        for result in results:
            if result.combined is None:
                self.stdout.write(f"  {result.spec.name}: {result.spec.path.name}: not present")
            else:
                labelled = sum(result.combined.labelled.values())
                self.stdout.write(
                    f"  {result.spec.name}: {result.spec.path.name}, {result.sentences} sentences, "
                    f"{labelled} labelled identifiers"
                )
        self.stdout.write("")
        line = f"{'':<22}" + "".join(f"{r.spec.name:^{_COLUMN}}" for r in results)
        self.stdout.write(line.rstrip())
        self.stdout.write(
            (f"{'kind':<22}" + f"{'n':>5}{'deduce':>8}{'comb.':>7}  " * len(results)).rstrip()
        )
        self.stdout.write("-" * (22 + _COLUMN * len(results)))

    def _rows(self, results: list[_Result]) -> None:
        direct = [k for k in KINDS if k in DIRECT]
        other = [k for k in KINDS if k not in DIRECT]
        for kind in KINDS:
            self.stdout.write(self._recall_row(f"{kind}", [kind], results))
        self.stdout.write("-" * (22 + _COLUMN * len(results)))
        self.stdout.write(self._recall_row("recall direct", direct, results))
        self.stdout.write(self._recall_row("recall other", other, results))
        self.stdout.write(self._recall_row("recall all", list(KINDS), results))
        self.stdout.write(self._precision_row("precision all", list(KINDS), results))
        self.stdout.write(self._precision_row("precision direct", direct, results))
        cells = []
        for r in results:
            if r.combined is None:
                cells.append(f"{'not present':>20}  ")
            else:
                assert r.alone is not None
                cells.append(
                    f"{'':>5}{sum(r.alone.unlabelled.values()):>8}"
                    f"{sum(r.combined.unlabelled.values()):>7}  "
                )
        self.stdout.write((f"{'findings not labelled':<22}" + "".join(cells)).rstrip())
        self.stdout.write(
            "(findings not labelled: places found in a set that labels no places; left out of "
            "precision)"
        )

    @staticmethod
    def _recall_row(name: str, kinds: list[str], results: list[_Result]) -> str:
        return Command._row(name, kinds, results, "labelled", "recall")

    @staticmethod
    def _precision_row(name: str, kinds: list[str], results: list[_Result]) -> str:
        return Command._row(name, kinds, results, "predicted", "precision")

    @staticmethod
    def _row(name: str, kinds: list[str], results: list[_Result], counted: str, rate: str) -> str:
        """One line: per set the number counted, deduce alone's and the combined detector's rate."""
        cells = []
        for r in results:
            if r.combined is None or r.alone is None:
                cells.append(f"{'not present':>20}  ")
                continue
            n = sum(getattr(r.combined, counted)[k] for k in kinds)
            alone, combined = getattr(r.alone, rate)(kinds), getattr(r.combined, rate)(kinds)
            cells.append(f"{n:>5}{_pct(alone):>8}{_pct(combined):>7}  ")
        return (f"{name:<22}" + "".join(cells)).rstrip()

    def _verdict(self, result: _Result) -> bool:
        """Print whether the combined detector meets the set's targets; True when it misses."""
        spec = result.spec
        title = f"{spec.name} ({spec.targets.name}: {spec.targets.describe()})"
        if result.combined is None:
            self.stdout.write(f"{title}: not present")
            return False
        shortfalls = score.meets_targets(result.combined, spec.targets)
        if shortfalls:
            self.stdout.write(f"{title}: combined detector misses: " + "; ".join(shortfalls))
        else:
            self.stdout.write(f"{title}: combined detector meets every target")
        if spec.targets != score.NEW_TARGETS:
            # For comparison only: how this set fares against the new held-out set's targets.
            stricter = score.meets_targets(result.combined, score.NEW_TARGETS)
            self.stdout.write(
                f"  {spec.name} against the {score.NEW_TARGETS.name} (for comparison): "
                + ("misses: " + "; ".join(stricter) if stricter else "meets every target")
            )
        return bool(shortfalls)
