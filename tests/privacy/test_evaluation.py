"""The labelled evaluation set, its scorer, and the detector's measured quality."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from beraad.privacy.evaluation import score
from beraad.privacy.spans import KINDS, Finding


def test_it_reads_inline_labels_as_spans_of_the_plain_text() -> None:
    sample = score.parse_line("Mevrouw [[name|Jansen]] belde vanaf [[phone|06-12345678]].")
    assert sample.text == "Mevrouw Jansen belde vanaf 06-12345678."
    assert [(sample.text[f.start : f.end], f.kind) for f in sample.labels] == [
        ("Jansen", "name"),
        ("06-12345678", "phone"),
    ]


@pytest.mark.parametrize("line", ["[[naam|Jansen]]", "[[name|Jansen]", "Jansen]] belde"])
def test_it_refuses_broken_labels(line: str) -> None:
    with pytest.raises(ValueError):
        score.parse_line(line)


def test_it_holds_enough_varied_material() -> None:
    samples = score.load()
    labels = [label for sample in samples for label in sample.labels]
    assert len(samples) >= 150
    assert len(labels) >= 400
    assert {label.kind for label in labels} == set(KINDS)
    assert sum(1 for s in samples if not s.labels) >= 20  # lines that test precision
    assert any(label.kind == "name" and label.text.isupper() for label in labels)
    assert any(label.kind == "name" and label.text.islower() for label in labels)


def test_it_scores_overlap_per_kind_and_counts_wrong_findings_against_precision() -> None:
    samples = [score.parse_line("Gesprek met [[name|Piet de Vries]] in [[street|de Dorpsstraat]].")]

    def detector(text: str) -> list[tuple[Finding, frozenset[str]]]:
        start = text.index("Vries")
        street = text.index("Dorpsstraat")
        return [
            (Finding(start, start + 5, "name", "Vries"), frozenset({"name"})),
            (Finding(street, street + 11, "address", "Dorpsstraat"), frozenset({"address"})),
            (Finding(0, 7, "name", "Gesprek"), frozenset({"name"})),
        ]

    result = score.score(samples, detector)
    assert result.recall(["name"]) == 1.0
    assert result.recall(["street"]) == 1.0  # an address warning over a street still warns
    assert result.precision(["name"]) == 0.5
    assert result.precision(list(KINDS)) == pytest.approx(2 / 3)
    assert score.meets_targets(result) == ["precision 0.67 < 0.80"]


def test_it_reports_a_detector_that_finds_nothing() -> None:
    result = score.score(score.load(), lambda text: [])
    assert result.recall(["name"]) == 0.0
    assert result.precision(["name"]) is None
    assert any(line.startswith("recall bsn") for line in score.meets_targets(result))


def test_the_combined_detector_meets_its_targets_and_beats_deduce_alone() -> None:
    samples = score.load()
    combined = score.score(samples, score.combined_detector())
    alone = score.score(samples, score.deduce_detector())
    assert score.meets_targets(combined) == []
    assert (combined.recall(KINDS) or 0) > (alone.recall(KINDS) or 0)


def test_it_holds_its_ground_on_the_held_out_set() -> None:
    """The held-out set was never used to tune the rules; its figures are reported, not targets.
    This guards against losing ground on unseen text."""
    samples = score.load(score.HOLDOUT_PATH)
    assert len(samples) >= 100
    combined = score.score(samples, score.combined_detector())
    alone = score.score(samples, score.deduce_detector())
    assert (combined.recall(KINDS) or 0) >= 0.90
    assert (combined.recall(KINDS) or 0) > (alone.recall(KINDS) or 0) + 0.2
    assert (combined.precision(KINDS) or 0) >= 0.95


def test_it_prints_both_detectors_side_by_side() -> None:
    out = io.StringIO()
    call_command("privacy_eval", "--check", stdout=out)
    printed = out.getvalue()
    assert "deduce alone" in printed and "combined" in printed
    for kind in KINDS:
        assert f"\n{kind} " in printed
    assert "development set: combined detector meets every target" in printed
    assert "held-out set (never used to tune the rules)" in printed
