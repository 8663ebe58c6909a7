"""The project's own rule-based detector of personal data in Dutch social-work text.

deduce (see ``detector.py``) is good at names and locations in running text, but misses or only
partly catches what a social worker copies from a dossier or a letter: names in capitals, IBANs,
licence plates, dossier numbers, a BSN written with dots, a postcode with its house number, an
age written as "(34)". These rules cover those, and are deliberately *precise rather than greedy*:
a warning that fires on every "Mevrouw A." or "WMO" teaches people to ignore warnings, so

* numbers with a checksum (BSN, IBAN) must pass it;
* dates and ages count only in a context that makes them personal ("geboren", "jongen van 15");
* pseudonyms ("mevrouw A.", "de zoon") are exactly what users should write and are never flagged;
* acronyms common in Dutch social work (WMO, GGZ, UWV …) and shouted sentences ("LET OP") are
  not names.

Everything here is pure Python with ``re`` from the standard library, so it can run on every
keystroke (a 5,000-character note takes a few milliseconds) and be tested without Django. Where
deduce is installed, its surname, common-word and town lists are read as plain text files (without
importing deduce) for surnames typed in lower case and to tell towns from surnames.
``find`` returns non-overlapping findings; where rules overlap, the more specific kind wins
(an IBAN over the phone number that hides inside it), then the longer span.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from beraad.privacy.rules.age_phrases import (
    _age_phrases,
    _ages_in_turns_and_lists,
    _ages_of_the_fourteenth_round,
)
from beraad.privacy.rules.ages import _ages, _ages_after_names
from beraad.privacy.rules.births import _dates_of_birth
from beraad.privacy.rules.family import _ages_in_child_lists, _ages_of_relatives
from beraad.privacy.rules.name_contexts import _names_in_context
from beraad.privacy.rules.names import (
    _names,
    unlikely_name,
)
from beraad.privacy.rules.nearby_places import _places
from beraad.privacy.rules.numbers import (
    _bsns,
    _case_numbers,
    _emails_and_urls,
    _ibans,
    _phones,
    _plates,
    elfproef,
    iban_valid,
)
from beraad.privacy.rules.places import (
    _postcodes,
    _streets_and_addresses,
)
from beraad.privacy.rules.streets import _listed_streets, listed_street
from beraad.privacy.rules.towns import (
    PLACE_PREFIXES,
    place_cue_before,
    unlikely_place,
)
from beraad.privacy.rules.vocabulary import FIRST_NAMES, _place
from beraad.privacy.rules.written_out import _written_out
from beraad.privacy.spans import Finding

__all__ = [
    "elfproef",
    "find",
    "iban_valid",
    "place_cue_before",
    "unlikely_name",
    "unlikely_place",
]


# Findings of these kinds win any overlap, then longer spans win. Structured identifiers with a
# checksum or an unmistakable shape come first; names and ages, the fuzziest rules, last.
_TIER = {
    "iban": 0,
    "email": 0,
    "url": 0,
    "bsn": 0,
    "date_of_birth": 1,
    "postcode": 1,
    "address": 1,
    "phone": 1,
    "licence_plate": 1,
    "case_number": 1,
    "name": 2,
    "street": 2,
    "age": 3,
    # A town or neighbourhood gives way to anything that overlaps it: "meneer Zeist" is a name,
    # "Kerkstraat 4, Ede" an address.
    "place": 4,
}
# Between a name and a street of the same length ("mevrouw Verdijk"), the name wins.
_KIND_RANK = {kind: rank for rank, kind in enumerate(("name", "street"))}


# ---------------------------------------------------------------------------------------------
# Putting it together
# ---------------------------------------------------------------------------------------------


def _resolve(text: str, candidates: Iterable[Finding]) -> list[Finding]:
    """Keep non-overlapping findings: the most specific kind first, then the longest span."""
    ordered = sorted(
        candidates,
        key=lambda f: (_TIER[f.kind], -(f.end - f.start), _KIND_RANK.get(f.kind, 0), f.start),
    )
    taken = bytearray(len(text))
    kept: list[Finding] = []
    for finding in ordered:
        if any(taken[finding.start : finding.end]):
            continue
        kept.append(finding)
        taken[finding.start : finding.end] = b"\x01" * (finding.end - finding.start)
    return sorted(kept)


_RULES: tuple[Callable[[str, list[Finding]], None], ...] = (
    _bsns,
    _phones,
    _written_out,
    _emails_and_urls,
    _postcodes,
    _streets_and_addresses,
    _listed_streets,
    _dates_of_birth,
    _ages,
    _ages_in_turns_and_lists,
    _age_phrases,
    _ages_of_the_fourteenth_round,
    _ages_in_child_lists,
    _ages_of_relatives,
    _plates,
    _case_numbers,
    _names,
    _names_in_context,
    _ages_after_names,
    _places,
)


def _strong_street(name: str) -> bool:
    """A word only a street ends with: not "-dijk" or a short "-weg" (Groenendijk, Hoogeweg are
    names); a long "-weg" made of a place's or a thing's name is a street ("Walenburgerweg",
    "Amsterdamseweg", "Rijksstraatweg")."""
    low = name.lower()
    return low.endswith(
        ("straat", "laan", "plein", "gracht", "singel", "dreef", "steeg", "plantsoen", "allee")
    ) or (
        (low.endswith(("erweg", "straatweg")) and len(low) >= 11)
        or (low.endswith("seweg") and len(low) >= 9)  # "Larenseweg", "Haagseweg"
        or low.endswith(("str", "str."))  # "Galenstr."
        or low.endswith((" oost", " west", " noord", " zuid"))  # "Rijksweg Zuid"
    )


# "moeder in de Parkweg", "op de Dorpsweg": after "in/op/aan de" a street's word is the street.
_IN_THE_STREET = re.compile(r"(?<![\w\-])(?:in|op|aan)[ ]+(?:de|het|['’]?t)[ ]+$")


def find(text: str) -> list[Finding]:
    """All personal data the rules find in ``text``: non-overlapping, sorted by start.

    Numbers inside something shaped like an IBAN (valid or not) are not reported as a phone
    number, BSN or plate: a mistyped IBAN is no reason to warn about a phone number."""
    if not text:
        return []
    candidates: list[Finding] = []
    masks: list[tuple[int, int]] = []
    _ibans(text, candidates, masks)
    for rule in _RULES:
        rule(text, candidates)
    # "Brinklaan" found as a name too (a list "…, Brinklaan, Jasmijn"): a street's suffix, a
    # street's cue or a street's name that is no person's decides.
    streets = {(f.start, f.end) for f in candidates if f.kind == "street"}
    candidates = [
        f
        for f in candidates
        if not (
            f.kind == "name"
            and (f.start, f.end) in streets
            and (
                _strong_street(f.text)
                or _IN_THE_STREET.search(text, max(0, f.start - 8), f.start)
                or listed_street(f.text)
            )
        )
    ]
    # "een vrouw uit Kanaleneiland, moeder van …", "geboren in Paramaribo": one word after "uit",
    # "in", "te" or "naar" that a place rule found there is that place, not a name that an
    # apposition or a list rule also saw; unless it is a first name.
    cued = {
        (f.start, f.end)
        for f in candidates
        if f.kind == "place" and place_cue_before(text, f.start)
    }
    candidates = [
        f
        for f in candidates
        if not (
            f.kind == "name"
            and (f.start, f.end) in cued
            and (
                " " not in f.text
                or f.text.split()[0] in PLACE_PREFIXES
                or _place(f.text.split()[0])  # "in Ede Veldhuizen": a town and its part
            )
            and f.text.lower() not in FIRST_NAMES
        )
    ]
    if masks:
        candidates = [
            f
            for f in candidates
            if f.kind in ("iban", "email", "url")
            or not any(s <= f.start and f.end <= e for s, e in masks)
        ]
    return _resolve(text, candidates)
