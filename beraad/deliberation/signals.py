"""What the core announces; features listen (connected in their ``AppConfig.ready()``).

``deliberation_changed``
    A deliberation, one of its items (an option's effects included) or its themes/values changed
    (saved, added, removed), or the deliberation was deleted (sent once its rows are gone, with
    ``sender`` ``Deliberation``; a receiver finds no such deliberation any more). ``sender`` is the
    model that changed (``Deliberation`` for its own fields and its many-to-many links),
    ``deliberation_ids`` a frozenset, ``fields`` the names of the deliberation's own fields that
    were saved when the save named them (``save(update_fields=…)``, as autosave does), else
    ``None``: anything may have changed. ``created`` is true when the change only added items
    (each saved for the first time), so nothing stored before it changed. Inside ``batched()``
    (imports, demo data) the announcements are collected and sent once per model at the end of
    the block, or not at all if the block fails. Work that bypasses model signals
    (``QuerySet.update``, the live seat's one statement) calls ``announce``.
``retention_applied``
    Retention erased the texts of these deliberations (``deliberation_ids``, ``now``). A
    receiver may return a ``dict[str, int]`` of what it removed in turn; retention adds it to its
    report.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete
from django.dispatch import Signal

deliberation_changed = Signal()
retention_applied = Signal()

_state = threading.local()


class _Pending:
    """The announcements collected in a batch, per model: ids, the fields named (or None), and
    whether all of them only added items."""

    def __init__(self) -> None:
        self.ids: dict[type[models.Model], set[int]] = defaultdict(set)
        self.fields: dict[type[models.Model], frozenset[str] | None] = {}
        self.created: dict[type[models.Model], bool] = {}

    def add(
        self,
        sender: type[models.Model],
        ids: set[int],
        fields: frozenset[str] | None,
        created: bool,
    ) -> None:
        self.ids[sender] |= ids
        known = self.fields.get(sender, frozenset())
        self.fields[sender] = None if known is None or fields is None else known | fields
        self.created[sender] = self.created.get(sender, True) and created


def _pending() -> _Pending | None:
    return getattr(_state, "pending", None)


def announce(
    sender: type[models.Model],
    deliberation_ids: Iterable[int | None],
    fields: Iterable[str] | None = None,
    *,
    created: bool = False,
) -> None:
    """Tell the listeners these deliberations changed (now, or at the end of a batch);
    ``fields``: which of the deliberation's own fields, when known; ``created``: only new items."""
    deleting: set[int] = getattr(_state, "deleting", set())
    ids = {pk for pk in deliberation_ids if pk is not None and pk not in deleting}
    if not ids:
        return
    named = None if fields is None else frozenset(fields)
    pending = _pending()
    if pending is not None:
        pending.add(sender, ids, named, created)
    else:
        deliberation_changed.send(
            sender=sender, deliberation_ids=frozenset(ids), fields=named, created=created
        )


@contextmanager
def batched() -> Iterator[None]:
    """Collect the announcements made inside the block; send each model's once at its end."""
    if _pending() is not None:  # already inside a batch: the outer one sends
        yield
        return
    _state.pending = _Pending()
    try:
        yield
    except BaseException:
        _state.pending = None  # the work is rolled back: nothing changed
        raise
    pending, _state.pending = _state.pending, None
    for sender, ids in pending.ids.items():
        deliberation_changed.send(
            sender=sender,
            deliberation_ids=frozenset(ids),
            fields=pending.fields[sender],
            created=pending.created[sender],
        )


def _deliberation_saved(
    sender: Any, instance: Any, raw: bool = False, update_fields: Any = None, **kwargs: Any
) -> None:
    if not raw:
        announce(sender, [instance.pk], fields=update_fields, created=kwargs.get("created", False))


def _item_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    if not raw:  # post_save says whether the item is new; post_delete does not (False)
        announce(sender, [instance.deliberation_id], created=kwargs.get("created", False))


def _deleting(sender: Any, instance: Any, **kwargs: Any) -> None:
    # Its items are deleted first, each sending post_delete: nothing to announce for a
    # deliberation that is going away.
    if not hasattr(_state, "deleting"):
        _state.deleting = set()
    _state.deleting.add(instance.pk)


def _deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    getattr(_state, "deleting", set()).discard(instance.pk)
    # Derived data elsewhere (counts per month) must hear that it is gone.
    announce(sender, [instance.pk])


def _effect_changed(sender: Any, instance: Any, raw: bool = False, **kwargs: Any) -> None:
    # An effect belongs to an option: its deliberation is one step away.
    if raw:
        return
    from beraad.deliberation.models import Option

    option = instance._state.fields_cache.get("option")
    if option is None:
        option = Option.objects.filter(pk=instance.option_id).only("deliberation_id").first()
    if option is not None:
        announce(sender, [option.deliberation_id])


def _links_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    from beraad.deliberation.models import Deliberation

    if action in ("post_add", "post_remove", "post_clear") and isinstance(instance, Deliberation):
        announce(Deliberation, [instance.pk])


def connect() -> None:
    """Turn the models' own signals into ``deliberation_changed`` (called by the app's ready)."""
    from beraad.deliberation.items import ITEM_KINDS
    from beraad.deliberation.models import Deliberation, OptionEffect

    post_save.connect(_deliberation_saved, sender=Deliberation, dispatch_uid="d-changed-save")
    pre_delete.connect(_deleting, sender=Deliberation, dispatch_uid="d-changed-deleting")
    post_delete.connect(_deleted, sender=Deliberation, dispatch_uid="d-changed-deleted")
    for model in {kind.model for kind in ITEM_KINDS}:
        uid = f"d-changed-{model.__name__}"
        post_save.connect(_item_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(_item_changed, sender=model, dispatch_uid=f"{uid}-delete")
    post_save.connect(_effect_changed, sender=OptionEffect, dispatch_uid="d-changed-effect-save")
    post_delete.connect(_effect_changed, sender=OptionEffect, dispatch_uid="d-changed-effect-del")
    for through in (
        Deliberation.themes.through,
        Deliberation.values_a.through,
        Deliberation.values_b.through,
    ):
        m2m_changed.connect(_links_changed, sender=through, dispatch_uid=f"d-{through.__name__}")
