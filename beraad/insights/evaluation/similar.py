"""How often the "discussed before" list puts a related dilemma in its top three.

The labelled set (similar_dilemmas.json) holds invented dilemmas in groups of two that are the
same moral dilemma met in different cases, and unrelated ones (group null), several of them
deliberately confusable. Each grouped dilemma in turn is the query; all other dilemmas of the
set are the candidates, in a fixed shuffled order so that list position cannot help.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from importlib import resources
from typing import Any

from beraad.insights import similar, text
from beraad.insights.index import DILEMMA_FIELDS


@dataclass
class Evaluation:
    queries: int
    hits_top1: int
    hits_top3: int
    misses: list[tuple[str, list[str]]]

    @property
    def top3_rate(self) -> float:
        return self.hits_top3 / self.queries if self.queries else 0.0

    @property
    def top1_rate(self) -> float:
        return self.hits_top1 / self.queries if self.queries else 0.0


def load() -> list[dict[str, Any]]:
    raw = resources.files("beraad.insights.evaluation").joinpath("similar_dilemmas.json")
    return list(json.loads(raw.read_text("utf-8"))["dilemmas"])


def _doc(item: dict[str, Any]) -> similar.Doc:
    fields = {**item, "dilemma_question": item.get("dilemma_question", "")}
    return similar.Doc(
        key=item["key"],
        stems=text.content_stem_string(fields.get(name, "") for name in DILEMMA_FIELDS).split(),
        themes=set(item.get("themes", [])),
        values=set(item.get("values", [])),
        kinds=set(item.get("stakeholder_kinds", [])),
    )


def evaluate(items: list[dict[str, Any]] | None = None, seed: int = 20261129) -> Evaluation:
    items = list(items if items is not None else load())
    random.Random(seed).shuffle(items)  # noqa: S311 - a fixed order, not a secret
    docs = {item["key"]: _doc(item) for item in items}
    group = {item["key"]: item.get("group") for item in items}
    queries = hits1 = hits3 = 0
    misses = []
    for item in items:
        if not item.get("group"):
            continue
        queries += 1
        others = [docs[key] for key in docs if key != item["key"]]
        ranked = [score.key for score in similar.rank(docs[item["key"]], others, limit=3)]
        related = [key for key in ranked if group[key] == item["group"]]
        hits3 += bool(related)
        hits1 += bool(ranked) and group[ranked[0]] == item["group"]
        if not related:
            misses.append((item["key"], ranked))
    return Evaluation(queries, hits1, hits3, misses)
