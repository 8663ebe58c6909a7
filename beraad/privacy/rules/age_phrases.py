"""Ages said roughly or in a record's shorthand (the thirteenth round, from development set 12):
"is in de vijftig", "begin 80", "M, 45", "vermoedelijk 15 of 16", "wordt in mei 12",
"Noah, 2 mnd,", "jonge moeder, achttien jaar,", "hij is hooguit veertien"; and a name that only
its age in apposition shows to be one ("Oleksii Bondarenko, 42, met …")."""

from __future__ import annotations

import re

from beraad.privacy.rules.ages import (
    _PERSON_NOUN_WORDS,
    _SPELLED_SMALL,
    _SPELLED_TENS_AND_TEENS,
    _person_subject,
)
from beraad.privacy.rules.helpers import _add
from beraad.privacy.rules.vocabulary import _LO, _UP, _common_word, _is_name_word
from beraad.privacy.spans import Finding

_TENS = r"twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig|[2-9]0"
_MONTH = (
    r"januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"jan\.?|feb\.?|mrt\.?|apr\.?|jun\.?|jul\.?|aug\.?|sep\.?|sept\.?|okt\.?|nov\.?|dec\.?"
)
# What stands after a number that is not an age: a unit, an amount, a time.
_NOT_AN_AGE_AFTER = re.compile(
    r"[ ]*(?:km|kilometer|euro|€|procent|%|minuten|min\b|uur|graden|kilo|kg|cm|meter|m2|"
    r"jaar[ ]+geleden|keer|x\b|stuks|dagen|nachten|huizen|woningen|cliënten|gezinnen|mensen)",
    re.IGNORECASE,
)
# A verb of being or seeming, then a few hedges: "is", "lijkt ergens", "is denk ik".
_BE_BEFORE = re.compile(
    r"(?<![\w\-])(?:is|was|ben|zijn|waren|lijkt|leek|oogt|schat[ ]+ik[ ]+(?:hem|haar)(?:[ ]+op)?)"
    r"(?:[ ]+(?:al|nog|ergens|ongeveer|waarschijnlijk|vermoedelijk|denk[ ]+ik|zo'n|ruim|pas|"
    r"hooguit|maximaal|minstens|net|bijna|inmiddels|nu|nog[ ]+maar|maar))*[ ]+$",
    re.IGNORECASE,
)
# "in de vijftig", "begin 80", "eind dertig", "midden veertig", "halverwege de zestig".
_DECADE = re.compile(
    rf"(?<![\w\-])(?P<age>(?:(?:begin|midden|eind|halverwege|ergens[ ]+in|in)[ ]+(?:de[ ]+)?)"
    rf"(?:{_TENS})(?:er)?)(?![\w\-])",
    re.IGNORECASE,
)
_DECADE_IN_APPOSITION = re.compile(r"[,(][ ]*$")
# "M, 45", "v/32", "man, 61": a record's sex, then the age, between commas or at the end.
_SEX_AGE = re.compile(
    r"(?:^|(?<=[,(|;:\n])|(?<=[,(|;:][ ]))(?P<sex>[MVmv]|man|vrouw)[ ]*[,/][ ]*"
    r"(?P<age>\d{1,3})(?![\w.,:]\d|\w)(?=[ ]*(?:[,;)|]|$))",
    re.MULTILINE,
)
# "is vermoedelijk 15 of 16", "is 8 à 9": two ages, one of which is right.
_EITHER_AGE = re.compile(r"(?P<a>\d{1,3})[ ]+(?:of|à|a|-)[ ]+(?P<b>\d{1,3})(?![\w.,]\d)")
# "zijn tussen de 4 en 13 jaar": people of an age between two.
_BETWEEN_AGES = re.compile(
    r"(?<![\w\-])(?:is|zijn|waren|was)[ ]+(?:(?:allemaal|allebei|beiden|nu)[ ]+)?tussen[ ]+de[ ]+"
    r"(?P<a>\d{1,2})[ ]+en[ ]+(?P<b>\d{1,3})[ ]+(?:jaar|jr)(?![\w\-])",
    re.IGNORECASE,
)
# "wordt in mei 12", "die in juni 3 wordt": the age someone turns in a month.
_TURNS_IN_MONTH = re.compile(
    rf"(?<![\w\-])(?:wordt|word|werd)[ ]+(?:in|op|eind|begin)[ ]+(?:{_MONTH})[ ]+"
    rf"(?P<age>\d{{1,3}})(?![\w.,]\d)"
    rf"|(?<![\w\-])(?:in|eind|begin)[ ]+(?:{_MONTH})[ ]+(?P<before>\d{{1,3}})[ ]+(?:wordt|werd)\b",
    re.IGNORECASE,
)
# "Noah, 2 mnd,", "Daan (3 wkn)", "opa Kees, 88 jr,": an age with a short unit after a name or a
# person's word.
_UNIT_APPOSITION = re.compile(
    rf"(?<![\w'’\-])(?P<word>[{_UP}{_LO}][\w'’\-]*+)[ ]*[,(][ ]*"
    r"(?P<age>\d{1,3}[ ]*(?:mnd|maanden|maand|wkn|weken|wk|jr\.?|jaar))(?![\w.,]\d|\w)(?=[ ]*[,;.)]|$)"
)
# "jonge moeder, achttien jaar, woont …": an age written out after a person's word.
_SPELLED_AFTER_NOUN = re.compile(
    rf"(?<![\w'’\-])(?P<word>[{_LO}]++),[ ]+(?P<age>(?:{_SPELLED_TENS_AND_TEENS}|{_SPELLED_SMALL})"
    r"[ ]+jaar(?:[ ]+oud)?)(?=[ ]*[,;.)])",
    re.IGNORECASE,
)
# "hij is hooguit veertien.", "Finn … en is vijf.": a number written out that ends the clause.
_SPELLED_AT_END = re.compile(
    rf"(?<![\w\-])(?P<age>{_SPELLED_TENS_AND_TEENS}|{_SPELLED_SMALL})(?=[ ]*(?:[.;!?)\"”]|$))",
    re.IGNORECASE,
)
# "…: Oleksii Bondarenko, 42, met …": two capitalised words, then an age between commas.
_NAME_AND_AGE = re.compile(
    rf"(?<![\w'’\-.])(?P<name>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?"
    rf"(?:[ ](?:van|de|der|den|el|al|ter|ten))*[ ][{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?),[ ]*"
    r"(?P<age>\d{1,3})(?![\w.,]\d),"
)


def _age_phrases(text: str, out: list[Finding]) -> None:
    """See the module's note."""
    for m in _DECADE.finditer(text):
        if _NOT_AN_AGE_AFTER.match(text, m.end()):
            continue
        start = m.start()
        be = _BE_BEFORE.search(text, max(0, start - 50), start)
        if (be and _person_subject(text, be.start())) or _DECADE_IN_APPOSITION.search(
            text, max(0, start - 3), start
        ):
            _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _SEX_AGE.finditer(text):
        if int(m.group("age")) <= 110:
            _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _EITHER_AGE.finditer(text):
        be = _BE_BEFORE.search(text, max(0, m.start() - 50), m.start())
        if (
            be
            and _singular(be.group())
            and _person_subject(text, be.start())
            and not _NOT_AN_AGE_AFTER.match(text, m.end())
            and max(int(m.group("a")), int(m.group("b"))) <= 110
        ):
            _add(out, text, m.start("a"), m.end("a"), "age")
            _add(out, text, m.start("b"), m.end("b"), "age")
    for m in _BETWEEN_AGES.finditer(text):
        if _person_subject(text, m.start()) or _children_before(text, m.start()):
            _add(out, text, m.start("a"), m.end("a"), "age")
            _add(out, text, m.start("b"), m.end("b"), "age")
    for m in _TURNS_IN_MONTH.finditer(text):
        group = "age" if m.group("age") else "before"
        if int(m.group(group)) <= 110 and not _NOT_AN_AGE_AFTER.match(text, m.end(group)):
            _add(out, text, m.start(group), m.end(group), "age")
    for m in _UNIT_APPOSITION.finditer(text):
        word = m.group("word")
        if _person_word(word):
            _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _SPELLED_AFTER_NOUN.finditer(text):
        if m.group("word").lower() in _PERSON_NOUN_WORDS:
            _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _SPELLED_AT_END.finditer(text):
        be = _BE_BEFORE.search(text, max(0, m.start() - 50), m.start())
        if be and _singular(be.group()) and _person_subject(text, be.start()):
            _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _NAME_AND_AGE.finditer(text):
        words = m.group("name").split()
        if int(m.group("age")) <= 110 and not any(
            _common_word(w.lower()) or not _is_name_word(w) for w in (words[0], words[-1])
        ):
            _add(out, text, m.start("name"), m.end("name"), "name")
            _add(out, text, m.start("age"), m.end("age"), "age")


_CHILDREN = re.compile(
    r"(?<![\w\-])(?:kinderen|kids|zonen|dochters|kleinkinderen|jongens|meisjes)\b[^.;!?\n]{0,40}$",
    re.IGNORECASE,
)


def _singular(verb_and_hedges: str) -> bool:
    """Whether the verb is singular: "Ze zijn zeven" counts people, "Ze is zeven" is an age."""
    return verb_and_hedges.split()[0].lower() not in ("zijn", "waren")


def _children_before(text: str, pos: int) -> bool:
    """Whether children are the subject of the clause before ``pos`` ("Alle kinderen van het
    gezin zijn …")."""
    return _CHILDREN.search(text, max(0, pos - 60), pos) is not None


def _person_word(word: str) -> bool:
    """A name ("Noah") or a word for a person ("opa", "zoon")."""
    low = word.lower()
    if low in _PERSON_NOUN_WORDS:
        return True
    return word[:1].isupper() and _is_name_word(word) and not _common_word(low)
