"""Which fields of a deliberation hold free text: declared once, read by every part that cares.

The declaration lives on the method's steps (``Step.texts``: the deliberation's own fields, per
step) and on the inline lists (``ItemKind.texts``). The privacy check, the search index,
retention erasure, the library copy and the exchange format all read it through the functions
below, so a text field declared here is checked, found, erased, copied and exchanged with no
other change. Every other text column of a deliberation model is listed in ``STRUCTURED``; a
test fails for a text column that is in neither.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from django.db import models

    from beraad.deliberation.items import ItemKind
    from beraad.deliberation.method import Step


@dataclass(frozen=True)
class FreeText:
    """A field where people type what they like, so where personal data can end up.

    Every free text is erased at the end of the retention period. The flags say who else reads it.
    """

    name: str
    check: bool = True  # checked for personal data (colleagues' names are not)
    search: bool = True  # in the team's full-text search
    library: bool = True  # copied into a library draft
    exchange: str | None = ""  # key in the exchange format: "" = the field's name, None = left out

    @property
    def key(self) -> str:
        """The exchange format's name for it."""
        return self.exchange or self.name


# Text columns that hold no free text: choices, slugs, states, and a team's own vocabulary.
STRUCTURED: dict[str, frozenset[str]] = {
    "Deliberation": frozenset({"language", "status", "current_step", "consent", "outcome"}),
    "Participant": frozenset({"role"}),
    "Stakeholder": frozenset({"kind", "professional_secrecy"}),
    "OptionEffect": frozenset({"effect"}),
    "Theme": frozenset({"slug"}),
    # A team's own value names are the team's vocabulary, shared by all its deliberations.
    "Value": frozenset({"slug", "name", "description"}),
}


def deliberation_texts() -> Iterator[tuple[Step, FreeText]]:
    """The deliberation's own free texts, step by step."""
    from beraad.deliberation.method import STEPS

    for step in STEPS:
        for text in step.texts:
            yield step, text


def item_texts() -> Iterator[tuple[ItemKind, FreeText]]:
    """The free texts of every kind of item, list by list."""
    from beraad.deliberation.items import ITEM_KINDS

    for kind in ITEM_KINDS:
        for text in kind.texts:
            yield kind, text


def of_kind(slug: str) -> tuple[FreeText, ...]:
    """The free texts of one kind of item (``"stakeholders"``)."""
    return tuple(text for kind, text in item_texts() if kind.slug == slug)


def texts_of(model: type[models.Model]) -> tuple[FreeText, ...]:
    """The free texts declared for a model (the deliberation itself, or a kind of item)."""
    from beraad.deliberation.items import ITEM_KINDS
    from beraad.deliberation.models import Deliberation

    if model is Deliberation:
        return tuple(text for _step, text in deliberation_texts())
    for kind in ITEM_KINDS:
        if kind.model is model:
            return kind.texts
    return ()


def names(texts: tuple[FreeText, ...] | list[FreeText], flag: str | None = None) -> list[str]:
    """The field names of these texts, optionally only those with a flag set (``"search"``)."""
    return [text.name for text in texts if flag is None or getattr(text, flag)]
