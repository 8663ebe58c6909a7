"""The "Vervang alle" action: one person (every form of their name) or one identifier replaced by its
pseudonym in every checked text of a deliberation at once, with an undo until one of those texts
is saved again."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from beraad.deliberation.guard import token
from beraad.deliberation.items import ITEM_KINDS_BY_SLUG
from beraad.deliberation.models import Deliberation
from beraad.privacy.models import Replacement
from beraad.privacy.services import (
    Known,
    Location,
    Warning,
    open_warnings,
    text_locations,
    warnings_for,
)
from beraad.web.prepared import Prepared


class ReplaceRefusal(Exception):
    """Why a "Vervang alle" or its undo did not happen, in words for the person."""


@dataclass(frozen=True)
class ReplaceSummary:
    replacements: int
    fields: int


def _item_of(deliberation: Deliberation, kind: str, item_id: int | None) -> Any:
    item_kind = ITEM_KINDS_BY_SLUG[kind]
    return item_kind.queryset(deliberation).filter(pk=item_id).first()


def _write(
    deliberation: Deliberation, kind: str, item_id: int | None, name: str, text: str
) -> None:
    if not kind:
        setattr(deliberation, name, text)
        deliberation.save(update_fields=[name])
        return
    item = _item_of(deliberation, kind, item_id)
    if item is not None:
        setattr(item, name, text)
        item.save(update_fields=[name])


def _stored(deliberation: Deliberation, kind: str, item_id: int | None, name: str) -> str | None:
    if not kind:
        return str(getattr(deliberation, name))
    item = _item_of(deliberation, kind, item_id)
    return None if item is None else str(getattr(item, name))


def replace_targets(
    deliberation: Deliberation, found: list[tuple[Location, Warning]] | None = None
) -> list[tuple[str, str, int, list[str]]]:
    """What "Vervang alle" can replace: per person or identifier (in order of first mention)
    its target ("person:<label>" or "digest:<digest>"), its replacement, how often it occurs and
    the forms it occurs in."""
    if found is None:
        found, _complete = open_warnings(deliberation)
    targets: dict[str, tuple[str, int, set[str]]] = {}
    for _location, warning in found:
        if warning.person:
            target, shown = f"person:{warning.person}", warning.person
        else:
            target, shown = f"digest:{warning.digest}", warning.replacement
        _shown, count, forms = targets.get(target, (shown, 0, set()))
        targets[target] = (shown, count + 1, forms | {warning.finding.text})
    return [(target, shown, n, sorted(forms)) for target, (shown, n, forms) in targets.items()]


def replace_all(*, deliberation: Deliberation, target: str) -> ReplaceSummary:
    """Replaces every open warning of one person ("person:<label>", all the forms they are named
    by) or one identifier ("digest:<digest>") in every checked text of the deliberation by its
    pseudonym. Works on the stored texts, with the deliberation locked by the caller, so nobody's
    newer text is overwritten; an editor whose page still shows the old text gets the usual
    conflict on their next save. What it changed is kept for ``undo_replace_all``."""
    kind, _sep, value = target.partition(":")
    if kind not in ("person", "digest") or not value:
        raise ReplaceRefusal(_("There is nothing to replace."))
    locations = text_locations(deliberation)
    known = Known(deliberation, stored=[location.text for location in locations])
    changes: list[dict[str, Any]] = []
    replaced = 0
    for location in locations:
        warnings, _complete = warnings_for(deliberation, location.text, known)
        hits = [
            w
            for w in warnings
            if (kind == "person" and w.person == value) or (kind == "digest" and w.digest == value)
        ]
        if not hits:
            continue
        text = location.text
        for warning in sorted(hits, key=lambda w: w.finding.start, reverse=True):
            f = warning.finding
            text = text[: f.start] + warning.replacement + text[f.end :]
        replaced += len(hits)
        _write(deliberation, location.kind, location.item_id, location.field, text)
        changes.append(
            {
                "kind": location.kind,
                "item": location.item_id,
                "field": location.field,
                "before": location.text,
                "after": token(text),
            }
        )
    if not changes:
        raise ReplaceRefusal(_("There is nothing to replace: the texts were already changed."))
    Replacement.objects.filter(deliberation=deliberation).delete()
    Replacement.objects.create(deliberation=deliberation, changes=changes)
    return ReplaceSummary(replaced, len(changes))


def last_replacement(deliberation: Deliberation) -> Replacement | None:
    """The last "Vervang alle", while it can still be undone (none of its texts saved since)."""
    last = Replacement.objects.filter(deliberation=deliberation).order_by("-made_at").first()
    if last is None:
        return None
    for change in last.changes:
        stored = _stored(deliberation, change["kind"], change["item"], change["field"])
        if stored is None or token(stored) != change["after"]:
            return None
    return last


def _has_replacement(pk: int) -> QuerySet[Replacement, tuple[int]]:
    return Replacement.objects.filter(deliberation_id=pk).values_list("deliberation_id")[:1]


# Asked on every change of a deliberation: compiled once (beraad/web/prepared.py).
HAS_REPLACEMENT = Prepared(_has_replacement, int)


def forget_stale_replacements(
    sender: Any, deliberation_ids: frozenset[int], created: bool = False, **kwargs: Any
) -> None:
    """On every change of a deliberation (``deliberation_changed``): a replacement whose texts
    were saved again, or whose deliberation was concluded, is deleted at once. It holds the texts
    from before the replacement, names and all, and nothing may keep those once they cannot come
    back. A change that only added items (a device that joins adds a participant) saved none of
    those texts again."""
    if created:
        return
    if len(deliberation_ids) == 1:  # every save of a text, and every device that joins live
        with_replacement = {pk for (pk,) in HAS_REPLACEMENT.rows(*deliberation_ids)}
    else:
        with_replacement = set(
            Replacement.objects.filter(deliberation_id__in=deliberation_ids).values_list(
                "deliberation_id", flat=True
            )
        )
    if not with_replacement:  # nearly always: a replacement lives until the next save
        return
    for deliberation in Deliberation.objects.filter(pk__in=with_replacement):
        if deliberation.is_concluded or last_replacement(deliberation) is None:
            Replacement.objects.filter(deliberation=deliberation).delete()


def undo_replace_all(*, deliberation: Deliberation) -> ReplaceSummary:
    """Puts back the texts the last "Vervang alle" changed; refuses once any of them was saved
    again (undoing would throw that newer text away)."""
    if not Replacement.objects.filter(deliberation=deliberation).exists():
        raise ReplaceRefusal(
            _(
                "There is no replacement to undo. A replacement can be undone only until one of "
                "its texts is saved again."
            )
        )
    last = last_replacement(deliberation)
    if last is None:
        Replacement.objects.filter(deliberation=deliberation).delete()
        raise ReplaceRefusal(
            _(
                "The replacement can no longer be undone: the texts were saved again after it. "
                "Change them by hand if needed."
            )
        )
    for change in last.changes:
        _write(deliberation, change["kind"], change["item"], change["field"], change["before"])
    last.delete()
    return ReplaceSummary(0, len(last.changes))
