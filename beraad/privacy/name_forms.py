"""How a name is written in a mention: the title before it and the gender a title says,
particles ("van der", "El"), initials, a possessive; and a mention taken apart into first names,
initials and surname (``parse``). Pure Python; ``coreference`` groups the parsed forms into
people."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Titles and the gender they imply (None: says nothing about gender).
TITLES: dict[str, str | None] = {
    "mevrouw": "f",
    "mevr": "f",
    "mw": "f",
    "mej": "f",
    "juf": "f",
    "juffrouw": "f",
    "meneer": "m",
    "mijnheer": "m",
    "mnr": "m",
    "dhr": "m",
    "de heer": "m",
    "heer": "m",
    "meester": "m",
    "dr": None,
    "dokter": None,
    "mr": None,
    "drs": None,
    "ir": None,
    "prof": None,
}
_TITLE_WORDS = sorted(TITLES, key=len, reverse=True)
_TITLE_PATTERN = "|".join(re.escape(t).replace(r"\ ", r"\s+") + r"\.?" for t in _TITLE_WORDS)
# A title at the start of a mention ("Mevrouw Bakker" when a rule kept the title in the span).
_LEADING_TITLE = re.compile(rf"^(?:(?:{_TITLE_PATTERN})\s+)+", re.IGNORECASE)
# A title right before a mention, in the text before it.
_TRAILING_TITLE = re.compile(rf"(?:^|(?<=[^\w.]))((?:{_TITLE_PATTERN})\s+)$", re.IGNORECASE)

PARTICLES = frozenset(
    [
        "van",
        "de",
        "der",
        "den",
        "het",
        "'t",
        "ten",
        "ter",
        "te",
        "in",
        "op",
        "von",
        "vom",
        "la",
        "le",
        "du",
        "da",
        "di",
        "del",
        "el",
        "al",
        "bin",
        "ben",
        "vd",  # "Jeroen vd Berg"
        "v/d",
    ]
)
_INITIALS = re.compile(r"^(?:[a-z]\.)+[a-z]?$|^[a-z]$")  # on normalised (lower case) text
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def normalise(text: str) -> str:
    """Case, spacing and apostrophes aside: "BAKKER", "Bakker" and " bakker" are one form."""
    return " ".join(text.translate(_APOSTROPHES).split()).casefold()


def title_gender(title: str) -> str | None:
    words = normalise(title).replace(".", "").split()
    for size in (2, 1):
        if len(words) >= size and " ".join(words[-size:]) in TITLES:
            return TITLES[" ".join(words[-size:])]
    return None


def title_before(text: str, start: int) -> str:
    """The title typed right before ``text[start:]``, as typed ("Mevrouw ", "dhr. "), or ""."""
    match = _TRAILING_TITLE.search(text[max(0, start - 30) : start])
    return match.group(1) if match else ""


def leading_title(mention: str) -> int:
    """How many characters of ``mention`` are a title ("Mevrouw Bakker" → 8), 0 if none."""
    match = _LEADING_TITLE.match(mention)
    if not match or not mention[match.end() :].strip():
        return 0
    return match.end()


@dataclass(frozen=True)
class Mention:
    """A name as detected (without its title) and the title typed before it, if any. ``hint`` is a
    gender a word of kinship around this occurrence gives ("haar zoon Tim": "m"); it is evidence
    about the person, not part of what the mention is (mentions differing only in it are equal)."""

    text: str
    title: str = ""
    hint: str = field(default="", compare=False)
    # The surname a first name shares with the next name: "Jelle" in "Jelle en Sietse de Boer".
    surname: str = field(default="", compare=False)
    # A mention this one is a relative of, so not the same person: in "meneer Öztürk en zijn zoon
    # Emre Öztürk" and "Bakkers dochter Anouk", (text, title) of "Öztürk" and "Bakkers".
    apart: tuple[str, str] | None = field(default=None, compare=False)
    # The name this one is given as another name of: "Johannes Kuiper, roepnaam Hans".
    alias_of: tuple[str, str] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Form:
    """A mention taken apart: first names, initials, surname, or a single word."""

    given: tuple[str, ...] = ()
    initials: str = ""
    surname: str = ""
    single: str = ""  # one word without a title: a first name or a surname
    possessive: bool = False  # "Fatima's", "Bakkers'" (the "s" of "Bakkers" is decided later)
    gender: str | None = None


def parse(mention: Mention) -> Form:
    titled = bool(mention.title.strip())
    return _parse(mention.text, titled, title_gender(mention.title) if titled else None)


_PARTICLE_ABBREVIATIONS = (
    (re.compile(r"(?<![\w.])v\.\s*d\.?(?=\s)"), "van der"),
    (re.compile(r"(?<![\w.])v\.(?=\s)"), "van"),
)
_ABBREVIATED_SURNAME = re.compile(r"^(?:(?:[a-z]+ )*)[a-z]\.$")  # "k.", "de v."


def core(surname: str) -> str:
    """A surname without its particles and possessive: "de vries" → "vries"."""
    return " ".join(w for w in surname.split() if w not in PARTICLES)


def _parse(text: str, titled: bool, gender: str | None) -> Form:
    for pattern, particle in _PARTICLE_ABBREVIATIONS:  # lower case only: "V. Beek" is initials
        text = pattern.sub(particle, text)
    text = normalise(text)
    skip = leading_title(text)
    if skip:
        titled, gender = True, gender or title_gender(text[:skip])
        text = text[skip:].strip()
    possessive = False
    for ending in ("'s", "'"):
        if text.endswith(ending) and len(text) > len(ending):
            text, possessive = text[: -len(ending)].rstrip(), True
            break
    words = text.split()
    initials = ""
    while words and _INITIALS.match(words[0]) and len(words) > 1:
        initials += words.pop(0).replace(".", "")
    if not words:
        return Form(single=text, possessive=possessive, gender=gender)
    if initials:
        return Form(
            initials=initials, surname=" ".join(words), possessive=possessive, gender=gender
        )
    if len(words) == 1:
        if titled:
            return Form(surname=words[0], possessive=possessive, gender=gender)
        return Form(single=words[0], possessive=possessive, gender=gender)
    if words[0] in PARTICLES:  # "de Boer", "van Dijk"
        return Form(surname=" ".join(words), possessive=possessive, gender=gender)
    cut = next((i for i in range(1, len(words)) if words[i] in PARTICLES), len(words) - 1)
    return Form(
        given=tuple(words[:cut]),
        surname=" ".join(words[cut:]),
        possessive=possessive,
        gender=gender,
    )
