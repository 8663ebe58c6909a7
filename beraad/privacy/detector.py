"""Personal-data detection: deduce (the Dutch de-identification library) plus the project's own rules.

deduce finds names, locations, ages, phone numbers and more in free Dutch text, but misses or only partly
catches some identifiers a social worker copies from a dossier (names in capitals, IBANs, licence
plates, dossier numbers …); the ``rules`` package covers those. ``detect`` combines both.

Loading deduce takes seconds (and its very first build a minute or two), so it happens once per
process, off the request path: a server starts loading it in a background thread at start-up
(``warm_up_in_background``), and until it is ready a web check uses the rules alone and says so.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Any

from beraad.privacy.spans import Finding

# deduce's tags and the kinds of this project they can stand for (used to score deduce alone).
DEDUCE_KIND_MAP: dict[str, set[str]] = {
    "persoon": {"name"},
    "patient": {"name"},
    "bsn": {"bsn"},
    "telefoonnummer": {"phone"},
    "emailadres": {"email"},
    "url": {"url"},
    "leeftijd": {"age"},
    "locatie": {"address", "street", "postcode"},
    "datum": {"date_of_birth"},
    "id": {"case_number"},
    "patientnummer": {"case_number"},
}

_TITLE = re.compile(
    r"^(?:(?:mevrouw|mevr\.?|mw\.?|meneer|mijnheer|mnr\.?|dhr\.?|de\s+heer|heer|juffrouw|dokter|dr\.?)\s+)+",
    re.IGNORECASE,
)
_PSEUDONYM = re.compile(r"^[A-Z]\.?$")
_DIGIT = re.compile(r"\d")

_lock = threading.Lock()
_ready = threading.Event()
_deduce: Any = None


def load_deduce() -> Any:
    """Load deduce once per process (it builds its lookup structures on first use ever)."""
    global _deduce
    with _lock:
        if _deduce is None:
            from deduce import Deduce

            _deduce = Deduce()
            _ready.set()
    return _deduce


def warm_up_in_background() -> None:
    if not _ready.is_set():
        threading.Thread(target=load_deduce, name="deduce-warm-up", daemon=True).start()


def deduce_ready() -> bool:
    return _ready.is_set()


@lru_cache(maxsize=4096)
def _deduce_raw(text: str) -> tuple[Finding, ...]:
    document = load_deduce().deidentify(text)
    return tuple(
        sorted(Finding(a.start_char, a.end_char, a.tag, a.text) for a in document.annotations)
    )


def detect_deduce_only(text: str) -> list[Finding]:
    """deduce's own findings with its own tags (see DEDUCE_KIND_MAP), for comparison."""
    return list(_deduce_raw(text))


def _from_deduce(text: str) -> list[Finding]:
    """deduce's findings in this project's kinds, keeping only what is worth a warning."""
    from beraad.privacy.rules import unlikely_name

    found: list[Finding] = []
    for raw in _deduce_raw(text):
        start, end, tag = raw.start, raw.end, raw.kind
        if tag in ("persoon", "patient"):
            title = _TITLE.match(text[start:end])
            if title:
                start += title.end()
            name = text[start:end]
            if not name.strip() or _PSEUDONYM.match(name.strip()):
                continue
            if unlikely_name(text, start, end):
                continue  # "van de " before a street, "te Woudenberg", "Groen licht"
            found.append(Finding(start, end, "name", name))
        elif tag == "locatie":
            # A town alone is no personal data; a street with a number, or a postcode, is.
            if _DIGIT.search(raw.text):
                found.append(Finding(start, end, "address", raw.text))
        elif tag in ("bsn", "telefoonnummer", "emailadres", "url", "leeftijd"):
            kind = next(iter(DEDUCE_KIND_MAP[tag]))
            found.append(Finding(start, end, kind, raw.text))
        elif tag in ("id", "patientnummer"):
            found.append(Finding(start, end, "case_number", raw.text))
    return found


def _overlaps(a: Finding, b: Finding) -> bool:
    return a.start < b.end and b.start < a.end


def combine(own: list[Finding], extra: list[Finding]) -> list[Finding]:
    """The own rules' findings, plus deduce's where the rules found nothing there."""
    merged = list(own)
    for finding in extra:
        if not any(_overlaps(finding, kept) for kept in merged):
            merged.append(finding)
    return sorted(merged)


def _own(text: str) -> list[Finding]:
    from beraad.privacy import rules

    return rules.find(text)


@lru_cache(maxsize=4096)
def _detect(text: str) -> tuple[Finding, ...]:
    return tuple(combine(_own(text), _from_deduce(text)))


def detect(text: str) -> list[Finding]:
    """Every finding in ``text``; loads deduce first if needed (commands, tests)."""
    if not text or not text.strip():
        return []
    return list(_detect(text))


def check(text: str) -> tuple[list[Finding], bool]:
    """For web requests: never waits for deduce. Returns the findings and whether deduce took part."""
    if not text or not text.strip():
        return [], True
    if deduce_ready():
        return list(_detect(text)), True
    warm_up_in_background()
    return _own(text), False
