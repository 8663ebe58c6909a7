"""Keeps each deliberation's search entry in step with the deliberation.

The core announces every change (``deliberation.signals.deliberation_changed``); the entry of
each changed deliberation is rebuilt at once (a handful of queries). Bulk work (import, demo
data) batches the announcements (``signals.batched()``), so each touched deliberation is rebuilt
once at the end. What is indexed is the free texts declared with ``search`` (``texts.py``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL

from beraad.deliberation import signals, texts
from beraad.deliberation.models import Deliberation, Stakeholder, ValueAtStake
from beraad.insights import text
from beraad.insights.models import SearchEntry


def _part(step_slug: str) -> str:
    # The opening's only text is the title; its part has always been called so.
    return "title" if step_slug == "opening" else step_slug


def deliberation_parts() -> dict[str, list[str]]:
    """Part name → the deliberation's own searchable fields."""
    parts: dict[str, list[str]] = defaultdict(list)
    for step, free in texts.deliberation_texts():
        if free.search:
            parts[_part(step.slug)].append(free.name)
    return dict(parts)


def item_parts() -> dict[str, tuple[type[models.Model], list[str]]]:
    """Part name (the kind of item) → its model and searchable fields."""
    parts: dict[str, tuple[type[models.Model], list[str]]] = {}
    for kind, free in texts.item_texts():
        if free.search:
            parts.setdefault(kind.slug, (kind.model, []))[1].append(free.name)
    return parts


# What the similarity list compares: the dilemma as put, not who owns it.
DILEMMA_FIELDS = ["title", "dilemma_question", "option_a", "harm_a", "option_b", "harm_b"]
# Snippets come from the parts in reading order (the method's order: a question before the
# dilemma); a part not named here follows at the end.
PART_ORDER = [
    "title",
    "case",
    "questions",
    "dilemma",
    "stakeholders",
    "values",
    "options",
    "decision",
    "choices",
    "actions",
    "evaluation",
]
# The models whose changes an entry reads (facets included).
READS: set[type[models.Model]] = set()


def _joined(values: Iterable[str]) -> str:
    return "\n".join(value for value in values if value)


def build(deliberation_ids: Iterable[int]) -> None:
    """Rebuild the entries of these deliberations; a fixed number of queries for any number."""
    ids = list(set(deliberation_ids))
    if not ids:
        return
    own_parts, items_parts = deliberation_parts(), item_parts()
    rows = {
        row["id"]: row
        for row in Deliberation.objects.filter(id__in=ids).values(
            "id", "team_id", *{f for fields in own_parts.values() for f in fields}, *DILEMMA_FIELDS
        )
    }
    if not rows:
        return  # deleted (a deletion is announced too): its entry went with it
    items: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for part, (model, fields) in items_parts.items():
        for row in model._default_manager.filter(deliberation_id__in=ids).values_list(
            "deliberation_id", *fields
        ):
            items[row[0]][part].append(_joined(row[1:]))
    facets: dict[int, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    for did, slug in Deliberation.themes.through.objects.filter(
        deliberation_id__in=ids
    ).values_list("deliberation_id", "theme__slug"):
        facets[did]["themes"].add(slug)
    for did, value_id in ValueAtStake.objects.filter(deliberation_id__in=ids).values_list(
        "deliberation_id", "value_id"
    ):
        facets[did]["values"].add(value_id)
    for through in (Deliberation.values_a.through, Deliberation.values_b.through):
        for did, value_id in through.objects.filter(deliberation_id__in=ids).values_list(
            "deliberation_id", "value_id"
        ):
            facets[did]["values"].add(value_id)
    for did, kind in Stakeholder.objects.filter(deliberation_id__in=ids).values_list(
        "deliberation_id", "kind"
    ):
        facets[did]["kinds"].add(kind)

    entries = []
    for did, row in rows.items():
        parts = {name: _joined(row[f] for f in fields) for name, fields in own_parts.items()}
        parts |= {name: _joined(pieces) for name, pieces in items[did].items()}
        order = PART_ORDER + sorted(set(parts) - set(PART_ORDER))
        ordered = {name: parts[name] for name in order if parts.get(name)}
        entries.append(
            SearchEntry(
                deliberation_id=did,
                team_id=row["team_id"],
                parts=ordered,
                stems=text.stem_string(ordered.values()),
                dilemma_stems=text.content_stem_string(row[f] for f in DILEMMA_FIELDS),
                facets={key: sorted(values) for key, values in facets[did].items()},
            )
        )
    with transaction.atomic():
        # An upsert, so two requests rebuilding the same entry at once cannot collide.
        SearchEntry.objects.bulk_create(
            entries,
            batch_size=500,
            update_conflicts=True,
            unique_fields=["deliberation"],
            update_fields=["team", "parts", "stems", "dilemma_stems", "facets"],
        )
        if connection.vendor == "postgresql":
            # Only the texts (the object's values), not the part names, go into the vector.
            SearchEntry.objects.filter(deliberation_id__in=ids).update(
                vector=RawSQL(
                    """jsonb_to_tsvector('dutch'::regconfig, parts, '["string"]'::jsonb)""", []
                )
            )


def build_missing(*args: Any, batch: int = 500, **kwargs: Any) -> int:
    """Build the entries of deliberations that have none (e.g. made before this app existed)."""
    if SearchEntry._meta.db_table not in connection.introspection.table_names():
        return 0  # migrated back to before the search existed
    ids = list(
        Deliberation.objects.filter(search_entry__isnull=True)
        .order_by("id")
        .values_list("id", flat=True)
    )
    for start in range(0, len(ids), batch):
        build(ids[start : start + batch])
    return len(ids)


def rebuild_all(batch: int = 500) -> int:
    ids = list(Deliberation.objects.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), batch):
        build(ids[start : start + batch])
    return len(ids)


def _changed(sender: Any, deliberation_ids: frozenset[int], **kwargs: Any) -> None:
    if sender in READS:
        build(deliberation_ids)


def connect_signals() -> None:
    READS.clear()
    READS.update({Deliberation, Stakeholder, ValueAtStake}, (m for m, _f in item_parts().values()))
    signals.deliberation_changed.connect(_changed, dispatch_uid="insights-index")
