"""Keeps each deliberation's search entry in step with the deliberation.

Every save or delete of a deliberation or of a part that the search reads rebuilds that
deliberation's entry at once (a handful of queries). Bulk work (import, demo data) defers the
rebuilds with ``deferred()`` and rebuilds each touched deliberation once at the end.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, models, transaction
from django.db.models.expressions import RawSQL
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete

from beraad.deliberation.models import (
    Action,
    CaseQuestion,
    Deliberation,
    Option,
    Stakeholder,
    ValueAtStake,
)
from beraad.insights import text
from beraad.insights.models import SearchEntry

# The parts a search reads, in reading order; the names label snippets (see search.PART_LABELS).
DELIBERATION_PARTS = {
    "title": ["title"],
    "case": ["case_description"],
    "dilemma": ["dilemma_question", "dilemma_owner", "option_a", "harm_a", "option_b", "harm_b"],
    "decision": ["rationale", "dissent"],
}
DILEMMA_FIELDS = ["title", "dilemma_question", "option_a", "harm_a", "option_b", "harm_b"]
ITEM_PARTS: dict[str, tuple[type[models.Model], list[str]]] = {
    "questions": (CaseQuestion, ["question", "answer"]),
    "stakeholders": (Stakeholder, ["label", "perspective", "interests"]),
    "options": (Option, ["title", "description", "mitigation"]),
    "actions": (Action, ["what", "who", "done_note"]),
}
PART_ORDER = [
    "title",
    "case",
    "questions",
    "dilemma",
    "stakeholders",
    "options",
    "decision",
    "actions",
]

_state = threading.local()


def _joined(values: Iterable[str]) -> str:
    return "\n".join(value for value in values if value)


def build(deliberation_ids: Iterable[int]) -> None:
    """Rebuild the entries of these deliberations; a fixed number of queries for any number."""
    ids = list(set(deliberation_ids))
    if not ids:
        return
    rows = {
        row["id"]: row
        for row in Deliberation.objects.filter(id__in=ids).values(
            "id", "team_id", *{f for fields in DELIBERATION_PARTS.values() for f in fields}
        )
    }
    items: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for part, (model, fields) in ITEM_PARTS.items():
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
        parts = {
            name: _joined(row[f] for f in fields) for name, fields in DELIBERATION_PARTS.items()
        }
        parts |= {name: _joined(texts) for name, texts in items[did].items()}
        ordered = {name: parts[name] for name in PART_ORDER if parts.get(name)}
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


@contextmanager
def deferred() -> Iterator[None]:
    """Collect the deliberations touched inside the block; rebuild each once at its end."""
    outer = getattr(_state, "pending", None)
    if outer is not None:
        yield
        return
    _state.pending = set()
    try:
        yield
    except BaseException:
        _state.pending = None  # the work is rolled back: nothing to rebuild
        raise
    pending, _state.pending = _state.pending, None
    build(pending)


def touch(deliberation_id: int | None) -> None:
    if deliberation_id is None or deliberation_id in getattr(_state, "deleting", set()):
        return
    pending = getattr(_state, "pending", None)
    if pending is not None:
        pending.add(deliberation_id)
    else:
        build([deliberation_id])


def _deliberation_saved(
    sender: Any, instance: Deliberation, raw: bool = False, **kwargs: Any
) -> None:
    if not raw:
        touch(instance.pk)


def _part_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:
        touch(instance.deliberation_id)


def _deleting(sender: Any, instance: Deliberation, **kwargs: Any) -> None:
    # Its parts are deleted first, each sending post_delete: no rebuild for a deliberation that
    # is going away (its entry goes with it).
    if not hasattr(_state, "deleting"):
        _state.deleting = set()
    _state.deleting.add(instance.pk)


def _deleted(sender: Any, instance: Deliberation, **kwargs: Any) -> None:
    deleting: set[int] = getattr(_state, "deleting", set())
    deleting.discard(instance.pk)


def _m2m_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Deliberation):
        touch(instance.pk)


def connect_signals() -> None:
    post_save.connect(_deliberation_saved, sender=Deliberation, dispatch_uid="insights-d-save")
    pre_delete.connect(_deleting, sender=Deliberation, dispatch_uid="insights-d-deleting")
    post_delete.connect(_deleted, sender=Deliberation, dispatch_uid="insights-d-deleted")
    for model in (CaseQuestion, Stakeholder, Option, Action, ValueAtStake):
        uid = f"insights-{model.__name__}"
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"{uid}-delete")
    for through in (
        Deliberation.themes.through,
        Deliberation.values_a.through,
        Deliberation.values_b.through,
    ):
        m2m_changed.connect(
            _m2m_changed, sender=through, dispatch_uid=f"insights-{through.__name__}"
        )
