"""Streets known by name: the Netherlands' street names (the BAG's, as deduce ships them in its
lookup lists), where the text says a street stands there.

Many streets have no ending that says "street" ("de Vismarkt", "aan het Oosterdiep", "Achter de
Hoven", "Brink 3"), so the rules in ``places.py`` cannot see them. A name in the list is a
street only in a street's place: after "aan de" or "op de", before a house number, or next to a
town ("Stepekolk, Helmond"); the list holds ordinary words too ("Laat", "Markt", "Regenboog").
"""

from __future__ import annotations

import functools
import re

from beraad.privacy.rules.helpers import _add, _sentence_initial
from beraad.privacy.rules.places import (
    _HOUSE_NUMBER,
    _NOT_STREETS,
    _PERSON_TITLES,
    _STRONG_SUFFIXES,
    _WEAK_SUFFIXES,
)
from beraad.privacy.rules.vocabulary import (
    _LO,
    _UP,
    FIRST_NAMES,
    _common_word,
    _deduce_list,
    _function_word,
    _place_names,
)
from beraad.privacy.spans import Finding

_LIST = "locations/lst_street"


@functools.cache
def _street_names() -> tuple[frozenset[str], dict[str, int]]:
    """The street names, lower-cased, minus deduce's exceptions ("Augustus", "Postbus"); and
    for each first word the most words a street starting with it has."""
    names = _deduce_list(_LIST) - _deduce_list(_LIST, "exceptions.txt")
    longest: dict[str, int] = {}
    for name in names:
        words = name.split(" ")
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return names, longest


# A word of a street's name: letters, with hyphens and apostrophes inside ("Ondiep-Zuidzijde").
_WORD = re.compile(rf"(?<![\w\-'’@/.])[{_UP}{_LO}][{_LO}{_UP}'’\-]*(?<![\-'’])(?![\w@/]|\.\w)")
# Words that say a street follows: "woont aan de", "op het", "verhuisd naar de", "straat:".
_CUE_BEFORE = re.compile(
    r"(?:(?<![\w\-])(?:aan|op)[ ]+(?:de|het|['’]?t)"
    r"|(?<![\w\-])(?:[Ss]traat|[Aa]dres|[Ww]oonadres|[Vv]erblijfadres|[Bb]riefadres|[Ww]oonachtig)"
    r"[ ]*:?)[ ]+$"
)
# A house number that is an age or an amount: "Bakker 45 jaar", "Vogelzang 12 jr".
_NOT_A_HOUSE_NUMBER = re.compile(r"[ ]*(?:jaar|jr\b|j\b|-jarig|maanden|weken|euro|%|keer|x\b)")
_POSTCODE_AFTER = re.compile(r"[ ]*,?[ ]*[1-9]\d{3}[ ]?[A-Za-z]{2}(?![\w])")
# A town before or after, with a comma: "Nijmegen Dukenburg, Zwanenveld", "Binnenhoek, Tiel".
_LIST_AFTER = re.compile(
    rf"(?:[ ]*(?P<comma>,)[ ]*|[ ]+(?:en|of)[ ]+)([{_UP}][{_LO}]+(?:[ \-][{_UP}][{_LO}]+)*)"
)
_COMMA_BEFORE = re.compile(rf"([{_UP}][{_LO}]+)(?:[ \-][{_UP}][{_LO}]+)*[ ]*,[ ]*$")
_TITLE_BEFORE = re.compile(r"(\S+)[ ]+$")
_ARTICLES = frozenset({"de", "het", "'t", "’t", "den", "der", "van"})
_NEXT_CAPITAL = re.compile(rf"[ ][{_UP}][{_LO}]")
_YEAR = re.compile(r"(?:19|20)\d\d")
# A word in lower case is a street's only with a street's ending ("zwanenburgwal", "hoofdweg").
_STREET_ENDINGS = (*_STRONG_SUFFIXES, "wal", "schans", "markt", "dyk", "haven")
# With a house number after it, any street's ending will do: "rozenhof 9", "dorpsveld 3".
_NUMBERED_ENDINGS = (*_STREET_ENDINGS, *_WEAK_SUFFIXES)
# "julianastr. 14", "dorpsstr 3": a street's word abbreviated in lower case, with its number.
_LOWER_ABBREVIATED = re.compile(rf"(?<![\w\-'’])[{_LO}]{{3,}}str\.?(?=[ ]*[1-9])")


def _person_word(low: str) -> bool:
    """A first name or a surname of deduce's: "Vogelzang" and "Groenendaal" are both."""
    return low in FIRST_NAMES or low in _deduce_list("names/lst_surname")


def listed_street(name: str) -> bool:
    """Whether ``name`` is a street in the list and no first name or surname ("Binnenhoek",
    not "Vogelzang")."""
    low = name.lower()
    return low in _street_names()[0] and not _person_word(low)


def _street_ending(low: str, endings: tuple[str, ...] | None = None) -> bool:
    """A word with a street's ending and more before it: "hoofdweg", not "dijk" or "haven"."""
    endings = endings or _STREET_ENDINGS
    return low.endswith(endings) and low not in endings


def _house_number(text: str, end: int) -> re.Match[str] | None:
    """The house number after ``end``, if one follows (not an age: "Vogelzang 12 jr")."""
    number = _HOUSE_NUMBER.match(text, end)
    return number if number and not _NOT_A_HOUSE_NUMBER.match(text, number.end()) else None


def _is_town(name: str) -> bool:
    return name.lower() in _place_names()[0]


def _listed_streets(text: str, out: list[Finding]) -> None:
    """Streets from the list where the text puts a street (see the module's note)."""
    names, longest = _street_names()
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    # How many words from each one on are separated by single spaces (a name's words are).
    run = [1] * len(words)
    for k in range(len(words) - 2, -1, -1):
        if words[k + 1][0] == words[k][1] + 1:
            run[k] = run[k + 1] + 1
    i = 0
    while i < len(words):
        start, first_end = words[i]
        first = text[start:first_end]
        low = first.lower()
        # "op de Veemarkt 33": the street is "Veemarkt", not the list's "De Veemarkt" from "de".
        # A street's name opens with a capital, unless it is all in lower case ("hoofdweg").
        lower_opening = low == first and (low in _ARTICLES or _function_word(low))
        most = 0 if lower_opening else min(longest.get(low, 0), run[i])
        hit = next(
            (n for n in range(most, 0, -1) if text[start : words[i + n - 1][1]].lower() in names),
            0,
        )
        if not hit or not _street_here(text, start, words[i + hit - 1][1], hit):
            i += 1  # "op de Markt": not "de Markt" (a street too), but "Markt" may be
            continue
        end = words[i + hit - 1][1]
        if number := _house_number(text, end):
            _add(out, text, start, number.end(), "address")
        else:
            _add(out, text, start, end, "street")
        i += hit
    for m in _LOWER_ABBREVIATED.finditer(text):
        if number := _house_number(text, m.end()):
            _add(out, text, m.start(), number.end(), "address")


def _street_here(text: str, start: int, end: int, words: int) -> bool:
    """Whether the listed name at ``text[start:end]`` stands where a street does."""
    name = text[start:end]
    low = name.lower()
    if low in _NOT_STREETS or _is_town(name):
        return False  # a town ("Lunetten", "Ede") is the place rules' to find
    title = _TITLE_BEFORE.search(text, max(0, start - 12), start)
    if title and title.group(1).lower() in _PERSON_TITLES:
        return False  # "meneer Vogelzang": a person
    capital = name[0].isupper()
    if capital and _NEXT_CAPITAL.match(text, end):
        return False  # "van het Globe College": part of a longer name
    ordinary = words == 1 and _common_word(low)
    person = words == 1 and _person_word(low)
    if _CUE_BEFORE.search(text, max(0, start - 24), start):
        # "aan de Laat", "op de Markt": a capitalised name after a street's cue; in lower case
        # only a street's word ("op de zwanenburgwal"), not "op de stoep" or "het loon".
        # Not an ordinary word even with a capital: "op het Werkplein", "op het Station".
        return not ordinary and (capital or words > 1 or _street_ending(low))
    if not capital and not _street_ending(
        low, _NUMBERED_ENDINGS if _house_number(text, end) else None
    ):
        return False
    previous = _TITLE_BEFORE.search(text, max(0, start - 40), start)
    inside_a_name = (
        previous is not None
        and previous.group(1)[:1].isupper()
        and previous.group(1)[-1].isalpha()  # "Sergio Cijntje, Slinge 412": a comma between
        and not _sentence_initial(text, previous.start(1))
    )  # "Monitor Sociaal Domein 2024"
    number = _house_number(text, end)
    if number:
        if _POSTCODE_AFTER.match(text, number.end()):
            return True  # "Brink 3, 7981 AR Diever"
        year = _YEAR.fullmatch(number.group("number"))
        return not (ordinary or person or inside_a_name or year)
    if not capital or ordinary or person or inside_a_name or _sentence_initial(text, start):
        return False
    after = _LIST_AFTER.match(text, end)
    town_after = bool(after and _is_town(after.group(2)))
    before = _COMMA_BEFORE.search(text, max(0, start - 40), start)
    town_before = bool(before and _is_town(before.group(1)))
    if town_before and town_after:
        return False  # "in Zwolle, Hattem, Tanger en Ommen": a list of towns
    return town_before or (town_after and after is not None and after.group("comma") is not None)
