"""The parts of a session report that a facilitator can leave out."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    slug: str
    label: str | Promise


SECTIONS: tuple[Section, ...] = (
    Section("participants", _("Participants")),
    Section("case", _("The case")),
    Section("questions", _("Clarifying questions")),
    Section("dilemma", _("The dilemma")),
    Section("stakeholders", _("Stakeholders and their values")),
    Section("grid", _("Options × values")),
    Section("choices", _("Individual choices")),
    Section("conclusion", _("Conclusion and follow-up date")),
    Section("actions", _("Actions")),
    Section("evaluation", _("Evaluation")),
)
SLUGS = tuple(section.slug for section in SECTIONS)


def clean(chosen: list[str] | tuple[str, ...]) -> list[str]:
    """The known sections among ``chosen``, in report order."""
    wanted = set(chosen)
    return [slug for slug in SLUGS if slug in wanted]
