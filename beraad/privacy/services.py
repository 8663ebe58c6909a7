"""Privacy checks on a deliberation's free texts: warnings, pseudonyms, replacement, dismissal."""

from __future__ import annotations

import json
import re
import string
from collections import Counter
from collections.abc import Sequence
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
from beraad.privacy.coreference import (
    Assignment,
    Chooser,
    Person,
    Resolution,
    mention_key,
    resolve,
)
from beraad.privacy.detector import check, full_check_available
from beraad.privacy.mentions import name_words
from beraad.privacy.models import Dismissal, NameChoice, Pseudonym, digest
from beraad.privacy.name_forms import Mention
from beraad.privacy.pseudonyms import (
    Span,
    capitalised,
    more_names,
    name_form,
    name_mentions,
    spans,
)
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

# The most "who is this name" choices one deliberation keeps (far above any real case).
MAX_NAME_CHOICES = 500

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
class Candidate:
    """A person an ambiguous name could be: their fullest name and the digest a choice stores."""

    name: str
    digest: str
    label: str


@dataclass(frozen=True)
class Warning:
    finding: Finding
    message: str | Promise
    replacement: str
    digest: str
    # For a name: the person's pseudonym ("persoon A"), which "Vervang alle" replaces everywhere.
    person: str = ""
    # For a name that could be more than one person: who, and the digest the choice is stored by.
    candidates: tuple[Candidate, ...] = ()
    choice_digest: str = ""
    chosen: bool = False

    @property
    def ambiguous(self) -> bool:
        return len(self.candidates) > 1


def _letters(n: int) -> str:
    """A, B, … Z, AA, AB, … ZZ, AAA, …: a letter code for every number, however many people."""
    code = ""
    n += 1
    while n:
        n, rest = divmod(n - 1, 26)
        code = string.ascii_uppercase[rest] + code
    return code


def _letter_of(label: str) -> str:
    """ "persoon A" → "A": the letter a title goes with ("mevrouw A")."""
    return label.rsplit(" ", 1)[-1]


def name_digest(deliberation_id: int, mention: Mention) -> str:
    """The stored key of a name as it resolves (its words and the kind of title before it)."""
    return digest(deliberation_id, "name", mention_key(mention))


def person_digest(deliberation_id: int, person: Person) -> str:
    return digest(deliberation_id, "person", person.key())


def chooser(deliberation: Deliberation) -> Chooser:
    """The choices stored for this deliberation's ambiguous names, as ``coreference`` asks."""
    stored: dict[str, str] | None = None

    def choose(mention: Mention, candidates: Sequence[Person]) -> Person | None:
        nonlocal stored
        if stored is None:
            stored = dict(
                NameChoice.objects.filter(deliberation=deliberation).values_list("digest", "person")
            )
        chosen = stored.get(name_digest(deliberation.pk, mention))
        return next((p for p in candidates if person_digest(deliberation.pk, p) == chosen), None)

    return choose


class Known:
    """A deliberation's pseudonyms, dismissed warnings and the people its texts name, read once
    for a whole batch of checks (a page shows warnings for many texts; one query each, not one
    per text or finding). ``extra`` are texts being typed, not stored yet: their names count too
    ("Henk" typed now, "Henk de Boer" stored in another field). ``persist=False`` (a check while
    typing): new pseudonyms are given but not stored, so text that is never saved leaves no rows."""

    def __init__(
        self,
        deliberation: Deliberation,
        extra: Sequence[str] = (),
        stored: Sequence[str] | None = None,
        *,
        persist: bool = True,
    ) -> None:
        self.deliberation = deliberation
        self.persist = persist
        self.extra = [t for t in extra if t]
        self.stored = stored  # the stored texts, when the caller has read them already
        self._dismissed: set[str] | None = None
        self._labels: dict[str, tuple[str, str]] | None = None  # digest → (kind, label)
        self._resolution: Resolution | None = None
        self._words: set[str] = set()
        self._person_labels: dict[int, str] = {}
        self._texts: list[str] = []  # every text resolved: stored ones and ``extra``

    def dismissed(self) -> set[str]:
        if self._dismissed is None:
            self._dismissed = set(
                Dismissal.objects.filter(deliberation=self.deliberation).values_list(
                    "digest", flat=True
                )
            )
        return self._dismissed

    def labels(self) -> dict[str, tuple[str, str]]:
        if self._labels is None:
            rows = Pseudonym.objects.filter(deliberation=self.deliberation)
            self._labels = {
                d: (k, lab) for d, k, lab in rows.values_list("digest", "kind", "label")
            }
        return self._labels

    def _store(self, key: str, kind: str, label: str) -> str:
        """Store a pseudonym row; someone else may have made it at the same moment."""
        if not self.persist:
            self.labels()[key] = (kind, label)
            return label
        try:
            with transaction.atomic():
                Pseudonym.objects.create(
                    deliberation=self.deliberation, kind=kind, digest=key, label=label
                )
        except IntegrityError:
            label = Pseudonym.objects.get(deliberation=self.deliberation, digest=key).label
        self.labels()[key] = (kind, label)
        return label

    def label(self, finding: Finding, key: str) -> str:
        """A placeholder for anything but a name (names: ``person_label``)."""
        if key in self.labels():
            return self.labels()[key][1]
        return self._store(key, finding.kind, str(PLACEHOLDERS.get(finding.kind, "[…]")))

    def resolution(self) -> Resolution:
        """The people named in all the deliberation's checked texts (and ``extra``)."""
        if self._resolution is None:
            texts_ = self.stored
            if texts_ is None:
                texts_ = [location.text for location in text_locations(self.deliberation)]
            every = [*texts_, *self.extra]
            self._texts = every
            detected = {str(i): check(t)[0] for i, t in enumerate(every)}
            first = name_mentions(spans(t, detected[str(i)]) for i, t in enumerate(every))
            self._words = name_words(first)
            found = [
                spans(t, more_names(t, detected[str(i)], self._words)) for i, t in enumerate(every)
            ]
            self._resolution = resolve(name_mentions(found), chooser(self.deliberation))
            self._label_people()
        return self._resolution

    def words(self) -> set[str]:
        """The words of every name found (see ``mentions.name_words``)."""
        self.resolution()
        return self._words

    def assignment(self, mention: Mention) -> Assignment:
        try:
            return self.resolution().of(mention)
        except KeyError:  # a text not stored and not given as ``extra``: resolve with it
            self.extra.append(mention.title + mention.text)
            self._resolution = None
            return self.resolution().of(mention)

    def _label_people(self) -> None:
        """One pseudonym per person: a person keeps the label most of their names already had
        (unless an earlier person has it), else gets the next free letter. Every name of the
        person is stored with that label, so the table says the same as the texts."""
        assert self._resolution is not None
        pk = self.deliberation.pk
        stored = self.labels()
        forms: dict[int, list[str]] = {}
        for mention, assignment in self._resolution.assignments.items():
            forms.setdefault(assignment.person, []).append(name_digest(pk, mention))
        used = {label for kind, label in stored.values() if kind == "name"}
        # A pseudonym already typed or put in a text not saved yet ("persoon A" after a replace
        # while typing) is taken too: without a stored row nothing else reserves it.
        used |= self._labels_in(self._texts)
        taken: set[str] = set()
        self._person_labels = {}
        for number in sorted(forms):
            had = Counter(
                stored[d][1] for d in forms[number] if d in stored and stored[d][0] == "name"
            )
            kept = next((lab for lab, _n in had.most_common() if lab not in taken), None)
            label = kept if kept is not None else self._free_label(used | taken)
            taken.add(label)
            self._person_labels[number] = label
            for key in forms[number]:
                if key not in stored:
                    self._store(key, "name", label)
                elif stored[key][1] != label:
                    if self.persist:
                        Pseudonym.objects.filter(deliberation=self.deliberation, digest=key).update(
                            label=label
                        )
                    stored[key] = ("name", label)

    @staticmethod
    def _labels_in(texts_: Sequence[str]) -> set[str]:
        """The pseudonyms of the form "persoon A" that these texts contain, as labels."""
        prefix, _marker, suffix = str(_("person %(letter)s") % {"letter": "\x00"}).partition("\x00")
        shape = re.compile(
            rf"(?<!\w){re.escape(prefix)}([A-Z]{{1,3}}){re.escape(suffix)}(?!\w)", re.I
        )
        return {
            f"{prefix}{found.group(1)}{suffix}" for text in texts_ for found in shape.finditer(text)
        }

    @staticmethod
    def _free_label(unavailable: set[str]) -> str:
        n = 0
        while (label := str(_("person %(letter)s") % {"letter": _letters(n)})) in unavailable:
            n += 1
        return label

    def person_label(self, number: int) -> str:
        self.resolution()
        return self._person_labels[number]


def pseudonym_for(deliberation: Deliberation, finding: Finding) -> str:
    known = Known(deliberation)
    if finding.kind == "name":
        mention = Mention(finding.text)
        return known.person_label(known.assignment(mention).person)
    return known.label(finding, digest(deliberation.pk, finding.kind, finding.text))


def _name_warning(known: Known, text: str, span: Span, finding: Finding, key: str) -> Warning:
    assert span.mention is not None
    assignment = known.assignment(span.mention)
    label = known.person_label(assignment.person)
    replacement = name_form(
        label,
        titled=bool(span.title.strip()),
        possessive=assignment.possessive,
        letter=_letter_of(label),
    )
    replacement = capitalised(replacement, text, span.start)
    shown = Finding(span.start, span.end, "name", span.text)
    if len(assignment.candidates) < 2:
        return Warning(shown, MESSAGES["name"], replacement, key, person=label)
    resolution = known.resolution()
    pk = known.deliberation.pk
    people = [resolution.people[n] for n in assignment.candidates]
    candidates = tuple(
        Candidate(p.name, person_digest(pk, p), known.person_label(p.number)) for p in people
    )
    if assignment.chosen:
        message: str | Promise = MESSAGES["name"]
    else:
        message = _("%(name)s could be %(people)s: choose who.") % {
            "name": span.text,
            "people": _join_or([p.name for p in people]),
        }
    return Warning(
        shown,
        message,
        replacement,
        key,
        person=label,
        candidates=candidates,
        choice_digest=name_digest(pk, span.mention),
        chosen=assignment.chosen,
    )


def _join_or(names: list[str]) -> str:
    if len(names) < 2:
        return "".join(names)
    return str(_("%(some)s or %(last)s") % {"some": ", ".join(names[:-1]), "last": names[-1]})


def warnings_for(
    deliberation: Deliberation, text: str, known: Known | None = None, *, persist: bool = True
) -> tuple[list[Warning], bool]:
    """Open warnings for a text (dismissed ones left out), and whether the full check ran.
    ``persist=False`` for text being typed: no pseudonym rows are stored for it (see ``Known``)."""
    findings, complete = check(text)
    known = known or Known(deliberation, [text], persist=persist)
    if text.strip():
        findings = more_names(text, findings, known.words())
    if not findings:
        return [], complete
    warnings = []
    for finding, span in zip(sorted(findings), _spans_by_finding(text, findings), strict=True):
        if span is None:
            continue  # overlapped by an earlier finding
        key = digest(deliberation.pk, finding.kind, finding.text)
        if key in known.dismissed():
            continue
        if span.mention is not None:
            warnings.append(_name_warning(known, text, span, finding, key))
            continue
        message = MESSAGES.get(finding.kind, "")
        warnings.append(Warning(finding, message, known.label(finding, key), key))
    return warnings, complete


def _spans_by_finding(text: str, findings: list[Finding]) -> list[Span | None]:
    """Per finding (sorted), its replaceable span, or None where an earlier finding overlaps it."""
    result: list[Span | None] = []
    position = 0
    for finding in sorted(findings):
        if finding.start < position:
            result.append(None)
            continue
        position = finding.end
        result.append(spans(text, [finding])[0])
    return result


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
    locations = text_locations(deliberation)
    known = Known(deliberation, stored=[location.text for location in locations])
    for location in locations:
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
        puts the finding's pseudonym into the posted text of that field; ``choose=<digest>`` stores who
        the ambiguous name of that digest is (``choice-<digest>``: a candidate's digest, or empty
        for "someone else")."""
        if "dismiss" in data:
            dismiss(deliberation, str(data["dismiss"]))
        if "choose" in data:
            name = str(data["choose"])
            person = str(data.get(f"choice-{name}", ""))
            choose_person(deliberation=deliberation, name=name, person=person)
        if "replace" in data:
            name, _sep, key = str(data["replace"]).partition("|")
            replaced = apply_replacement(deliberation, data.get(name, ""), key)
            if name in fields and replaced is not None:
                data[name] = replaced
        return "replace" in data or "dismiss" in data or "choose" in data


def choose_person(*, deliberation: Deliberation, name: str, person: str) -> bool:
    """Stores who an ambiguous name is (``person``: a candidate's digest), or forgets the choice
    (``person`` empty: "someone else"). Anything but digests names nothing and is ignored.
    False when the deliberation already holds the most choices it may (a bound on what a
    stream of made-up digests can store)."""
    if not is_digest(name):
        return True
    if not person:
        NameChoice.objects.filter(deliberation=deliberation, digest=name).delete()
    elif is_digest(person):
        choices = NameChoice.objects.filter(deliberation=deliberation)
        if not choices.filter(digest=name).exists() and choices.count() >= MAX_NAME_CHOICES:
            return False
        NameChoice.objects.update_or_create(
            deliberation=deliberation, digest=name, defaults={"person": person}
        )
    return True
