"""Privacy checks on a deliberation's free texts: warnings, pseudonyms, replacement, dismissal."""

from __future__ import annotations

import json
import string
from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import IntegrityError, transaction
from django.http import QueryDict
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beraad.deliberation import checks, texts
from beraad.deliberation.models import Deliberation
from beraad.privacy.detector import check, full_check_available
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
    "place": _(
        'This looks like a town or neighbourhood. Say "in a small village" or "in the city" instead.'
    ),
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
    "place": _("[place]"),
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


def is_digest(key: str) -> bool:
    """Whether ``key`` has the form of a warning's digest: 64 hexadecimal digits."""
    return len(key) == 64 and all(c in "0123456789abcdef" for c in key)


def dismiss(deliberation: Deliberation, key: str) -> None:
    """Hides the warning with this digest. Anything else names no warning and is ignored (it
    could not be stored either: too long, or with a NUL character)."""
    if is_digest(key):
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
    """Every checked free text of the deliberation and its items (as ``texts.py`` declares)."""
    locations = []
    for step, free in texts.deliberation_texts():
        if free.check:
            label = getattr(deliberation._meta.get_field(free.name), "verbose_name", free.name)
            text = getattr(deliberation, free.name)
            locations.append(Location(step.slug, label, "", None, free.name, text))
    kinds: dict[str, tuple[Any, list[str]]] = {}
    for kind, free in texts.item_texts():
        if free.check:
            kinds.setdefault(kind.slug, (kind, []))[1].append(free.name)
    for kind_slug, (kind, names) in kinds.items():
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


def checked_item_fields(kind: str) -> list[str]:
    return texts.names(texts.of_kind(kind), "check")


def item_warnings(
    deliberation: Deliberation, kind: str, items: list[Any]
) -> dict[int, list[tuple[str, list[Warning]]]]:
    """Per stored item: its fields that have open warnings."""
    result: dict[int, list[tuple[str, list[Warning]]]] = {}
    known = Known(deliberation)
    names = checked_item_fields(kind)
    for item in items:
        for name in names:
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


def attach_check(form: forms.BaseForm, deliberation: Deliberation, names: list[str]) -> None:
    """Free-text fields are checked for personal data as the person types (htmx, debounced)."""
    if not deliberation.pk:
        return
    url = reverse("privacy:check", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk})
    for name in names:
        if name not in form.fields:
            continue
        bound = form[name]
        field = form.fields[name]
        field.privacy_checked = True  # type: ignore[attr-defined]
        # False until deduce is loaded: the field then says the check is a first, quick one.
        field.privacy_complete = full_check_available()  # type: ignore[attr-defined]
        field.widget.attrs.update(
            {
                "hx-post": url,
                "hx-trigger": "keyup changed delay:700ms",
                "hx-target": f"#privacy-{bound.auto_id}",
                "hx-swap": "innerHTML",
                "hx-sync": "this:replace",
                "hx-vals": json.dumps({"field": bound.html_name, "target": bound.auto_id}),
                "aria-describedby": f"privacy-{bound.auto_id}",
            }
        )


class PrivacyCheck(checks.TextCheck):
    """The personal-data check, as the core's step pages use it (registered in apps.py)."""

    def attach(self, form: forms.BaseForm, deliberation: Deliberation, names: list[str]) -> None:
        attach_check(form, deliberation, names)

    def field_warnings(self, deliberation: Deliberation, names: list[str]) -> dict[str, list[Any]]:
        checked = {free.name for _step, free in texts.deliberation_texts() if free.check}
        return dict(field_warnings(deliberation, [n for n in names if n in checked]))

    def item_warnings(
        self, deliberation: Deliberation, kind: str, items: list[Any]
    ) -> dict[int, list[tuple[str, list[Any]]]]:
        return dict(item_warnings(deliberation, kind, items))

    def open_warnings(self, deliberation: Deliberation) -> tuple[list[tuple[Any, Any]], bool]:
        found, complete = open_warnings(deliberation)
        return list(found), complete

    def apply_choices(self, deliberation: Deliberation, data: QueryDict, fields: Any) -> bool:
        """``dismiss=<digest>`` marks a warning as not personal data; ``replace=<field>|<digest>``
        puts the finding's pseudonym into the posted text of that field."""
        if "dismiss" in data:
            dismiss(deliberation, str(data["dismiss"]))
        if "replace" in data:
            name, _sep, key = str(data["replace"]).partition("|")
            replaced = apply_replacement(deliberation, data.get(name, ""), key)
            if name in fields and replaced is not None:
                data[name] = replaced
        return "replace" in data or "dismiss" in data
