"""The text check that step forms and pages run on free texts: an extension point.

The core knows that free texts may hold something a team should be warned about, not what: the
privacy app registers the personal-data check here in its ``AppConfig.ready()``. With nothing
registered (a feature left out, its receivers disconnected in a test) every method answers
"nothing found" and the step pages work as before, without warnings.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import QueryDict

from beraad.deliberation.models import Deliberation
from beraad.lib.slots import Slot


class TextCheck:
    """What a text check offers the core. This base class is the "no check" answer."""

    def attach(self, form: forms.BaseForm, deliberation: Deliberation, names: list[str]) -> None:
        """Let these fields of a form be checked while the person types."""

    def field_warnings(self, deliberation: Deliberation, names: list[str]) -> dict[str, list[Any]]:
        """Warnings for the stored values of some of the deliberation's own fields."""
        return {}

    def item_warnings(
        self, deliberation: Deliberation, kind: str, items: list[Any]
    ) -> dict[int, list[tuple[str, list[Any]]]]:
        """Per stored item of a kind: its fields with warnings."""
        return {}

    def open_warnings(self, deliberation: Deliberation) -> tuple[list[tuple[Any, Any]], bool]:
        """Every open warning with where it is, and whether the full check ran."""
        return [], True

    def apply_choices(self, deliberation: Deliberation, data: QueryDict, fields: Any) -> bool:
        """Carry out what the person chose on a warning in a posted step form (replace a finding
        in the posted text, dismiss a warning); True if the page should simply reload."""
        return False


slot: Slot[TextCheck] = Slot()  # privacy registers its check here


def current() -> TextCheck:
    return slot.get() or TextCheck()
