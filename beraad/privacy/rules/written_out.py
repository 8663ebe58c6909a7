"""Identifiers written out in words, as a voicemail is typed out ("nul zes, twee drie, vijf acht …",
"geboren op drie april negentienzevenenveertig"), and phone numbers from abroad ("+48 512 334 870")
(the fifteenth round, from development set 14)."""

from __future__ import annotations

import re

from beraad.privacy.rules.helpers import _add
from beraad.privacy.spans import Finding

_UNITS = "een|één|twee|drie|vier|vijf|zes|zeven|acht|negen"
_TENS = "twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig"
_TEENS = "tien|elf|twaalf|dertien|veertien|vijftien|zestien|zeventien|achttien|negentien"
# One number word: "nul", "zes", "twaalf", "tweeënveertig", "negentig"; compounds first.
_NUMBER_WORD = rf"(?:(?:{_UNITS})(?:en|ën)(?:{_TENS})|{_TENS}|{_TEENS}|nul|{_UNITS})"
# A run of number words, apart by spaces, commas, dashes or dots: "nul zes, twee drie, …".
_SPOKEN_RUN = re.compile(
    rf"(?<![\w\-])(?:{_NUMBER_WORD})(?:(?:[ ]*+[,\-–.…]++[ ]*+|[ ]++)(?:{_NUMBER_WORD}))++"
    r"(?![\w\-])",
    re.IGNORECASE,
)
_WORD = re.compile(rf"{_NUMBER_WORD}", re.IGNORECASE)
_PHONE_CUE = re.compile(
    r"(?:nummer|telefoon|tel\.?|mobiel|bel(?:len)?|bellen|terugbellen|terug|bereikbaar)"
    r"(?:[ ]+\w+){0,3}[ ]*(?:op|is|:)?[ ]*$",
    re.IGNORECASE,
)
# "+48 512 334 870", "+32 470 12 34 56", "0049 151 2345678": a number from abroad.
_FOREIGN_PHONE = re.compile(
    # "00" only with the country code set apart: "00481277" is a customer's number.
    r"(?<![\w+])(?:\+(?!31)[1-9]\d{1,2}|00(?!31)[1-9]\d{1,2}(?=[ \-]))"
    r"(?:[ \-]?\(?\d{1,4}\)?){2,5}(?![\w\-]|[.,]\d)"
)
_MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
# "drie april negentienzevenenveertig", "twaalf mei negentienachtendertig": a date in words.
_DATE_IN_WORDS = re.compile(
    rf"(?<![\w\-])(?:[a-zë]+[ ]+)?(?:{_MONTHS})[ ]+(?:negentien|tweeduizend)[a-zë]*(?![\w\-])",
    re.IGNORECASE,
)
_BIRTH_BEFORE = re.compile(
    r"(?:geboren|geb\.?|geboortedatum|geboortedag)(?:[ ]+op)?[ ]*:?[ ]*$", re.IGNORECASE
)


def _digits(run: str) -> int:
    """How many digits a run of number words says: "tweeënveertig" two, "nul" one."""
    count = 0
    for word in _WORD.findall(run):
        low = word.lower()
        count += 1 if low in ("nul", *_UNITS.split("|")) else 2
    return count


def _written_out(text: str, out: list[Finding]) -> None:
    """Phone numbers said in words (from "nul", or after a word for calling, with seven digits or
    more), dates of birth in words after "geboren", and phone numbers from abroad."""
    for m in _SPOKEN_RUN.finditer(text):
        run = m.group()
        if _digits(run) < 7:
            continue
        first = _WORD.match(run)
        if (first and first.group().lower() == "nul") or _PHONE_CUE.search(
            text, max(0, m.start() - 40), m.start()
        ):
            _add(out, text, m.start(), m.end(), "phone")
    for m in _FOREIGN_PHONE.finditer(text):
        if 8 <= sum(ch.isdigit() for ch in m.group()) <= 15:
            _add(out, text, m.start(), m.end(), "phone")
    for m in _DATE_IN_WORDS.finditer(text):
        start = m.start()
        words = m.group().split()
        if words[0].lower() not in _MONTHS.split("|") and not _WORD.fullmatch(words[0]):
            start += len(words[0]) + 1  # "op april …": the word before is no day
        if _BIRTH_BEFORE.search(text, max(0, start - 30), start):
            _add(out, text, start, m.end(), "date_of_birth")
