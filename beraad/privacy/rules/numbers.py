"""Rules for numbers and identifiers: BSN (with the 11-check), IBAN (with mod 97), phone numbers,
e-mail addresses and URLs, dates of birth, licence plates and case numbers."""

from __future__ import annotations

import datetime
import re

from beraad.privacy.rules.helpers import (
    _add,
)
from beraad.privacy.spans import Finding

# ---------------------------------------------------------------------------------------------
# Patterns for numbers, e-mail addresses and URLs
# ---------------------------------------------------------------------------------------------

_BSN = re.compile(
    r"(?<![\w.,\-/€+])"
    r"(?:\d{9}|\d{4}\.\d{2}\.\d{3}|\d{2}\.\d{2}\.\d{2}\.\d{3}|\d{3}(?P<sep>[ .\-])\d{3}(?P=sep)\d{3})"
    r"(?![\w\-/]|[.,]\d)"
)

_IBAN = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ ]?[A-Za-z0-9]{4}){2,7}(?:[ ]?[A-Za-z0-9]{1,3})?"
    r"(?![A-Za-z0-9])"
)
_IBAN_LENGTHS = {
    "NL": 18, "BE": 16, "DE": 22, "FR": 27, "GB": 22, "ES": 24, "IT": 27, "PL": 28, "TR": 26,
    "MA": 28, "LU": 20, "AT": 20, "CH": 21, "PT": 25, "IE": 22, "DK": 18, "SE": 24, "NO": 15,
    "FI": 18, "GR": 27, "RO": 24, "BG": 22, "HU": 28, "CZ": 24, "SK": 24, "SI": 19, "HR": 21,
    "LT": 20, "LV": 21, "EE": 20, "CY": 28, "MT": 31,
}  # fmt: skip

_PHONE_SEP = r"(?:[ ]?[-–][ ]?|[ .])?"  # "06-1234", "0598 – 39 12 84", "06 12", "06.12"
_PHONE = re.compile(
    r"(?<![\w+/,\-€])"
    r"(?:"
    r"(?:\+|00)31[ \-]?(?:\(0\)[ \-]?)?[1-9](?:" + _PHONE_SEP + r"\d){8}"
    r"|0[89]0[069](?:" + _PHONE_SEP + r"\d){4,7}"
    r"|\(0\d{1,3}\)[ ]?\d(?:" + _PHONE_SEP + r"\d){4,8}"
    r"|0[1-9](?:" + _PHONE_SEP + r"\d){8}"
    r"|\+(?!31)[1-9]\d{1,2}[ \-]?(?:\(0\)[ \-]?)?\d(?:" + _PHONE_SEP + r"\d){6,11}"
    r")"
    r"(?![\w]|[\-.,:/]\d)"
)
_LOOKS_LIKE_DATE = re.compile(r"^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}(?!\d)")
_PAIRS = re.compile(r"0\d(?:([-. ])\d{2})(?:\1\d{2}){3}")

# E-mail addresses and bare-domain URLs are found from their "@" or ".nl/" and grown outwards:
# far cheaper than trying a pattern at every word of a long text.
_EMAIL_LOCAL = re.compile(r"(?<![\w.%+\-])\w[\w.%+\-]*$")
_EMAIL_DOMAIN = re.compile(
    r"@[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,24}(?![\w\-])"
)
_TLDS = r"nl|com|org|net|eu|be|de|info|io|me|app|tv|co|uk|fr|nu|social|online|site|biz|us|ly|gl|to"
_URL = re.compile(r"(?<![\w@.\-])(?:https?://|www\.)[^\s<>\"'`]+", re.IGNORECASE)
_BARE_URL_TLD = re.compile(rf"\.(?:{_TLDS})/[^\s<>\"'`]*[^\s<>\"'`.,;:!?)\]]", re.IGNORECASE)
_BARE_URL_DOMAIN = re.compile(
    r"(?<![\w@./\-])[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9\-]+)*$"
)
_URL_TRAIL = ".,;:!?'\"»”’"


# ---------------------------------------------------------------------------------------------
# Dates of birth, plates, case numbers
# ---------------------------------------------------------------------------------------------


_MONTHS = (
    r"januari|jan|februari|febr|feb|maart|mrt|mar|april|apr|mei|juni|jun|juli|jul|augustus|aug|"
    r"september|sept|sep|oktober|okt|oct|november|nov|december|dec"
)
_DAY = r"(?:0?[1-9]|[12]\d|3[01])"
_MONTH = r"(?:0?[1-9]|1[0-2])"
_YEAR = r"(?:(?:19|20)\d{2}|['’]?\d{2})"
_NAMED_SEP = r"(?:[ ]*[-./][ ]*|[ ]+)"
# Every common Dutch way to write a date: "30/11/1972", "3-5-88", "03.05.1988", "12 06 1988",
# "1988-06-12", "3 mei 1988", "03-mrt-1988", "3 mrt. '88"; the same separator both times.
_DATE = (
    rf"(?:{_DAY}(?P<sep>[ ]?[-/.][ ]?|[ ]){_MONTH}(?P=sep){_YEAR}"
    rf"|(?:19|20)\d{{2}}(?P<iso>[-/.]){_MONTH}(?P=iso){_DAY}"
    rf"|{_DAY}(?:e|ste|de)?{_NAMED_SEP}(?:{_MONTHS})\.?{_NAMED_SEP}{_YEAR}"
    # "17-IV-1953": the month in Roman numerals, as in old certificates.
    rf"|{_DAY}(?P<roman>[ ]?[-/.][ ]?|[ ])(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)(?P=roman)"
    rf"{_YEAR})(?![\w\-/]|[.,]\d)"
)
_ANY_DATE = re.compile(rf"(?<![\w\-/.,€])(?:{_DATE})", re.IGNORECASE)
# Written without separators, as in a form: "250698", "25061998", "17jan99". Only right after a
# word that says "born" (six digits alone are anything).
_COMPACT_DATE = re.compile(
    rf"(?<![\w\-/.,€])(?:{_DAY}{_MONTH}(?:(?:19|20)\d{{2}}|\d{{2}})|"
    rf"(?:19|20)\d{{2}}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])|"
    rf"{_DAY}(?:{_MONTHS}){_YEAR})(?![\w\-/]|[.,]\d)",
    re.IGNORECASE,
)
# A word that says "born": "geboren", "geb.", "geboortedatum", "geb.datum", "DOB".
_BIRTH_WORD = (
    r"(?<![\w\-])(?:geboren|geb\.?[ ]?datum|geb\.?[ ]?dat\.?|geb\.[ ]?d\.|geb\.|geb\b|"
    r"geboortedatum|geboortedag|geboortedata|d\.?o\.?b\.?|dob)"
)
# What may stand between such a word and the date: punctuation, "op", "in", "te", "is", a
# weekday, a relative and a name ("Geboortedatum zoon Jayden: 2 maart 2012", "geboren in
# Nador op 3 mei 1979"), but no verb: "geboren in Marokko en kwam op 1-2-1995 naar Nederland"
# is no date of birth.
_BIRTH_GAP_WORD = (
    r"(?::|,|\(|\)|/|–|-|\||op\b|in\b|te\b|is\b|was\b|zijn\b|de\b|van\b|d\.d\.|rond\b|omstreeks\b|"
    r"volgens\b|toch\b|dus\b|wel\b|ook\b|nog\b|naam\b|plaats\b|woonplaats\b|"
    # A numbered list ("1) 12-01-2011 2) 30-09-2013"), and the dates before in such a list.
    r"\d\)|\d{1,4}[ ]?[-/.][ ]?\d{1,2}[ ]?[-/.][ ]?\d{2,4}\b|"
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)\b|(?:ma|di|wo|do|vr|za|zo)\.|"
    # A form's hint of the format: "Geboortedatum (dd-mm-jjjj): …", "DOB (dd/mm/yy): …".
    r"d{1,2}[-/.]m{1,2}[-/.](?:jjjj|jj|yyyy|yy)\b|"
    r"(?:zoon|zoontje|dochter|dochtertje|moeder|vader|kind|kinderen|broer|zus|partner|cliënt|"
    r"client|cliënte|jongste|oudste|baby|oma|opa|echtgenoot|echtgenote|man|vrouw|mevrouw|"
    # A capitalised word is taken whole (possessive): split at each capital, a line of capitals
    # that fails to match would be tried in every way of cutting it.
    r"meneer|dhr\.|mw\.|fam\.|familie)(?!\w)|(?-i:[A-Z][\w'’\-]*+\.?)|"
    # The dates before in a list written with the month's name: "Adam 2 jan. 2012, Sami …".
    r"\d{1,2}[ ](?:jan|feb|mrt|apr|mei|jun|jul|aug|sep|sept|okt|nov|dec)[a-z]*\.?[ ]\d{4}\b)"
)
# "zijn verjaardag is 23/9/2017": a birthday with its year is the date of birth (one of the last
# few years is the day of a party).
_BIRTHDAY_BEFORE = re.compile(
    r"(?<![\w\-])verjaardag(?:[ \t]*(?:is|was|:|op|valt[ \t]+op))?[ \t]*$", re.IGNORECASE
)
# "gebdat 250698", "geb: 17jan99": only a colon or a dot between the word and a compact date.
_BIRTH_WORD_RIGHT_BEFORE = re.compile(rf"{_BIRTH_WORD}[ \t]*[:.]?[ \t]*$", re.IGNORECASE)
_BIRTH_BEFORE = re.compile(
    rf"{_BIRTH_WORD}(?:[ \t]*{_BIRTH_GAP_WORD}){{0,12}}[ \t]*$", re.IGNORECASE
)
# "(°4-12-1950)", "* 3 mei 1980", "Jan (*) 12-03-1980": the genealogists' signs for "born".
_BIRTH_SIGN_BEFORE = re.compile(r"(?:°|\(\*\)|(?<![\w*])\*)[ \t]?$")
_BIRTH_AFTER = re.compile(r"(?:[ ]+[\w'’]+){0,3}?[ ]+(?:geboren|geboortedatum)\b", re.IGNORECASE)
# "geb. 5 nov. 1938, 85,", "(geb. 24 dec. 1950, 73)": a bare number right after a date of birth
# is the age.
_AGE_AFTER_BIRTH = re.compile(r"[ ]*,[ ]*(?P<n>\d{1,3})(?=[ ]*[,;)])")
# In a list of family members a date after a relative and a name is a date of birth: "zoon Amir
# (04-05-2010)", "moeder Fatma Kaya, 12-3-1985", "Kinderen: Sara (3-2-2012), Yusuf (…)".
_KIN_WORDS = (
    r"zoon|zoontje|dochter|dochtertje|moeder|vader|kind|broer|broertje|zus|zusje|partner|"
    r"echtgenoot|echtgenote|stiefzoon|stiefdochter|pleegzoon|pleegdochter|pleegkind|oudste|"
    r"jongste|baby|tweeling"
)
# "Ze is van 12 december 1958": a person "is of" a date is born then (unless the year is recent).
_PERSON_IS_OF = re.compile(
    rf"(?<![\w\-])(?:ze|zij|hij|ik|mevrouw|meneer|mw\.|dhr\.|cliënte?|cliente?|{_KIN_WORDS})"
    r"(?:[ ]+zelf)?[ ]+(?:is|was|ben)[ ]+van[ ]+$",
    re.IGNORECASE,
)
_FAMILY_BEFORE = re.compile(
    rf"(?<![\w\-])(?:{_KIN_WORDS})(?::|[ ]+)[ ]*(?:(?-i:[A-Z][\w'’\-]*)[ ]+){{0,3}}?"
    rf"(?-i:[A-Z][\w'’\-]*)[ ]*(?:\(|,|:|–|-)[ ]*$",
    re.IGNORECASE,
)
_FAMILY_LIST_HEAD = re.compile(
    r"(?<![\w\-])(?:kinderen|gezinssamenstelling|gezinsleden|gezin|kids|zonen|dochters)[ ]*:",
    re.IGNORECASE,
)
# "dhr. Stefan Wolters, 2 mei 1996, …", "mw. Lamers, 27-04-1955", "Cl. M. Brouwer (11-11-1959)": a
# full date in apposition to a person named with a title (or as "cliënt") is their date of birth,
# unless its year is so recent that it is rather an appointment ("mw. Lamers, 3-2-2026: gesprek").
_PERSON_BEFORE_DATE = re.compile(
    r"(?<![\w\-])(?:mw|mevr|mevrouw|dhr|meneer|mijnheer|de[ ]heer|cl|cliënt|cliënte|client|cliente)"
    r"\.?[ ]+(?:(?:(?-i:[A-Z][\w'’\-]*+\.?)|van|de|der|den|ter|ten|te|het|'t|el|al|da|la|le|von)"
    r"(?:[ ]++|(?=[,(]))){1,6}(?:,|\()[ ]*$",
    re.IGNORECASE,
)
# "Milan de Graaf, 3-4-2019,", "Betreft: Malika Benali, 6 oktober 1995,": a full date in
# apposition to a full name (two or more capitalised words, particles between) with a comma
# after it or at the end, is a date of birth unless its year is recent (an appointment).
_FULL_NAME_BEFORE_DATE = re.compile(
    r"(?<![\w\-])(?-i:[A-Z][\w'’\-]*+)(?:[ ]++(?:van|de|der|den|ter|ten|te|het|'t|el|al|da|"
    r"la|le|von)){0,3}[ ]++(?-i:[A-Z][\w'’\-]*+),[ ]*$"
)
_APPOSITION_END = re.compile(r"[ ]*(?:,|\.?$|;)")
# "Nova (2019-11-03)", "Oma Fatima (1 mei 1948)", "dochter (17.10.2018)": a date alone in
# brackets right after a name or a relative, unless it is of this year or later.
_NAME_OR_KIN_BEFORE_BRACKET = re.compile(
    rf"(?:(?<![\w\-])(?:{_KIN_WORDS}|oma|opa|tante|oom)|(?-i:[A-Z][\w'’\-]*+))[ ]*\([ ]*$",
    re.IGNORECASE,
)
_CLOSING_BRACKET = re.compile(r"[ ]*\)")
_FOUR_DIGIT_YEAR = re.compile(r"(?:19|20)\d{2}")
_RECENT_YEARS = 3
_NAME_BEFORE_DATE = re.compile(r"(?-i:[A-Z][\w'’\-]*)(?:[ ]*(?:\(|,|:|–)[ ]*|[ ]+)$")
# The end of a sentence before the date: not the dot of "geb.", "mw." or an initial.
_CLAUSE_START = re.compile(
    r"(?<!\bgeb)(?<!\bmw)(?<!\bdhr)(?<!\bmevr)(?<!\b[Cc]l)(?<!\b[Ff]am)(?<!\b[A-Za-z])\.(?=[ \t]+[A-Z])"
    r"|[!?;\n]"
)
# The RDW's sidecodes 1–14 ("L" a letter, "D" a digit); written with hyphens, in capitals or
# (in a hasty message) in lower case: "GZ-481-P", "gz-481-p". Without hyphens ("GZ481P",
# "gz 481 p") such a code is also a flight number or a product code, so then only after a word
# such as "kenteken" or "auto".
_SIDECODES = (
    "LL-DD-DD", "DD-DD-LL", "DD-LL-DD", "LL-DD-LL", "LL-LL-DD", "DD-LL-LL", "DD-LLL-D",
    "D-LLL-DD", "LL-DDD-L", "L-DDD-LL", "LLL-DD-L", "L-DD-LLL", "D-LL-DDD", "DDD-LL-D",
)  # fmt: skip


def _sidecode_pattern(separator: str) -> str:
    shapes = []
    for code in _SIDECODES:
        groups = [
            f"[A-Za-z]{{{len(g)}}}" if g[0] == "L" else f"\\d{{{len(g)}}}" for g in code.split("-")
        ]
        shapes.append(separator.join(groups))
    return "|".join(shapes)


_PLATE = re.compile(
    rf"(?=[A-Za-z\d]{{1,3}}-[A-Za-z\d])(?<![\w\-/.,€])(?:{_sidecode_pattern('-')})(?![\w\-/]|[.,]\d)"
)
_PLATE_LOOSE = re.compile(
    rf"(?<![\w\-/.,€])(?:{_sidecode_pattern('')}|{_sidecode_pattern('[ ]')})(?![\w\-/]|[.,]\d)"
)
_PLATE_CUE = re.compile(
    r"(?<![\w\-])(?:kenteken\w*|nummerbord\w*|auto|wagen|busje|bus|bestelbus|scooter|brommer|"
    r"motor|motorfiets|camper|voertuig|rdw|plaat)\b",
    re.IGNORECASE,
)

_CASE_CONTEXT = re.compile(
    r"(?=[dzckrmohpafbltiv])\b(?:dossier[ -]?(?:nummer|nr\.?|no\.?)|dossier|"
    r"zaak[ -]?(?:nummer|nr\.?)|cli[eë]nt[ -]?(?:nummer|nr\.?)|registratie[ -]?(?:nummer|nr\.?)|"
    r"(?:ons|uw)[ ]+kenmerk|kenmerk|referentie(?:nummer)?|ref\.|casus[ -]?(?:nummer|nr\.?)|"
    r"klant[ -]?(?:nummer|nr\.?)|meldings?[ -]?(?:nummer|nr\.?)|"
    r"(?:huur|huurcontract|contract|klacht|polis|aanvraag|beschikkings?|debiteur(?:en)?|"
    r"relatie|lid|pas|ticket|proces[ -]?verbaal|pv|inschrijvings?|aanmeldings?|verzekerden?|"
    r"vreemdelingen|v|leerling|onderwijs|indicatie|paspoort|rijbewijs|identiteitskaart|"
    r"document)[ -]?(?:nummer|nr\.?))"
    r"(?P<gap>(?:[ ]+[A-Za-zë]{2,12}[ ]*:)?[ ]*(?::|is|=)?[ ]*)"
    r"(?P<id>#?[A-Za-z0-9](?:[A-Za-z0-9]|[\-/.](?=[A-Za-z0-9]))*)",
    re.IGNORECASE,
)
# "onder nummer RvdK-2024-11093": after a bare "nummer" only a code with letters and at least four
# digits ("op nummer 27" is a house, "nummer 06-…" a phone).
_CASE_AFTER_NUMBER = re.compile(
    r"(?<![\w\-])(?:nummer|nr\.?|ref\.)[ ]*:?[ ]*"
    # "nummer V 2811 0234 56", "ref. WC 24-7781": capitals, then groups of digits.
    r"(?P<id>(?-i:[A-Z]{1,4})(?:[ ]\d{2,6}(?:[\-/]\d{2,6})?)+(?![\w\-/])"
    r"|(?=[A-Za-z0-9\-/.]*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9]|[\-/.](?=[A-Za-z0-9]))*)",
    re.IGNORECASE,
)
# "WMO-2024-00123", "VT/2024/0817"; also an organisation written in mixed case with a year:
# "RvdK-2024-11093".
_CASE_STANDALONE = re.compile(
    r"(?<![\w\-/])(?P<id>(?:[A-Z]{2,4}|(?P<mixed>[A-Z][a-z]{0,3}[A-Z]|[A-Z][a-z]{1,3}(?=-(?:19|20)\d{2})))"
    r"(?:[\-/][A-Z]{1,3})?"
    r"(?P<sep>[-/])"
    r"(?:(?:19|20)\d{2}[\-/]\d{2,6}|\d{2,4}[\-/]\d{4,6}|\d{5,8})(?:[\-/][A-Z0-9]{1,3})?"
    # "VT24-HGL-33817", "DW24/88712-GK", "VT2024-HH-0091": a year joined to the letters.
    r"|(?P<joined>[A-Z]{2,4})(?:19|20)?\d{2}(?:[\-/][A-Z]{1,4})?[\-/]\d{4,8}(?:[\-/][A-Z0-9]{1,3})?"
    # "W-0088-1192", "HUM-U-2231": letters, then two groups of digits or a letter and four digits.
    r"|(?P<short>[A-Z]{1,4})[\-/](?:\d{4}[\-/]\d{4,6}|[A-Z]{1,2}[\-/]\d{4,6})"
    # "2023-0087-JB", "2024/1133-B", "Z/2024/0119-YL", "2024/WMO/09917": a year, a number and
    # letters.
    r"|(?P<dated>(?:[A-Z]{1,3}/)?(?:(?:19|20)\d{2}[\-/](?:\d{3,6}[\-/][A-Z]{1,3}|[A-Z]{2,4}[\-/]\d{4,6})"
    r"|\d{2}[\-/]\d{4,6}[\-/][A-Z]{1,3}))"
    r")(?![\w\-/])"
)
# "leerlingnummer LLN 2014-3387", "zaakkenmerk UWV 2023-18832-B", "LBIO-dossier LBIO 2023-66140",
# "cliëntnummer thuiszorg TZ 889 120", "onder vermelding van WT-O-2025-0093": any word ending in
# "nummer", "kenmerk", "dossier" or "registratie", up to two words naming who keeps it, and an
# identifier of several parts (letters first, digit groups joined by "-", "/", "." or spaces).
_CASE_LABEL = re.compile(
    r"(?<![\w\-])(?P<label>[\w\-]{2,}(?:nummer|nr\.?)|"
    r"[\w\-]*(?:kenmerk|(?i:dossier)|registratie|(?i:referentie))|"
    r"onder[ ]+vermelding[ ]+van|melding)"
    r"(?:[ ]+(?:[A-Z]{2,6}|[A-Z][A-Za-zë]{1,20}|[a-zë]{3,16}|Veilig[ ]+Thuis)"
    r"(?=[ ]*:?[ ]+[A-Z0-9])){0,2}[ ]*[:#]?[ ]*"
    r"(?P<id>(?:[A-Z]{1,5}(?:[\-/][A-Z]{1,3})*(?:[\-/]|\.(?=\d)|[ ](?=\d))?)?\d[\dA-Za-z]*"
    # One way only to read each separator ("/" in two alternatives made a run of "1/1/1/…"
    # exponential).
    r"(?:(?:[\-.]|[ ]?/[ ]?|[ ](?=\d))[\dA-Za-z]+)*(?:[ ][A-Z](?![\w\-]))?)"
    r"(?![\w\-/])",
)
# Labels of other kinds of number: a phone, a house, an article in a catalogue.
_NOT_CASE_LABEL = re.compile(
    r"(?:telefoon|mobiel|mobiele|huis|bsn|burgerservice|rekening|iban|bank|kamer|artikel|"
    r"postcode|kenteken|order|serie|bestel|versie|pagina|regel|lid|bus|lijn|spoor|perron|"
    r"tafel|stoel|zaal|volg|rang|wacht|nood|alarm|fax|pin|toegangs|btw|kvk|pas|factuur)"
    r"[\-]?(?:nummer|nr\.?)$",
    re.IGNORECASE,
)
_CASE_WORDS = (
    "dossier", "zaak", "clie", "cliënt", "registratie", "kenmerk", "referentie", "ref.",
    "casus", "klant", "melding", "nummer", "nr", "vermelding", "vonnis", "beschikking",
    "uitspraak", "toewijzing",
)  # fmt: skip
_YEAR_OR_YEARS = re.compile(r"(?:19|20)\d{2}(?:[-/](?:19|20)\d{2})?")
_SHORT_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}[-/]\d{2}")  # "het vonnis 2022-23"
_NOT_CASE_PREFIX = frozenset({"ISO", "NEN", "EN", "DIN", "CAO", "IEC", "NTA", "COVID"})


# ---------------------------------------------------------------------------------------------
# Checksums
# ---------------------------------------------------------------------------------------------


def elfproef(digits: str) -> bool:
    """The BSN 11-check: 9*d1 + 8*d2 + … + 2*d8 - 1*d9 is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or set(digits) == {"0"}:
        return False
    total = sum(int(digits[i]) * (9 - i) for i in range(8)) - int(digits[8])
    return total % 11 == 0


def iban_valid(compact: str) -> bool:
    """An IBAN's mod-97 check (ISO 13616), and the right length for the countries we know."""
    compact = compact.upper()
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", compact):
        return False
    expected = _IBAN_LENGTHS.get(compact[:2])
    if expected is not None and len(compact) != expected:
        return False
    rearranged = compact[4:] + compact[:4]
    number = "".join(str(int(ch, 36)) for ch in rearranged)
    return int(number) % 97 == 1


# ---------------------------------------------------------------------------------------------
# Rules, one per kind
# ---------------------------------------------------------------------------------------------


def _ibans(text: str, out: list[Finding], masks: list[tuple[int, int]]) -> None:
    """IBANs, compact or in groups of four; the checksum decides. Shapes mask inner numbers."""
    for m in _IBAN.finditer(text):
        masks.append((m.start(), m.end()))
        raw = m.group()
        # Try the whole match, then shorter ones at group boundaries (a following word or
        # number may have been swallowed by the greedy pattern).
        ends = [len(raw)] + [i for i in range(len(raw) - 1, 3, -1) if raw[i] == " "]
        for end in ends:
            candidate = raw[:end]
            if iban_valid(candidate.replace(" ", "")):
                _add(out, text, m.start(), m.start() + end, "iban")
                break


# After its label a BSN may be grouped any way: "BSN 1112 22 333", "11 12 22 33 3".
_BSN_LABEL = re.compile(
    r"(?<![\w\-])(?:bsn|burgerservicen(?:umme)?r\.?|sofi-?n(?:umme)?r\.?|sofinummer)"
    r"['’\"]?(?:[ ]+(?:is|was|nummer|nr\.?)(?!\w))?[ ]*(?:[:.=][ ]*)?(?:het[ ]+nummer[ ]+)?"
    r"(?P<bsn>\d(?:[ .\-]?\d){8})(?![\w\-]|[.,]\d)",
    re.IGNORECASE,
)


def _bsns(text: str, out: list[Finding]) -> None:
    """Nine digits (also 1234.56.782 and 123 456 782) that pass the 11-check; after a label
    ("BSN", "burgerservicenummer", "sofinummer") in any grouping."""
    for m in _BSN.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()].lower()
        if "€" in before or "eur" in before:
            continue
        digits = re.sub(r"\D", "", m.group())
        if elfproef(digits):
            _add(out, text, m.start(), m.end(), "bsn")
    for m in _BSN_LABEL.finditer(text):
        if elfproef(re.sub(r"\D", "", m.group("bsn"))):
            _add(out, text, m.start("bsn"), m.end("bsn"), "bsn")


def _phones(text: str, out: list[Finding]) -> None:
    """Dutch mobile, landline, 0800/0900 and +31/0031 numbers; a date is never a phone number."""
    for m in _PHONE.finditer(text):
        raw = m.group()
        if _LOOKS_LIKE_DATE.match(raw) and not _PAIRS.fullmatch(raw):
            continue  # "12-03-1985"; but "06.18.77.42.30" is five pairs, as phones are written
        digits = re.sub(r"\D", "", raw)
        if raw.startswith("(") and len(digits) != 10:
            continue
        _add(out, text, m.start(), m.end(), "phone")


def _emails_and_urls(text: str, out: list[Finding]) -> None:
    """E-mail addresses; URLs with a scheme, with www., or a bare domain with a path."""
    at = text.find("@")
    while at > 0:
        local = _EMAIL_LOCAL.search(text, max(0, at - 64), at)
        domain = _EMAIL_DOMAIN.match(text, at)
        if local and domain:
            _add(out, text, local.start(), domain.end(), "email")
        at = text.find("@", at + 1)
    spans = [(m.start(), m.end()) for m in _URL.finditer(text)]
    for m in _BARE_URL_TLD.finditer(text):
        domain = _BARE_URL_DOMAIN.search(text, max(0, m.start() - 100), m.start())
        if domain:
            spans.append((domain.start(), m.end()))
    for start, end in spans:
        while end > start and text[end - 1] in _URL_TRAIL:
            end -= 1
        # A closing bracket belongs to the URL only if the URL opened one.
        while (
            end > start
            and text[end - 1] == ")"
            and text.count("(", start, end) < text.count(")", start, end)
        ):
            end -= 1
            while end > start and text[end - 1] in _URL_TRAIL:
                end -= 1
        if end - start > 4:
            _add(out, text, start, end, "url")


def _this_year_or_later(date: str) -> bool:
    year = _FOUR_DIGIT_YEAR.search(date)
    if year is None:  # "3-4-19": a two-digit year of this century or the last
        return False
    return int(year.group()) >= datetime.date.today().year


def _recent(date: str) -> bool:
    year = _FOUR_DIGIT_YEAR.search(date)
    return year is not None and int(year.group()) > datetime.date.today().year - _RECENT_YEARS


# A full date this long ago is far more often someone's date of birth than an appointment: case
# notes are about now ("moet 12-12-1951 zijn ipv 21-12-1951", "oftewel 10 november 1983").
_OLD_YEARS = 16
_HAS_MONTH_NAME = re.compile(r"[^\W\d_]{3}")
# "kwam op 12-03-1995 naar Nederland", "sinds 1 juni 2005", "de wasmachine is van 12 mei 2009": a
# date after such a word is when something happened (unless a word for "born" says otherwise).
_EVENT_BEFORE = re.compile(
    r"(?<![\w\-])(?:(?<!jarig[ ])op|sinds|vanaf|per|tot|na|voor|tussen|en|t/m|van|in|rond|om)"
    r"[ ]+$",
    re.IGNORECASE,
)
# Words in the clause before the date that say what happened then: "trouwden 12 mei 1998", "vader
# overleed 14 februari 2001", "Datum ondertekening: 01-01-2000", "het verslag 14-05-2009".
_EVENT_IN_CLAUSE = re.compile(
    r"(?<![\w\-])(?:trouwd\w*|getrouwd|huwelijk|overle\w*|gestorven|stierf|begraven|gescheiden|"
    r"scheiding|getekend|ondertekend|ondertekening|aangenomen|ingegaan|ingangsdatum|ingeschreven|"
    r"uitgeschreven|verhuisd|opgenomen|ontslagen|uitgesproken|gestart|gestopt|begonnen|afgerond|"
    r"verslag|brief|besluit|beschikking|vonnis|(?<!geb[ .])(?<!geb\.[ ])datum\w*)(?![\w\-])",
    re.IGNORECASE,
)
_YEAR_OF_DATE = re.compile(
    r"^(?P<four>(?:19|20)\d{2})[-/.]|(?:(?P<four_end>(?:19|20)\d{2})|['’]?(?P<two>\d{2}))$"
)


def _long_ago(date: str) -> bool:
    """Whether the date is at least ``_OLD_YEARS`` years ago. Only a date that cannot be a code:
    with a year of four digits, a month's name or "'85" ("budgetcode 6.1.04" is no date)."""
    year = _YEAR_OF_DATE.search(date)
    if year is None:
        return False
    four = year.group("four") or year.group("four_end")
    if not (four or "'" in date or "’" in date or _HAS_MONTH_NAME.search(date)):
        return False
    this_year = datetime.date.today().year
    if four:
        number = int(four)
    else:
        two = int(year.group("two"))
        number = 2000 + two if two <= this_year % 100 else 1900 + two
    return number <= this_year - _OLD_YEARS


def _dates_of_birth(text: str, out: list[Finding]) -> None:
    """A date in a context that makes it a date of birth: after "geboren", "geb.",
    "geboortedatum" … (with a relative or a name in between), after "°" or "*", just before
    "geboren" ("is op 3 april 1951 geboren"), or after a relative and a name in a list of family
    members ("zoon Amir (04-05-2010)"). The span is the date alone."""
    for m in _ANY_DATE.finditer(text):
        start = m.start()
        window = max(0, start - 90)
        # Only the clause the date is in: never a "geboren" from the sentence before.
        for clause in _CLAUSE_START.finditer(text, window, start):
            window = clause.end()
        if (
            _BIRTH_SIGN_BEFORE.search(text, max(window, start - 4), start)
            or _BIRTH_BEFORE.search(text, window, start)
            or _BIRTH_AFTER.match(text, m.end())
            or _FAMILY_BEFORE.search(text, window, start)
            or (_PERSON_BEFORE_DATE.search(text, window, start) and not _recent(m.group()))
            or (
                _FAMILY_LIST_HEAD.search(text, window, start)
                and _NAME_BEFORE_DATE.search(text, window, start)
            )
            or (
                _FULL_NAME_BEFORE_DATE.search(text, window, start)
                and _APPOSITION_END.match(text, m.end())
                and not _recent(m.group())
            )
            or (
                _NAME_OR_KIN_BEFORE_BRACKET.search(text, window, start)
                and _CLOSING_BRACKET.match(text, m.end())
                and not _this_year_or_later(m.group())
            )
            or (_PERSON_IS_OF.search(text, window, start) and not _recent(m.group()))
            or (
                _BIRTHDAY_BEFORE.search(text, max(window, start - 30), start)
                and not _recent(m.group())
            )
            or (
                _long_ago(m.group())
                and not _EVENT_BEFORE.search(text, max(0, start - 8), start)
                and not _EVENT_IN_CLAUSE.search(text, max(window, start - 40), start)
            )
        ):
            _add(out, text, start, m.end(), "date_of_birth")
            age = _AGE_AFTER_BIRTH.match(text, m.end())
            if age and int(age.group("n")) <= 120:
                _add(out, text, age.start("n"), age.end("n"), "age")
    for m in _COMPACT_DATE.finditer(text):
        if _BIRTH_WORD_RIGHT_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            _add(out, text, m.start(), m.end(), "date_of_birth")


def _plates(text: str, out: list[Finding]) -> None:
    """Dutch licence plates in the sidecodes 1–14: with hyphens anywhere, without them only after
    a word such as "kenteken"; letters all in capitals or all in lower case."""
    for m in _PLATE.finditer(text):
        letters = "".join(ch for ch in m.group() if ch.isalpha())
        if letters.isupper() or letters.islower():
            _add(out, text, m.start(), m.end(), "licence_plate")
    for cue in _PLATE_CUE.finditer(text):
        # Within the same sentence, up to 40 characters after the word.
        end = cue.end() + 40
        stop = re.search(r"[.!?\n](?:\s|$)", text[cue.end() : end])
        if stop:
            end = cue.end() + stop.start()
        for m in _PLATE_LOOSE.finditer(text, cue.end(), end + 10):
            if m.start() >= end:
                break
            letters = "".join(ch for ch in m.group() if ch.isalpha())
            if letters.isupper() or letters.islower():
                _add(out, text, m.start(), m.end(), "licence_plate")


# A Dutch court's case number: "C/13/712345", with the chamber's number after it if given
# ("C/13/712345 / JE RK 24-1234").
_COURT_NUMBER = re.compile(
    r"(?<![\w/\-])(?:[A-Z]{1,2}/\d{2}/\d{4,7}(?:[ ]*/[ ]*[A-Z]{2}[ ]+RK[ ]+\d{2}-\d{2,5})?"
    # A family court's "JE RK 24-0089" (also "FA RK …") on its own.
    r"|[A-Z]{2}[ ]RK[ ]\d{2}-\d{2,5})(?![\w/\-])"
)
# "zaak 2023-0087-JB", "IND-zaak 2307-12-0445", "vonnis ROT 24/1123", "onder 2024J08813": after
# these words, a code with at least four digits in two or more parts (not a year).
_CASE_AFTER_WORD = re.compile(
    r"(?<![\w])(?:[\w]+-)?(?i:zaak|vonnis|beschikking|uitspraak|toewijzing[ ]+onder)[ ]+"
    r"(?P<id>(?:[A-Z]{1,5}[ ])?[A-Z0-9]{1,8}(?:[\-/][A-Z0-9]{1,8})+|(?:19|20)\d{2}[A-Z]{1,3}\d{3,8})"
    r"(?![\w\-/])"
)


def _case_numbers(text: str, out: list[Finding]) -> None:
    """An identifier after a dossier word, or a standalone "WMO-2024-00123"-like number."""
    low = text.lower()
    has_context = any(word in low for word in _CASE_WORDS)
    for m in _CASE_CONTEXT.finditer(text) if has_context else ():
        ident = m.group("id")
        digits = sum(ch.isdigit() for ch in ident)
        if digits < 3:
            continue
        if _YEAR_OR_YEARS.fullmatch(ident) and (
            ident.isdigit() or 0 <= int(ident[-4:]) - int(ident[:4]) <= 10
        ):
            continue  # "het dossier 2023", "dossier 2023-2024": a year, not a number
        _add(out, text, m.start("id"), m.end("id"), "case_number")
    for m in _CASE_AFTER_WORD.finditer(text) if has_context else ():
        ident = m.group("id")
        if (
            sum(ch.isdigit() for ch in ident) >= 4
            and not _YEAR_OR_YEARS.fullmatch(ident)
            and not _SHORT_YEAR_RANGE.fullmatch(ident)
            and not _ANY_DATE.fullmatch(ident)
        ):
            _add(out, text, m.start("id"), m.end("id"), "case_number")
    for m in _CASE_AFTER_NUMBER.finditer(text) if has_context else ():
        if sum(ch.isdigit() for ch in m.group("id")) >= 4:
            _add(out, text, m.start("id"), m.end("id"), "case_number")
    for m in _CASE_LABEL.finditer(text) if has_context or "melding" in low else ():
        ident = m.group("id")
        if _NOT_CASE_LABEL.search(m.group("label")) or sum(ch.isdigit() for ch in ident) < 4:
            continue
        if _YEAR_OR_YEARS.fullmatch(ident):
            continue
        _add(out, text, m.start("id"), m.end("id"), "case_number")
    for m in _COURT_NUMBER.finditer(text):
        _add(out, text, m.start(), m.end(), "case_number")
    for m in _CASE_STANDALONE.finditer(text):
        ident = m.group("id")
        if m.group("dated") or m.group("short"):
            if (m.group("short") or "").upper() not in _NOT_CASE_PREFIX:
                _add(out, text, m.start("id"), m.end("id"), "case_number")
            continue
        prefix = m.group("joined") or ident.split(m.group("sep"))[0]
        if prefix[-1:].islower() and len(re.sub(r"\D", "", ident[len(prefix) + 6 :])) < 4:
            continue  # "Wmo-2024-22981", not "Week-2024-12" or "Blz-2023-45"
        if prefix.upper() in _NOT_CASE_PREFIX:
            continue
        if m.group("mixed") and m.group("id")[len(prefix) + 1 :][:2] not in ("19", "20"):
            continue  # a mixed-case prefix only with a year: "RvdK-2024-11093"
        _add(out, text, m.start("id"), m.end("id"), "case_number")
