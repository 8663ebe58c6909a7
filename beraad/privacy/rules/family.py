"""Ages in lists of a family: after a word for a relative ("vader 37, moeder 33", "ouders 48 en
45", "kinderen 11 en 4") and in a list of children after a colon ("kinderen: Sami 10, Lina 6")."""

from __future__ import annotations

import re
from collections import Counter

from beraad.privacy.rules.ages import _LIST_NUMBER, _NOT_AFTER_AGE, _NOT_AGE_UNIT
from beraad.privacy.rules.helpers import _add
from beraad.privacy.rules.vocabulary import _LO, _UP, _common_word, _words
from beraad.privacy.spans import Finding

# "vader 37, moeder 33", "zoon 12 en dochter 9"; "kinderen 11 en 4". Parents need an adult age
# and a number that recurs with the same word ("kind 1", "zoon 2") is a count, not an age.
_KIN_AGE_NOUNS = (
    r"vader|moeder|opa|oma|partner|echtgenoot|echtgenote|zoon|dochter|broer|zus|broertje|zusje|"
    r"oudste|jongste|ouders"
)
_KIN_AGE = re.compile(
    rf"(?<![\w\-])(?P<noun>{_KIN_AGE_NOUNS}|(?<=zijn[ ])vrouw|(?<=haar[ ])man)[ ]+"
    r"(?P<age>(?P<n>\d{1,3})(?:[ ]+jaar)?)(?![\w.,]\d)"
    r"(?=[ ]*(?:[,;.)]|$)|[ ]+en\b)",
    re.IGNORECASE,
)
# Any such word followed by a number, whatever comes after it ("zoon 1:", "zoon 2 is …").
_KIN_NUMBERED = re.compile(
    rf"(?<![\w\-])(?P<noun>{_KIN_AGE_NOUNS}|vrouw|man)[ ]+\d",
    re.IGNORECASE,
)
_ADULT_KIN = _words("vader moeder opa oma partner echtgenoot echtgenote vrouw man ouders")
# The second age after a relative's: "ouders 48 en 45", "zoon 12 en 9".
_KIN_SECOND_AGE = re.compile(r"[ ]+en[ ]+(?P<age>(?P<n>\d{1,3}))(?![\w.,]\d)(?=[ ]*(?:[,;.)]|$))")
_KIDS_AGES = re.compile(
    r"(?<![\w\-])(?:kinderen|kids|zonen|dochters|broers|zussen|broertjes|zusjes|kleinkinderen|"
    r"tweeling)(?:[ ]+van)?[ ]+(?P<list>\d{1,2}(?:(?:[ ]*,[ ]*|[ ]+en[ ]+)\d{1,2})+)"
    r"(?:[ ]+jaar)?(?![\w.,]\d)(?=[ ]*(?:[,;.)]|$))",
    re.IGNORECASE,
)


def _ages_of_relatives(text: str, out: list[Finding]) -> None:
    """Ages listed after family words: "vader 37, moeder 33", "kinderen 11 en 4"."""
    matches = list(_KIN_AGE.finditer(text))
    # How often each word is followed by a number, counted once (not once per match: quadratic).
    numbered = Counter(m.group("noun").lower() for m in _KIN_NUMBERED.finditer(text))
    for m in matches:
        noun, n = m.group("noun").lower(), int(m.group("n"))
        if n > 110 or (noun in _ADULT_KIN and n < 15):
            continue
        if numbered[noun] > 1:
            continue  # "zoon 1 … zoon 2": numbered children, not ages
        _add(out, text, m.start("age"), m.end("age"), "age")
        second = _KIN_SECOND_AGE.match(text, m.end())
        if second and not (noun in _ADULT_KIN and int(second.group("n")) < 15):
            _add(out, text, second.start("age"), second.end("age"), "age")
    for m in _KIDS_AGES.finditer(text):
        if _NOT_AGE_UNIT.match(text, m.end()) or _NOT_AFTER_AGE.match(text, m.end()):
            continue
        for number in _LIST_NUMBER.finditer(m.group("list")):
            start = m.start("list") + number.start()
            _add(out, text, start, start + len(number.group()), "age")


# "kinderen: Sami 10, Lina 6, Omar 5 mnd": a list of children after a colon, each a word and an
# age; the words are their names.
_CHILD_LIST = re.compile(
    r"(?<![\w\-])(?:kinderen|kids|kinders|zonen|dochters|kleinkinderen|broers|zussen)[ ]*:[ ]*"
)
_CHILD_ITEM = re.compile(
    rf"(?P<name>[{_UP}{_LO}][{_LO}'’\-]+)[ ]+(?P<age>(?P<n>\d{{1,2}})(?:[ ]+(?:jaar|jr|mnd|"
    r"maanden|weken|wk))?)(?![\w.,:]\d)"
    r"(?P<sep>[ ]*[,;&][ ]*|[ ]+en[ ]+|(?=[ ]*(?:[.)\n]|$)))"
)


def _ages_in_child_lists(text: str, out: list[Finding]) -> None:
    for m in _CHILD_LIST.finditer(text):
        items: list[re.Match[str]] = []
        pos = m.end()
        while (item := _CHILD_ITEM.match(text, pos)) is not None and len(items) < 12:
            items.append(item)
            pos = item.end()
            if not item.group("sep").strip():
                break
        if len(items) < 2 or any(_common_word(i.group("name").lower()) for i in items):
            continue  # one "word number" is anything; "kinderen: jongens 3, meisjes 2" counts
        for item in items:
            _add(out, text, item.start("name"), item.end("name"), "name")
            _add(out, text, item.start("age"), item.end("age"), "age")
