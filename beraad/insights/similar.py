"""Earlier deliberations of the same team whose dilemma is most alike.

Alike means: the dilemma's words (title, moral question, both horns and their harms, as Dutch
stems weighted by TF-IDF over the team's dilemmas, compared by cosine) together with shared
themes, values and stakeholder kinds (Jaccard overlap). The weights are in ``WEIGHTS``;
``manage.py similar_dilemmas --evaluate`` measures them on a labelled set.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q

from beraad.deliberation.models import Deliberation, Status
from beraad.insights import index
from beraad.insights.models import SearchEntry

WEIGHTS = {"text": 0.6, "themes": 0.2, "values": 0.12, "kinds": 0.08}
THRESHOLD = 0.08  # below this nothing is "alike"; better an empty list than a random one


@dataclass
class Doc:
    key: Any
    stems: list[str]
    themes: set[Any] = field(default_factory=set)
    values: set[Any] = field(default_factory=set)
    kinds: set[Any] = field(default_factory=set)


@dataclass
class Score:
    key: Any
    total: float
    parts: dict[str, float]


@dataclass
class SimilarDeliberation:
    deliberation: Deliberation
    score: Score
    actions_total: int
    actions_done: int


def _jaccard(one: set[Any], other: set[Any]) -> float:
    return len(one & other) / len(one | other) if one and other else 0.0


def _weights(tf: Counter[str], idf: dict[str, float]) -> tuple[dict[str, float], float]:
    vector = {term: (1 + math.log(n)) * idf.get(term, 0.0) for term, n in tf.items()}
    return vector, math.sqrt(sum(w * w for w in vector.values()))


def rank(target: Doc, candidates: list[Doc], limit: int = 5) -> list[Score]:
    """The candidates most alike the target, best first, none below THRESHOLD."""
    counts = [Counter(doc.stems) for doc in candidates]
    target_tf = Counter(target.stems)
    documents = len(candidates) + 1
    df: Counter[str] = Counter(target_tf.keys())
    for tf in counts:
        df.update(tf.keys())
    idf = {term: math.log((documents + 1) / (n + 1)) + 1 for term, n in df.items()}
    target_vector, target_norm = _weights(target_tf, idf)
    scores = []
    for doc, tf in zip(candidates, counts, strict=True):
        shared = target_tf.keys() & tf.keys()
        text_score = 0.0
        if shared and target_norm:
            vector, norm = _weights(tf, idf)
            text_score = sum(target_vector[t] * vector[t] for t in shared) / (target_norm * norm)
        parts = {
            "text": text_score,
            "themes": _jaccard(target.themes, doc.themes),
            "values": _jaccard(target.values, doc.values),
            "kinds": _jaccard(target.kinds, doc.kinds),
        }
        total = sum(WEIGHTS[name] * value for name, value in parts.items())
        if total >= THRESHOLD:
            scores.append(Score(doc.key, total, parts))
    scores.sort(key=lambda s: -s.total)  # stable: equal scores keep the candidates' order
    return scores[:limit]


def _doc(key: Any, stems: str, facets: dict[str, list[Any]]) -> Doc:
    return Doc(
        key,
        stems.split(),
        set(facets.get("themes", [])),
        set(facets.get("values", [])),
        set(facets.get("kinds", [])),
    )


def similar_to(deliberation: Deliberation, limit: int = 5) -> list[SimilarDeliberation]:
    """Up to ``limit`` concluded deliberations of the same team, held before this one."""
    entry = SearchEntry.objects.filter(pk=deliberation.pk).first()
    if entry is None:
        index.build([deliberation.pk])
        entry = SearchEntry.objects.get(pk=deliberation.pk)
    if not entry.dilemma_stems.strip():
        return []
    earlier = SearchEntry.objects.filter(
        Q(deliberation__held_on__lt=deliberation.held_on)
        | Q(deliberation__held_on=deliberation.held_on, deliberation_id__lt=deliberation.pk),
        team_id=deliberation.team_id,
        deliberation__status=Status.CONCLUDED,
        deliberation__is_practice=False,
    ).order_by("-deliberation__held_on", "-deliberation_id")  # ties: the most recent first
    rows = earlier.values_list("deliberation_id", "dilemma_stems", "facets")
    candidates = [_doc(did, stems, facets) for did, stems, facets in rows]
    scores = rank(_doc(deliberation.pk, entry.dilemma_stems, entry.facets), candidates, limit)
    found = (
        Deliberation.objects.filter(pk__in=[s.key for s in scores])
        .select_related("chosen_option")
        .annotate(
            actions_total=Count("actions"),
            actions_done=Count("actions", filter=Q(actions__done=True)),
        )
        .in_bulk()
    )
    return [
        SimilarDeliberation(
            found[s.key],
            s,
            getattr(found[s.key], "actions_total", 0),
            getattr(found[s.key], "actions_done", 0),
        )
        for s in scores
        if s.key in found
    ]
