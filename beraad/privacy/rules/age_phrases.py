"""Ages said in turns, in lists, roughly or in a record's shorthand, beyond the contexts of
``ages.py``.

The twelfth round (from development set 11): "Kai, nu 16,", "Bernard, zestig,", "wordt hij dan
21", "beiden 83", "dochters van 13 en 16", "toen hij 14 was", "sinds zijn zestiende". The
thirteenth (from development set 12): "is in de vijftig", "begin 80", "M, 45", "vermoedelijk 15
of 16", "wordt in mei 12", "Noah, 2 mnd,", "jonge moeder, achttien jaar,", "hij is hooguit
veertien"; and a name that only its age in apposition shows to be one ("Oleksii Bondarenko, 42,
met …"). The fourteenth (from development set 13): hedged ages after a person's noun ("een man van
ongeveer 45"), two ages together, the next ages of a list, labelled ages, a table's age column."""

from __future__ import annotations

import re

from beraad.privacy.first_names import is_first_name
from beraad.privacy.rules.ages import (
    _LIST_NUMBER,
    _NOT_AFTER_AGE,
    _PARENT_NOUNS,
    _PERSON_NOUN_WORDS,
    _PERSON_NOUNS,
    _SPELLED_ORDINAL,
    _SPELLED_SMALL,
    _SPELLED_TENS_AND_TEENS,
    _WORD_BEFORE_VERB,
    _person_subject,
)
from beraad.privacy.rules.helpers import _add
from beraad.privacy.rules.vocabulary import _LO, _UP, _common_word, _is_name_word
from beraad.privacy.spans import Finding

# --- twelfth round (session twelve): from development set 11 ---------------------------------

_SPELLED_ANY = rf"(?:{_SPELLED_TENS_AND_TEENS}|{_SPELLED_SMALL}|anderhalf|honderd)"
_AGE_UNIT = r"(?:[ ]+(?:jaar(?:[ ]+oud)?|maanden|maand|mnd|weken|wk))"
# "Anjali, inmiddels 11, …", "Kai, nu 16, wil …", "Noah (inmiddels 22 maanden)": an age after a
# name and a word for "by now", between commas or in brackets.
_NOW_AGE = re.compile(
    rf"(?<![\w'’\-])(?P<word>[{_UP}][\w'’\-]++)[ ]*[,(][ ]*(?:inmiddels|nu|thans|intussen)[ ]+"
    rf"(?P<age>(?:\d{{1,3}}|(?i:{_SPELLED_ANY})){_AGE_UNIT}?)(?![\w.,]\d)(?=[ ]*[,;.)])"
)
# "Bernard, zestig, vertelde …", "Dylan Post, twintig, is …": an age written out (from eleven)
# between commas right after a name.
_SPELLED_APPOSITION = re.compile(
    rf"(?<![\w'’\-])(?P<word>[{_UP}][\w'’\-]++),[ ]+"
    rf"(?P<age>(?i:{_SPELLED_TENS_AND_TEENS}|elf|twaalf))(?=[ ]*,)"
)
# "wordt hij dan 21;", "ze wordt 40 😅", "wordt Tygo nou 12 of 13 deze zomer", "Ties wordt dan
# 2.": the age someone turns, with a subject or "dan"/"nou" between, the clause ending after it.
_TURNS_WIDE = re.compile(
    rf"(?<![\w\-])(?:wordt|word)(?P<between>(?:[ ]+(?:hij|ze|zij|die|dan|nou|nu|pas|al|"
    rf"(?-i:[{_UP}][{_LO}]++))){{0,2}})[ ]+(?P<age>\d{{1,3}})(?:[ ]+of[ ]+(?P<other>\d{{1,3}}))?"
    r"(?![\w.,]\d)(?=[ ]*(?:[,;.!?)\n]|$|deze\b|dit\b|volgend\w*|komend\w*|en\b|"
    r"dus\b|maar\b|[^\w\s.,;:!?()]))"
)
# "Echtpaar Hoogland, beiden 83,": the age both have.
_BOTH_AGE = re.compile(r",[ ]*(?:beiden|allebei)[ ]+(?P<age>\d{1,3})(?![\w.,]\d)(?=[ ]*[,;)])")
# "twee puberdochters van 13 en 16", "kinderen van 4, 7 en 9": the ages of children in a list.
_CHILDREN_OF_AGES = re.compile(
    r"(?<![\w\-])(?:\w*(?:dochters|zonen|kinderen|kids|jongens|meisjes|pubers|tieners|broers|"
    r"zussen|kleinkinderen))[ ]+van[ ]+(?P<ages>\d{1,2}(?:[ ]*,[ ]*\d{1,2})*[ ]+en[ ]+\d{1,2})"
    r"(?![\w.,]\d)(?![ ]*(?:jaar[ ]+geleden|keer|uur|euro|procent|%))",
    re.IGNORECASE,
)
# "4 en 9 jaar oud", "tussen de 14 en 25 jaar" after children: two ages.
_TWO_AGES_OLD = re.compile(
    r"(?<![\w.,\-])(?P<a>\d{1,3})[ ]+en[ ]+(?P<b>\d{1,3})[ ]+jaar[ ]+oud(?![\w\-])"
)
_CHILDREN_BETWEEN = re.compile(
    r"(?<![\w\-])(?:hun|haar|zijn|z'n|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|\d{1,2})[ ]+"
    r"(?:kinderen|kids|zonen|dochters|kleinkinderen)[ ]+(?:\w+[ ]+){0,2}?tussen[ ]+de[ ]+"
    r"(?P<a>\d{1,2})[ ]+en[ ]+(?P<b>\d{1,2})[ ]+jaar(?![\w\-])",
    re.IGNORECASE,
)
# "toen hij 14 was", "dat hij 36 is", "als ze achttien wordt": a pronoun, the number, the verb.
_PRONOUN_AGE_VERB = re.compile(
    rf"(?<![\w\-])(?:hij|ze|zij|ik)[ ]+(?P<age>\d{{1,3}}|(?i:{_SPELLED_TENS_AND_TEENS}|"
    rf"{_SPELLED_SMALL}))[ ]+(?:is|was|ben|wordt|werd)(?![\w\-])(?![ ]+\w+(?:d|t|en)\b)",
    re.IGNORECASE,
)
# "sinds zijn zestiende", "tot haar zeventigste", "sinds haar 21e": an ordinal age after "since",
# "until" or "from" (after "op": ``_AT_SPELLED_ORDINAL``); not a floor or an attempt.
_SINCE_ORDINAL = re.compile(
    r"(?<![\w\-])(?:sinds|tot|vanaf|na)[ ]+(?:zijn|haar|hun|mijn|je|z'n|z’n|d'r)[ ]+"
    rf"(?P<age>{_SPELLED_ORDINAL}|\d{{1,3}}(?:e|de|ste))(?![\w\-])"
    r"(?![ ]+(?:verdieping|poging|keer|plaats|klas|groep|les|dag|week|maand|jaar|kind|baan|"
    r"zitting|gesprek|afspraak|bezoek|sessie|behandeling|ronde|huis|school|werk|kamer)\b)",
    re.IGNORECASE,
)


def _ages_in_turns_and_lists(text: str, out: list[Finding]) -> None:
    """The twelfth round's ages: "Kai, nu 16,", "Bernard, zestig,", "wordt hij dan 21",
    "beiden 83", "dochters van 13 en 16", "4 en 9 jaar oud", "toen hij 14 was", "sinds zijn
    zestiende"."""
    for pattern in (_NOW_AGE, _SPELLED_APPOSITION):
        for m in pattern.finditer(text):
            # After a first name, or a surname after one ("Dylan Post, twintig,"); not after
            # "Wachtlijst, nu 40," or "Huisbezoeken, dertig,".
            word = m.group("word")
            before = _WORD_BEFORE_VERB.search(text, max(0, m.start("word") - 30), m.start("word"))
            if _is_name_word(word) and (
                is_first_name(word) or (before is not None and is_first_name(before.group(1)))
            ):
                _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _TURNS_WIDE.finditer(text):
        between = m.group("between").split()
        if any(w[:1].isupper() and not _is_name_word(w) for w in between):
            continue
        named = any(w.lower() in ("hij", "ze", "zij", "die") or w[:1].isupper() for w in between)
        if not named and not _person_subject(text, m.start()):
            continue  # "Dat wordt 2.", "De huur wordt 80."
        for group in ("age", "other"):
            if m.group(group) and int(m.group(group)) <= 120:
                _add(out, text, m.start(group), m.end(group), "age")
    for m in _BOTH_AGE.finditer(text):
        if int(m.group("age")) <= 120:
            _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _CHILDREN_OF_AGES.finditer(text):
        for number in _LIST_NUMBER.finditer(m.group("ages")):
            start = m.start("ages") + number.start()
            _add(out, text, start, start + len(number.group()), "age")
    for pattern in (_TWO_AGES_OLD, _CHILDREN_BETWEEN):
        for m in pattern.finditer(text):
            if max(int(m.group("a")), int(m.group("b"))) <= 120:
                _add(out, text, m.start("a"), m.end("a"), "age")
                _add(out, text, m.start("b"), m.end("b"), "age")
    for pattern in (_PRONOUN_AGE_VERB, _SINCE_ORDINAL):
        for m in pattern.finditer(text):
            age = m.group("age")
            if not age[:1].isdigit() or int(re.sub(r"\D", "", age)) <= 120:
                _add(out, text, m.start("age"), m.end("age"), "age")


# --- thirteenth round (session thirteen): from development set 12 -----------------------------

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
        if (
            int(m.group(group)) <= 110
            and not _NOT_AN_AGE_AFTER.match(text, m.end(group))
            and not _UNIT_AFTER.match(text, m.end(group))  # "wordt in juni 2 jaar verlengd"
            and (group == "before" or _person_subject(text, m.start()))
        ):
            _add(out, text, m.start(group), m.end(group), "age")
    for m in _UNIT_APPOSITION.finditer(text):
        word = m.group("word")
        # After a person's noun only in years ("opa, 88 jr"): "bij oma, 2 weken" is a stay.
        in_years = m.group("age").rstrip(".").endswith(("jr", "jaar"))
        if _person_word(word) and (in_years or word[:1].isupper()):
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


# --- fourteenth round (session thirteen): from development set 13 ------------------------------

# A hedge before an age: "ongeveer 45", "ca. 55", "rond de 75", "een jaar of 15", "in de 70".
_HEDGE = (
    r"(?:ongeveer|ca\.?|circa|rond(?:[ ]+de)?|een[ ]+jaar[ ]+of|in[ ]+de|bijna|pas|net|zo'n|"
    r"hooguit|naar[ ]+schatting|plm\.?|±|ergens[ ]+in[ ]+de)"
)
_UNIT = r"(?:[ ]*(?:jaar(?:[ ]+oud)?|jr\.?|maanden|maand|mnd|weken|week|wkn|wk))"
_SPELLED_UNIT = r"(?:[ ]+(?:jaar(?:[ ]+oud)?|maanden|maand|weken|week))"
_DECADE_WORDS = rf"(?:begin|midden|eind|halverwege)[ ]+(?:de[ ]+)?(?:{_TENS})(?:er)?"
# An age as written: "45", "22 maanden", "vijf weken", "acht", "eind twintig".
_AGE_WORDS = (
    rf"(?:\d{{1,3}}{_UNIT}?|(?:{_SPELLED_TENS_AND_TEENS}|{_SPELLED_SMALL}){_SPELLED_UNIT}?|"
    rf"{_DECADE_WORDS})"
)
# "een man van ongeveer 45", "een baby van vijf weken", "een echtpaar van 78 en 81", "jongens van
# 14 à 15 jaar", "mw van 86", "een vrouw van in de 70", "een man van begin dertig".
_OF_AGE = re.compile(
    rf"(?<![\w\-])(?P<noun>{_PERSON_NOUNS}|{_PARENT_NOUNS}|echtpaar|stel|jongens|meisjes|jongeren|"
    rf"mw|mevr|dhr|bewoner|bewoonster|huurder|huurster|vriend|vriendin|man|vrouw|tweeling)"
    rf"[ ]+van[ ]+"
    rf"(?:{_HEDGE}[ ]+)?(?P<age>{_AGE_WORDS})(?![\w.,]\d|\w)"
    # Not "van 12 tot 23 jaar": who may come, not who came.
    rf"(?:[ ]+(?:en|à|a|-)[ ]+(?P<other>{_AGE_WORDS})(?![\w.,]\d|\w))?",
    re.IGNORECASE,
)
# "zijn 8 en 10", "respectievelijk 84 en 79", "Het stel, 31 en 29,", "tussen 3 en 16": two ages.
_TWO_AGES = re.compile(
    r"(?:(?<![\w\-])(?P<cue>zijn|waren|respectievelijk|beiden|allebei)[ ]+|(?P<comma>,)[ ]*)"
    r"(?P<a>\d{1,3})[ ]+(?:en|à|-)[ ]+(?P<b>\d{1,3})(?![\w.,]\d|\w)"
    rf"(?![ ]*(?:{_MONTH})\b)",  # "zijn 3 en 4 juni bij vader": dates
    re.IGNORECASE,
)
_PLURAL_PEOPLE_BEFORE = re.compile(
    r"(?<![\w\-])(?:ze|zij|kinderen|kids|meisjes|jongens|zonen|dochters|ouders|grootouders|"
    r"stel|echtpaar|tweeling|jongeren|broers|zussen|zusjes|broertjes|beiden|\w+\.?[ ]en[ ]mw\.?|\w+\.?[ ]en[ ]dhr\.?|meneer[ ]en[ ]mevrouw|"
    r"mevrouw[ ]en[ ]meneer)"
    r"\b[^.;!?\n]{0,50}$",
    re.IGNORECASE,
)
# "Echtpaar De Groot, hij 88, zij 85": a pronoun and an age in a list.
_PRONOUN_AGE = re.compile(
    r"(?:^|(?<=[,:;(][ ]))(?:hij|zij|ze)[ ]+(?P<age>\d{1,3})(?![\w.,]\d|\w)(?=[ ]*(?:[,;.)]|$))",
    re.IGNORECASE | re.MULTILINE,
)
# "de oudste is 17, de jongste bijna 3", "kim is 3, dex 6", "dochter is 9 en haar broer 12": the
# next age of a list that one stated age opens.
_NEXT_OF_LIST = re.compile(
    rf"(?:[ ]*,[ ]*|[ ]+en[ ]+)(?:(?:de|het|haar|zijn|hun)[ ]+)?(?P<who>[\w'’\-]+)[ ]+"
    rf"(?:(?:bijna|pas|net|al|nog|ruim|ca\.?|ongeveer)[ ]+)?(?P<age>{_AGE_WORDS})"
    r"(?![\w.,]\d|\w)(?=[ ]*(?:[,.;!?)]|$|en\b|maar\b))",
    re.IGNORECASE,
)
# "Leeftijd partner: 48", "lft aanvrager 70", "leeftijd onbekend, schatting 50".
_LABELLED_AGE = re.compile(
    r"(?<![\w\-])(?:leeftijd|lft\.?)(?:[ ]+(?:partner|aanvrager|aanvraagster|cliënte?|cliente?|"
    r"moeder|vader|kind|zoon|dochter|vrouw|man|betrokkene|melder)|[ ]+onbekend,[ ]*schatting)"
    r"[ ]*[:=]?[ ]*(?P<age>\d{1,3})(?![\w.,]\d|\w)",
    re.IGNORECASE,
)
# "Oom Hasan (ca. 55)", "die jongen (ca 16)": a hedged age in brackets.
_HEDGED_IN_BRACKETS = re.compile(
    r"\([ ]*(?:ca\.?|circa|±|\+/-|ongeveer|plm\.?|bijna|ong\.)[ ]*(?P<age>\d{1,3})[ ]*\)"
)
# "is rond de 75", "is ongeveer 45", "is 22 maanden", "is acht maanden": a hedged age or one in
# months or weeks after "is".
_IS_HEDGED = re.compile(
    rf"(?<![\w\-])(?:is|was|wordt|werd)[ ]+(?:nu[ ]+|inmiddels[ ]+|al[ ]+)?"
    rf"(?:(?P<hedge>{_HEDGE})[ ]+)?(?P<age>{_AGE_WORDS})(?![\w.,]\d|\w)"
    r"(?=[ ]*(?:[,.;!?)\"”]|$|en\b|maar\b|dus\b|want\b))",
    re.IGNORECASE,
)
# "dat Youssef pas 14 is", "de baby nu vier maanden is": the age before the verb.
_AGE_THEN_IS = re.compile(
    rf"(?<![\w\-])(?:pas|bijna|ongeveer|ca\.?|nu|al|in[ ]+de)[ ]+(?P<age>{_AGE_WORDS})[ ]+"
    # The clause ends at the verb: not "omdat ze al 3 maanden is gestopt".
    r"(?:is|was|wordt)(?![\w\-])(?=[ ]*(?:[,.;!?)\"”]|$|en\b|maar\b))",
    re.IGNORECASE,
)
# "een meisje van een jaar of 15", "hij is een jaar of 40": not "ze wonen er een jaar of 5".
_YEAR_OR_SO = re.compile(
    r"(?<![\w\-])(?:van|is|was)[ ]+een[ ]+jaar[ ]+of[ ]+(?P<age>\d{1,3})(?![\w.,]\d|\w)"
    r"(?![ ]*(?:geleden|terug|later|eerder|lang|aan|bij|in|op|getrouwd|samen))",
    re.IGNORECASE,
)
# "beiden eind zestig", "moeder eind twintig": a rough age after "both" or a relative.
_DECADE_AFTER = re.compile(
    rf"(?<![\w\-])(?:beiden|allebei|moeder|vader|oma|opa|partner|man|vrouw|zoon|dochter)[ ]+"
    rf"(?P<age>{_DECADE_WORDS})(?![\w\-])",
    re.IGNORECASE,
)
# "Dani, acht, uit …", "Jade (zes)": a small number written out after a first name.
_SMALL_SPELLED_AFTER_NAME = re.compile(
    rf"(?<![\w'’\-])(?P<word>[{_UP}][{_LO}]+)(?:,[ ]+|[ ]*\([ ]*)"
    r"(?P<age>twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf)(?=[ ]*[,)])"
)


# "is ze 22 maanden", "is hij pas 14": the verb before its subject.
_IS_SUBJECT_AGE = re.compile(
    rf"(?<![\w\-])(?:is|was|wordt)[ ]+(?:hij|ze|zij)[ ]+(?:(?:nu|pas|al|bijna|inmiddels)[ ]+)?"
    rf"(?P<age>{_AGE_WORDS})(?![\w.,]\d|\w)(?=[ ]*(?:[,.;!?)]|$|en\b|maar\b))",
    re.IGNORECASE,
)
# "kinderen (5, 9)", "kids (2 en 4)": the children's ages in brackets.
_CHILDREN_IN_BRACKETS = re.compile(
    r"(?<![\w\-])(?:kinderen|kids|zonen|dochters|kleinkinderen|tweeling)[ ]*\("
    # Two ages at least: "kinderen (3)" counts them.
    r"(?P<ages>\d{1,2}(?:(?:[ ]*,[ ]*\d{1,2})+(?:[ ]+en[ ]+\d{1,2})?|[ ]+en[ ]+\d{1,2}))\)",
    re.IGNORECASE,
)
# "dochter van fam. Kuijpers, bijna 18, wil …": a hedged age between commas.
_HEDGED_APPOSITION = re.compile(
    r",[ ]*(?:bijna|ongeveer|ca\.?|pas|net)[ ]+(?P<age>\d{1,3})(?![\w.,]\d|\w)(?=[ ]*,)",
    re.IGNORECASE,
)
# A table with a column for the age: "Naam | lft | woonplaats – A. de Jong | 45 | Sneek",
# "Gezinslid | relatie | leeftijd: Rosa | dochter | 12; Pablo | zoon | 9". Rows end at a new line,
# ";" or "–"; the head may end at a colon, with the first row after it.
_AGE_HEADING = re.compile(r"(?:lft\.?|leeftijd)", re.IGNORECASE)
_ROW_END = re.compile(r"[;\n–]")
_CELL_AGE = re.compile(rf"[ ]*(?P<age>\d{{1,3}}{_UNIT}?)[ ]*$")


def _rows(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text's pieces between row ends."""
    rows, start = [], 0
    for end in _ROW_END.finditer(text):
        rows.append((start, end.start()))
        start = end.end()
    rows.append((start, len(text)))
    return rows


def _ages_in_tables(text: str, out: list[Finding]) -> None:
    """The cells under a column headed "lft" or "leeftijd" (see ``_AGE_HEADING``). Each piece of
    the text is split once: linear in its length."""
    if "|" not in text:
        return
    column, width = -1, 0
    for start, end in _rows(text):
        piece = text[start:end]
        cells = piece.split("|")
        if column < 0 or len(cells) != width:
            column, width = -1, 0
            head, first_row = cells, None
            colon = next((k for k, c in enumerate(cells) if ":" in c), None)
            if colon is not None:
                before, _sep, after = cells[colon].partition(":")
                head = [*cells[:colon], before]
                first_row = (after, cells[colon + 1 :])
            found = [k for k, c in enumerate(head) if _AGE_HEADING.fullmatch(c.strip())]
            if len(head) < 2 or not found:
                continue
            column, width = found[0], len(head)
            if first_row is None:
                continue
            # The first row shares the head's last cell: "leeftijd: Rosa | dochter | 12".
            offset = start + sum(len(c) + 1 for c in cells[:colon]) + len(before) + 1
            row = [first_row[0], *first_row[1]]
            if len(row) != width:
                column, width = -1, 0
                continue
            cells, start = row, offset
        offset = start + sum(len(c) + 1 for c in cells[:column])
        cell = _CELL_AGE.match(cells[column])
        if cell and _plausible(cell.group("age")):
            _add(out, text, offset + cell.start("age"), offset + cell.end("age"), "age")


def _plausible(age: str) -> bool:
    digits = re.match(r"\d+", age)
    return digits is None or int(digits.group()) <= 110


def _add_age(out: list[Finding], text: str, m: re.Match[str], group: str) -> None:
    if m.group(group) and _plausible(m.group(group)):
        _add(out, text, m.start(group), m.end(group), "age")


def _ages_of_the_fourteenth_round(text: str, out: list[Finding]) -> None:
    """See the patterns above."""
    for m in _OF_AGE.finditer(text):
        after = m.end("other") if m.group("other") else m.end("age")
        if (
            _NOT_AFTER_AGE.match(text, after)
            or _NOT_AN_AGE_AFTER.match(text, after)
            or _RANGE_AFTER.match(text, after)
        ):
            continue  # "moeder van 3 kinderen", "man van 2 meter", "jongeren van 12 tot 23"
        age = m.group("age")
        if m.group("noun").lower() in _PARENT_WORDS and (
            (age.isdigit() and int(age) < 15) or age.lower() in _SMALL_WORDS
        ):
            continue  # "moeder van 3", "moeder van vier": her children
        _add_age(out, text, m, "age")
        _add_age(out, text, m, "other")
    for m in _TWO_AGES.finditer(text):
        if _NOT_AN_AGE_AFTER.match(text, m.end()) or _NOT_AFTER_AGE.match(text, m.end()):
            continue
        cue = (m.group("cue") or "").lower()
        if cue not in ("beiden", "allebei") and not _PLURAL_PEOPLE_BEFORE.search(
            text, max(0, m.start() - 60), m.start() + (1 if m.group("comma") else 0)
        ):
            continue  # "de scores zijn 8 en 10"
        _add_age(out, text, m, "a")
        _add_age(out, text, m, "b")
    for pattern in (_PRONOUN_AGE, _LABELLED_AGE, _YEAR_OR_SO, _DECADE_AFTER):
        for m in pattern.finditer(text):
            _add_age(out, text, m, "age")
    for pattern in (_HEDGED_IN_BRACKETS, _HEDGED_APPOSITION):
        for m in pattern.finditer(text):
            # After a name or a person's word: "Oom Hasan (ca. 55)", not "veel mensen (ca. 20)".
            before = _WORD_BEFORE_VERB.search(text, max(0, m.start() - 30), m.start())
            if before and _person_word(before.group(1)):
                _add_age(out, text, m, "age")
    for m in _IS_HEDGED.finditer(text):
        unit_or_hedge = m.group("hedge") or not m.group("age").isdigit()
        if (
            unit_or_hedge
            and not _NOT_AN_AGE_AFTER.match(text, m.end("age"))
            and _person_subject(text, m.start())
        ):
            _add_age(out, text, m, "age")
    for m in _AGE_THEN_IS.finditer(text):
        if not _NOT_AN_AGE_AFTER.match(text, m.end("age")):
            _add_age(out, text, m, "age")
    for pattern in (_IS_SUBJECT_AGE,):
        for m in pattern.finditer(text):
            _add_age(out, text, m, "age")
    for m in _CHILDREN_IN_BRACKETS.finditer(text):
        for number in _LIST_NUMBER.finditer(m.group("ages")):
            start = m.start("ages") + number.start()
            _add(out, text, start, start + len(number.group()), "age")
    _ages_in_tables(text, out)
    for m in _SMALL_SPELLED_AFTER_NAME.finditer(text):
        if is_first_name(m.group("word")):
            _add_age(out, text, m, "age")
    _next_ages_of_lists(text, out)


_PARENT_WORDS = frozenset(_PARENT_NOUNS.split("|"))
_UNIT_AFTER = re.compile(r"[ ]*(?:jaar|jr|maanden|maand|weken|week|dagen)\b", re.IGNORECASE)
_RANGE_AFTER = re.compile(r"[ ]+(?:tot|t/m|t\.m\.|tot[ ]+en[ ]+met)[ ]+\d", re.IGNORECASE)
_SMALL_WORDS = frozenset(_SPELLED_SMALL.split("|"))


def _next_ages_of_lists(text: str, out: list[Finding]) -> None:
    """ "de oudste is 17, de jongste bijna 3", "kim is 3, dex 6": after an age found, the ages
    that continue its list, each after a person's word or a name."""
    queue = [f for f in out if f.kind == "age"]
    seen = {f.end for f in queue}
    while queue:
        age = queue.pop()
        m = _NEXT_OF_LIST.match(text, age.end)
        if not m or m.end("age") in seen:
            continue
        who = m.group("who")
        if not (
            who.lower() in _PERSON_NOUN_WORDS
            or _SUBJECT_WORDS.fullmatch(who.lower())
            or is_first_name(who)
            or (_is_name_word(who) and who[:1].isupper())
        ):
            continue
        if _NOT_AN_AGE_AFTER.match(text, m.end("age")) or not _plausible(m.group("age")):
            continue
        found = Finding(m.start("age"), m.end("age"), "age", m.group("age"))
        out.append(found)
        seen.add(found.end)
        queue.append(found)


_SUBJECT_WORDS = re.compile(r"oudste|jongste|middelste|broer|zus|baby|tweeling|hij|zij|ze")
