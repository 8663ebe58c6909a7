"""Scores coreference: does every mention of a person get that person's pseudonym?

A set is a text file: one text per line, ``#`` comments, each person mention marked
``[[name:N|text]]`` with N the person's number within that line (titles outside the mark).

Per text, each detected name gets a pseudonym (the person number ``Tagger`` gives it). A person's
pseudonym is the one most of their mentions got (on a tie, the earliest mention's). A mention is
right when the detector found it (a name span overlapping the mark), it carries its person's
pseudonym, and that pseudonym is not also another person's. A pseudonym is shared when mentions of
two or more people carry it. The target: at least 95 % right, none shared.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from beraad.privacy.pseudonyms import Tagger
from beraad.privacy.spans import Finding

HERE = Path(__file__).parent
DEV_PATH = HERE / "coreference_dev.txt"
HOLDOUT_PATH = HERE / "coreference_holdout.txt"
DEV2_PATH = HERE / "coreference_dev2.txt"  # a second set to tune on
HOLDOUT2_PATH = HERE / "coreference_holdout2.txt"  # frozen before the rules changed; never tuned on
DEV3_PATH = HERE / "coreference_dev3.txt"  # a third set to tune on
HOLDOUT3_PATH = HERE / "coreference_holdout3.txt"  # frozen before the rules changed; never tuned on
HOLDOUT4_PATH = HERE / "coreference_holdout4.txt"  # frozen before it was scored; never tuned on
HOLDOUT5_PATH = HERE / "coreference_holdout5.txt"  # written by hand; frozen before it was scored
HOLDOUT6_PATH = HERE / "coreference_holdout6.txt"  # written by hand; frozen before it was scored
DEV4_PATH = HERE / "coreference_dev4.txt"  # a fourth set to tune on (session twelve)
HOLDOUT7_PATH = HERE / "coreference_holdout7.txt"  # written by hand; frozen before it was scored
DEV5_PATH = HERE / "coreference_dev5.txt"  # a fifth set to tune on (session thirteen)
HOLDOUT8_PATH = HERE / "coreference_holdout8.txt"  # written by hand; frozen before it was scored
TARGET_RIGHT = 0.95

_MARK = re.compile(r"\[\[name:(\d+)\|([^\]]*)\]\]")


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    person: int


@dataclass(frozen=True)
class Text:
    text: str
    mentions: tuple[Gold, ...]


def parse_line(line: str) -> Text:
    pieces: list[str] = []
    mentions: list[Gold] = []
    position = length = 0
    for match in _MARK.finditer(line):
        before = line[position : match.start()]
        pieces.append(before)
        length += len(before)
        name = match.group(2)
        mentions.append(Gold(length, length + len(name), int(match.group(1))))
        pieces.append(name)
        length += len(name)
        position = match.end()
    pieces.append(line[position:])
    return Text("".join(pieces), tuple(mentions))


def load(path: Path) -> list[Text]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [parse_line(line) for line in lines if line.strip() and not line.startswith("#")]


@dataclass
class CorefScore:
    texts: int = 0
    mentions: int = 0
    found: int = 0
    right: int = 0
    shared: int = 0
    # Per wrong mention: the line number among the texts and why (no text: lines are case-like).
    misses: list[tuple[int, str]] = field(default_factory=list)

    @property
    def share_right(self) -> float:
        return self.right / self.mentions if self.mentions else 1.0

    def meets_target(self) -> bool:
        return self.share_right >= TARGET_RIGHT and self.shared == 0


Detector = Callable[[str], list[Finding]]


def gold_detector(sample: Text) -> list[Finding]:
    """The marked mentions themselves: scores the clustering alone, as if detection were perfect."""
    return [Finding(g.start, g.end, "name", sample.text[g.start : g.end]) for g in sample.mentions]


def score(samples: list[Text], detect: Callable[[Text], list[Finding]]) -> CorefScore:
    result = CorefScore(texts=len(samples))
    for number, sample in enumerate(samples, start=1):
        findings = [f for f in detect(sample) if f.kind == "name"]
        _text, tagged = Tagger().tag_all({"": sample.text}, {"": findings})[""]
        names = [t for t in tagged if t.person is not None]
        got: list[int | None] = []
        for gold in sample.mentions:
            hit = next(
                (t for t in names if t.span.start < gold.end and gold.start < t.span.end), None
            )
            got.append(hit.person if hit else None)
        majority: dict[int, int] = {}
        for person in sorted({g.person for g in sample.mentions}):
            carried = [p for g, p in zip(sample.mentions, got, strict=True) if g.person == person]
            counts = Counter(p for p in carried if p is not None)
            if counts:
                best = max(counts.values())
                majority[person] = next(p for p in carried if p is not None and counts[p] == best)
        carriers: dict[int, set[int]] = {}
        for gold, pseudonym in zip(sample.mentions, got, strict=True):
            if pseudonym is not None:
                carriers.setdefault(pseudonym, set()).add(gold.person)
        result.shared += sum(1 for people in carriers.values() if len(people) > 1)
        for gold, pseudonym in zip(sample.mentions, got, strict=True):
            result.mentions += 1
            if pseudonym is None:
                result.misses.append((number, "not found"))
                continue
            result.found += 1
            others = {majority[p] for p in majority if p != gold.person}
            if pseudonym == majority.get(gold.person) and pseudonym not in others:
                result.right += 1
            else:
                result.misses.append((number, "other pseudonym"))
    return result


def detector_on_text(detect: Detector) -> Callable[[Text], list[Finding]]:
    return lambda sample: detect(sample.text)
