"""Personal-data detection: deduce (the Dutch de-identification library) plus the project's own rules.

deduce finds names, locations, ages, phone numbers and more in free Dutch text, but misses or only partly
catches some identifiers a social worker copies from a dossier (names in capitals, IBANs, licence
plates, dossier numbers …); the ``rules`` package covers those. ``detect`` combines both.

Loading deduce takes seconds and about 850 MB (its very first build on an installation a minute or
three: ``manage.py warm_privacy`` does it and leaves a stamp). No thread loads it: a server loads it
once, before it answers (``beraad/wsgi.py`` outside DEBUG; ``gunicorn.conf.py`` does that in the
master before forking, so the workers share one copy). Where it is not loaded (``runserver``, tests),
a web check uses the own rules alone and says so; with DEBUG on, the first check after the build
stamp appears loads deduce in that request (a one-time wait of a few seconds, in development only).
"""

from __future__ import annotations

import gc
import re
import threading
import time
from functools import lru_cache
from importlib import metadata, util
from pathlib import Path
from typing import Any

from beraad.privacy.first_names import _NOT_FIRST_NAMES, usual_gender
from beraad.privacy.name_forms import TITLES
from beraad.privacy.rules.vocabulary import _LO, _UP
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
    "locatie": {"address", "street", "postcode", "place"},
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
_deduce: Any = None
# When deduce_built() last looked for the stamp (a few file system calls).
_built_seen_at = 0.0
_BUILT_LOOK_EVERY = 2.0


def load_deduce() -> Any:
    """Load deduce once per process (it builds its lookup structures on first use ever)."""
    with _lock:
        _load_holding_the_lock()
    return _deduce


def _load_holding_the_lock(*, freeze: bool = True) -> None:
    global _deduce
    if _deduce is None:
        from deduce import Deduce

        _deduce = Deduce()
        usual_gender("")  # the first names' list, loaded with deduce (and frozen with it)
        if freeze:
            _out_of_the_collectors_reach()


def _out_of_the_collectors_reach() -> None:
    """deduce's lookup structures are millions of objects that live as long as the process. Left
    to the garbage collector, every full collection walks them all: 2.5 to 3 s of one core, in
    the middle of whichever request or task triggered it. Frozen, they are no longer walked
    (a full collection after this takes milliseconds). What else lives at this moment is frozen
    too; garbage is collected first, so only objects still in use are kept out of reach."""
    gc.collect()
    gc.freeze()


def deduce_ready() -> bool:
    return _deduce is not None


def _cache_dir() -> Path:
    """Where deduce keeps its lookup cache (inside the installed package), found without importing
    deduce (that alone takes a second)."""
    spec = util.find_spec("deduce")
    assert spec is not None and spec.origin is not None
    return Path(spec.origin).parent / "data" / "lookup" / "cache"


def build_stamp() -> Path:
    """Written by ``warm_privacy`` once deduce's cache for the installed version is complete."""
    return _cache_dir() / f"beraad-built-{metadata.version('deduce')}"


def mark_built() -> None:
    build_stamp().write_text(
        "deduce's lookup cache is complete; written by manage.py warm_privacy\n"
    )


def deduce_built() -> bool:
    """Whether loading deduce now takes seconds rather than a build of minutes."""
    try:
        return build_stamp().exists()
    except (OSError, metadata.PackageNotFoundError):
        return False


def _load_in_development() -> bool:
    """With DEBUG on, the first check after the build loads deduce in its request; other
    requests meanwhile go on with the rules alone. Never in production: there the server loaded
    deduce before it answered."""
    global _built_seen_at
    from django.conf import settings

    if not settings.DEBUG:
        return False
    now = time.monotonic()
    if now - _built_seen_at < _BUILT_LOOK_EVERY:
        return False
    _built_seen_at = now
    if not deduce_built() or not _lock.acquire(blocking=False):
        return False  # not built yet, or another request is loading it right now
    try:
        # Not frozen here: in a request thread, what the other requests hold at this moment
        # would be frozen with it (development only).
        _load_holding_the_lock(freeze=False)
    finally:
        _lock.release()
    return True


@lru_cache(maxsize=4096)
def _deduce_raw(text: str) -> tuple[Finding, ...]:
    document = load_deduce().deidentify(text)
    return tuple(
        sorted(Finding(a.start_char, a.end_char, a.tag, a.text) for a in document.annotations)
    )


def detect_deduce_only(text: str) -> list[Finding]:
    """deduce's own findings with its own tags (see DEDUCE_KIND_MAP), for comparison."""
    return list(_deduce_raw(text))


# "in Den Bosch", "naar De Bilt": after a word that goes before places, a name that deduce took for a
# person's and that starts with an article, as Dutch town names do, is a town.
_ARTICLE_PLACE = re.compile(r"^(?:Den|De|Het|'[st]|’[st])[ \-]", re.IGNORECASE)


def _from_deduce(text: str) -> list[Finding]:
    """deduce's findings in this project's kinds, keeping only what is worth a warning."""
    from beraad.privacy.rules import place_cue_before, unlikely_name, unlikely_place
    from beraad.privacy.rules.vocabulary import _function_word

    found: list[Finding] = []
    for raw in _deduce_raw(text):
        start, end, tag = raw.start, raw.end, raw.kind
        if not any(ch.isalnum() for ch in raw.text):
            continue  # a lone "?" left of an address it split
        if tag in ("persoon", "patient"):
            title = _TITLE.match(text[start:end])
            if title:
                start += title.end()
            name = text[start:end]
            if not name.strip() or _PSEUDONYM.match(name.strip()):
                continue
            words = name.split()
            if all(_function_word(word) for word in words):
                continue  # "op de ", "aan de " before a street: particles without a name
            if words and words[0] == "te" and len(words) == 2:
                start += 3
                found.append(Finding(start, end, "place", text[start:end]))  # "te Woudenberg"
                continue
            if start == raw.start and _ARTICLE_PLACE.match(name) and place_cue_before(text, start):
                found.append(Finding(start, end, "place", name))  # "naar Den Bosch"
                continue
            if unlikely_name(text, start, end):
                continue  # "van de " before a street, "Groen licht"
            found.append(Finding(start, end, "name", name))
        elif tag == "locatie":
            # A street with a number, or a postcode, is an address; a town alone is a place,
            # unless it is also an ordinary word opening a sentence ("Best is om …").
            if _DIGIT.search(raw.text):
                found.append(Finding(start, end, "address", raw.text))
            elif not unlikely_place(text, start, end):
                found.append(Finding(start, end, "place", raw.text))
        elif tag in ("bsn", "telefoonnummer", "emailadres", "url", "leeftijd"):
            kind = next(iter(DEDUCE_KIND_MAP[tag]))
            found.append(Finding(start, end, kind, raw.text))
        elif tag in ("id", "patientnummer"):
            found.append(Finding(start, end, "case_number", raw.text))
    return found


_FIRST_NAME_BEFORE = re.compile(rf"[{_UP}][{_LO}]+[ ]")


def combine(own: list[Finding], extra: list[Finding]) -> list[Finding]:
    """The own rules' findings, plus deduce's where the rules found nothing there; places, of
    either, last, so that a place never pushes out a name or an address that overlaps it."""
    merged = [f for f in own if f.kind != "place"]
    places = [f for f in own if f.kind == "place"] + [f for f in extra if f.kind == "place"]
    # Which finding covers each character, so that each overlap test costs the finding's length,
    # not the number of findings kept (thousands in a long pasted text).
    end = max((f.end for f in [*merged, *extra, *places]), default=0)
    owner: list[int] = [-1] * end
    for index, kept in enumerate(merged):
        owner[kept.start : kept.end] = [index] * (kept.end - kept.start)
    for finding in [f for f in extra if f.kind != "place"] + places:
        indexes = sorted({i for i in owner[finding.start : finding.end] if i >= 0})
        overlapped = [merged[i] for i in indexes]
        if not overlapped:
            owner[finding.start : finding.end] = [len(merged)] * (finding.end - finding.start)
            merged.append(finding)
        elif (
            finding.kind == "name"
            and len(overlapped) == 1
            and overlapped[0].kind == "name"
            and overlapped[0].end == finding.end
            and _FIRST_NAME_BEFORE.fullmatch(finding.text, 0, overlapped[0].start - finding.start)
            and usual_gender(first := finding.text.split(" ", 1)[0]) is not None
            and first.lower() not in TITLES  # "Meester Jorg": the title stays outside
        ):
            # deduce's "Dragan Petrović" around the rules' "Petrović": the first name too.
            merged[indexes[0]] = finding
            owner[finding.start : finding.end] = [indexes[0]] * (finding.end - finding.start)
    return sorted(merged)


def _own(text: str) -> list[Finding]:
    from beraad.privacy import rules

    return rules.find(text)


@lru_cache(maxsize=4096)
def _detect(text: str) -> tuple[Finding, ...]:
    from beraad.privacy.rules import place_cue_before
    from beraad.privacy.rules.ages import ages_after

    own = _own(text)
    # A town the rules found after "in", "uit", "te" or "naar" is not deduce's first name.
    cued = {(f.start, f.end) for f in own if f.kind == "place" and place_cue_before(text, f.start)}
    extra = [f for f in _from_deduce(text) if not (f.kind == "name" and (f.start, f.end) in cued)]
    merged = combine(own, extra)
    merged = combine(merged, _names_in_lower_case(text, merged))
    ages = ages_after(text, [f for f in merged if f.kind == "name"])
    return tuple(combine(merged, ages))


# "mevrouw bulut staat aan de deur", "tel mw koopmans": a word in lower case after a title.
_TITLE_LOWER_NAME = re.compile(
    r"(?<![\w\-])(?i:mevrouw|mevr\.?|mw\.?|dhr\.?|meneer|mijnheer|de[ ]heer|fam\.?)[ ]+"
    r"(?P<name>[a-zß-öø-ÿ][a-zß-öø-ÿ'’\-]{2,})(?![\w\-])"
)
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_NEXT_WORD = re.compile(r"[ ]+([^\W\d_]+)")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_IN_AN_ADDRESS = re.compile(r"[./@][\w]")
_VERB_ENDING = re.compile(r"(?:t|de|te|d|en|ok|iep|ag|at|am|ong|ing|ak|eek|eef)$")
# Past participles and other forms of a verb: "verhuisd", "gebeld", "opgenomen".
_VERB_FORM = re.compile(r"(?:ge|be|ver|ont|her|op|af|uit|in|aan|mee|terug)\w+(?:d|t|en)")
_AFTER_A_VERB = frozenset(
    [
        "in",
        "op",
        "aan",
        "bij",
        "naar",
        "van",
        "met",
        "de",
        "het",
        "een",
        "nog",
        "al",
        "ook",
        "niet",
        "zelf",
        "graag",
        "haar",
        "zijn",
        "hun",
        "dagelijks",
        "afwisselend",
        "overdag",
        "steeds",
        "sinds",
        "rond",
        "als",
        "dat",
        "iets",
        "om",
        "achter",
        "verspreid",
        "elke",
        "beneden",
        "boven",
        "hier",
        "daar",
        "er",
        "te",
        "tussen",
        "via",
        "vanuit",
        "voor",
        "na",
        "tot",
        "zo",
        "nu",
        "weer",
        "vaak",
        "soms",
        "altijd",
        "nooit",
        "meestal",
    ]
)


def _names_in_lower_case(text: str, found: list[Finding]) -> list[Finding]:
    """Names a chat writes in lower case: a word after a title ("mevrouw bulut"), and every other
    place where a word of a name found is written ("… bulut zegt …", "Bulut"): a name found once is
    a name everywhere in the text. Not an ordinary word ("de kok", "bos")."""
    from beraad.privacy.rules.names import _FINITE_VERBS
    from beraad.privacy.rules.vocabulary import _SURNAMES, _TITLE_WORDS, _common_word, _deduce_list

    more: list[Finding] = []
    for m in _TITLE_LOWER_NAME.finditer(text):
        word = m.group("name")
        after = _NEXT_WORD.match(text, m.end())
        known = word in _SURNAMES or word in _deduce_list("names/lst_surname")
        if (
            _common_word(word)
            or word in _FINITE_VERBS
            or _VERB_FORM.fullmatch(word)
            # "meneer huilde", "mw. schrok": a verb's ending, unless it is a known surname
            or (not known and _VERB_ENDING.search(word))
            # "Mw. woont in …", "meneer zwerft overdag …": a verb, then what goes with it.
            or (after is not None and after.group(1).lower() in _AFTER_A_VERB)
        ):
            continue
        more.append(Finding(m.start("name"), m.end("name"), "name", word))
    # A name found with a capital is looked for with a capital ("Bakker", not "de bakker"); one
    # found in lower case, in any case.
    words: dict[str, bool] = {}
    for f in [*found, *more]:
        if f.kind != "name":
            continue
        for word in f.text.split():
            folded = word.casefold()
            if (
                len(word) >= 4
                and word[:1].isalpha()
                and not _common_word(folded)
                and folded.rstrip(".") not in _TITLE_WORDS  # "Zuster Jansen": not "Zuster"
                and folded not in _NOT_FIRST_NAMES
            ):
                words[folded] = words.get(folded, False) or word[:1].islower()
    if not words:
        return more
    taken = bytearray(len(text))
    for f in [*found, *more]:
        taken[f.start : f.end] = b"\x01" * (f.end - f.start)
    for m in _WORD.finditer(text):
        # "Iryna's dochter", "Taras' vrouw": the name without the possessive.
        word = _POSSESSIVE_END.sub("", m.group())
        end = m.start() + len(word)
        any_case = words.get(word.casefold())
        if any_case is None or (not any_case and not word[:1].isupper()):
            continue
        if (
            any(taken[m.start() : end])
            or _IN_AN_ADDRESS.match(text, m.end())
            or (m.start() > 0 and text[m.start() - 1] in "./@")
        ):
            continue  # found already, or part of a web or e-mail address ("linktr.ee/priscilla")
        more.append(Finding(m.start(), end, "name", word))
    return more


def detect(text: str) -> list[Finding]:
    """Every finding in ``text``; loads deduce first if needed (commands, tests)."""
    if not text or not text.strip():
        return []
    return list(_detect(text))


def check(text: str) -> tuple[list[Finding], bool]:
    """For web requests: never waits for a build of deduce. Returns the findings and whether deduce
    took part."""
    if not text or not text.strip():
        return [], True
    if full_check_available():
        return list(_detect(text)), True
    return _own(text), False


def full_check_available() -> bool:
    """Whether a web check now runs deduce too (see ``check``)."""
    return deduce_ready() or _load_in_development()
