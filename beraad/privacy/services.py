"""Privacy checks on a deliberation's free texts: warnings, pseudonyms, replacement, dismissal."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beraad.deliberation.models import Deliberation
from beraad.privacy.detector import check
from beraad.privacy.fields import DELIBERATION_FIELDS, ITEM_FIELDS
from beraad.privacy.models import Dismissal, Pseudonym, digest
from beraad.privacy.spans import Finding

MESSAGES: dict[str, str | Promise] = {
    "name": _("This looks like a name. Use a role or pseudonym."),
    "bsn": _("This looks like a citizen service number (BSN). Leave it out."),
    "phone": _("This looks like a phone number. Leave it out."),
    "email": _("This looks like an e-mail address. Leave it out."),
    "address": _("This looks like an address. Describe the situation without it."),
    "postcode": _("This looks like a postcode. Leave it out."),
    "iban": _("This looks like a bank account number (IBAN). Leave it out."),
    "date_of_birth": _("This looks like a date of birth. An age range is enough."),
    "age": _('This looks like an exact age. An age range ("in her thirties") is safer.'),
    "licence_plate": _("This looks like a licence plate. Leave it out."),
    "case_number": _("This looks like a dossier or case number. Leave it out."),
    "street": _('This looks like a street name. Say "in the neighbourhood" instead.'),
    "url": _("This looks like a web address. Leave it out."),
}

PLACEHOLDERS: dict[str, str | Promise] = {
    "bsn": _("[BSN]"),
    "phone": _("[phone number]"),
    "email": _("[e-mail address]"),
    "address": _("[address]"),
    "postcode": _("[postcode]"),
    "iban": _("[bank account]"),
    "date_of_birth": _("[date of birth]"),
    "age": _("[age]"),
    "licence_plate": _("[licence plate]"),
    "case_number": _("[case number]"),
    "street": _("[street]"),
    "url": _("[web address]"),
}


@dataclass(frozen=True)
class Warning:
    finding: Finding
    message: str | Promise
    replacement: str
    digest: str


def _letters(n: int) -> str:
    letters = string.ascii_uppercase
    return letters[n] if n < 26 else letters[n // 26 - 1] + letters[n % 26]


class Known:
    """A deliberation's pseudonyms and dismissed warnings, read once for a whole batch of checks
    (a page shows warnings for many texts; one query each, not one per text or finding)."""

    def __init__(self, deliberation: Deliberation) -> None:
        self.deliberation = deliberation
        self._dismissed: set[str] | None = None
        self._labels: dict[str, tuple[str, str]] | None = None  # digest → (kind, label)

    def dismissed(self) -> set[str]:
        if self._dismissed is None:
            self._dismissed = set(
                Dismissal.objects.filter(deliberation=self.deliberation).values_list(
                    "digest", flat=True
                )
            )
        return self._dismissed

    def label(self, finding: Finding, key: str) -> str:
        """The same name gets the same pseudonym throughout one deliberation."""
        if self._labels is None:
            rows = Pseudonym.objects.filter(deliberation=self.deliberation)
            self._labels = {
                d: (k, lab) for d, k, lab in rows.values_list("digest", "kind", "label")
            }
        if key in self._labels:
            return self._labels[key][1]
        if finding.kind == "name":
            taken = sum(1 for kind, _label in self._labels.values() if kind == "name")
            label = str(_("person %(letter)s") % {"letter": _letters(taken)})
        else:
            label = str(PLACEHOLDERS.get(finding.kind, "[…]"))
        try:
            with transaction.atomic():
                Pseudonym.objects.create(
                    deliberation=self.deliberation, kind=finding.kind, digest=key, label=label
                )
        except IntegrityError:  # someone else made it at the same moment
            label = Pseudonym.objects.get(deliberation=self.deliberation, digest=key).label
        self._labels[key] = (finding.kind, label)
        return label


def pseudonym_for(deliberation: Deliberation, finding: Finding) -> str:
    return Known(deliberation).label(finding, digest(deliberation.pk, finding.kind, finding.text))


def warnings_for(
    deliberation: Deliberation, text: str, known: Known | None = None
) -> tuple[list[Warning], bool]:
    """Open warnings for a text (dismissed ones left out), and whether the full check ran."""
    findings, complete = check(text)
    if not findings:
        return [], complete
    known = known or Known(deliberation)
    warnings = []
    for finding in findings:
        key = digest(deliberation.pk, finding.kind, finding.text)
        if key in known.dismissed():
            continue
        message = MESSAGES.get(finding.kind, "")
        warnings.append(Warning(finding, message, known.label(finding, key), key))
    return warnings, complete


def replace_span(
    text: str, finding_text: str, start: int, end: int, replacement: str
) -> str | None:
    """Replace the finding at start:end, or its first occurrence if the text moved; None if gone."""
    if text[start:end] != finding_text:
        start = text.find(finding_text)
        if start < 0:
            return None
        end = start + len(finding_text)
    return text[:start] + replacement + text[end:]


def dismiss(deliberation: Deliberation, key: str) -> None:
    Dismissal.objects.get_or_create(deliberation=deliberation, digest=key)


@dataclass(frozen=True)
class Location:
    step: str
    label: Any
    kind: str  # "" for the deliberation itself, else an item kind
    item_id: int | None
    field: str
    text: str


def text_locations(deliberation: Deliberation) -> list[Location]:
    from beraad.deliberation.items import ITEM_KINDS_BY_SLUG

    locations = []
    for step, names in DELIBERATION_FIELDS.items():
        for name in names:
            label = getattr(deliberation._meta.get_field(name), "verbose_name", name)
            locations.append(Location(step, label, "", None, name, getattr(deliberation, name)))
    for kind_slug, names in ITEM_FIELDS.items():
        kind = ITEM_KINDS_BY_SLUG[kind_slug]
        for item in kind.queryset(deliberation):
            for name in names:
                label = f"{kind.title} · {item._meta.get_field(name).verbose_name}"
                locations.append(
                    Location(kind.step, label, kind_slug, item.pk, name, getattr(item, name))
                )
    return [location for location in locations if location.text]


def open_warnings(deliberation: Deliberation) -> tuple[list[tuple[Location, Warning]], bool]:
    """Every open warning in the deliberation, with where it is; and whether the full check ran."""
    result: list[tuple[Location, Warning]] = []
    complete = True
    known = Known(deliberation)
    for location in text_locations(deliberation):
        warnings, full = warnings_for(deliberation, location.text, known)
        complete = complete and full
        result.extend((location, warning) for warning in warnings)
    return result, complete


def field_warnings(deliberation: Deliberation, names: list[str]) -> dict[str, list[Warning]]:
    """Warnings for the stored values of some of the deliberation's own fields."""
    result = {}
    known = Known(deliberation)
    for name in names:
        value = getattr(deliberation, name)
        if not isinstance(value, str):
            continue
        warnings, _complete = warnings_for(deliberation, value, known)
        if warnings:
            result[name] = warnings
    return result


def item_warnings(
    deliberation: Deliberation, kind: str, items: list[Any]
) -> dict[int, list[tuple[str, list[Warning]]]]:
    """Per stored item: its fields that have open warnings."""
    result: dict[int, list[tuple[str, list[Warning]]]] = {}
    known = Known(deliberation)
    for item in items:
        for name in ITEM_FIELDS.get(kind, []):
            warnings, _complete = warnings_for(deliberation, getattr(item, name) or "", known)
            if warnings:
                result.setdefault(item.pk, []).append((name, warnings))
    return result


def apply_replacement(deliberation: Deliberation, text: str, key: str) -> str | None:
    """The text with the finding of this digest replaced by its pseudonym, or None."""
    warnings, _complete = warnings_for(deliberation, text)
    match = next((w for w in warnings if w.digest == key), None)
    if match is None:
        return None
    f = match.finding
    return replace_span(text, f.text, f.start, f.end, match.replacement)
