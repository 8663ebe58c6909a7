"""Rules for numbers and identifiers: BSN (with the 11-check), IBAN (with mod 97), phone numbers,
e-mail addresses and URLs, licence plates and case numbers. Dates of birth are in ``births.py``."""

from __future__ import annotations

import re

from beraad.privacy.rules.births import _ANY_DATE
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
# Plates, case numbers
# ---------------------------------------------------------------------------------------------

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
    r"[\w\-]*(?:(?i:kenmerk)|(?i:dossier)|registratie|(?i:referentie))|"
    r"onder[ ]+vermelding[ ]+van|melding)"
    # "Cliëntnummer beschermd wonen: …": the words before the code need not each be followed by it.
    r"(?:[ ]+(?:[A-Z]{2,6}|[A-Z][A-Za-zë]{1,20}|[a-zë]{3,16}|Veilig[ ]+Thuis)){0,2}"
    r"(?=[ ]*:?[ ]+[A-Z0-9])[ ]*[:#]?[ ]*"
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


_COUNTRY_CODE_BEFORE = re.compile(r"(?:\+|00)[1-9]\d{0,2}[ \-]$")


def _bsns(text: str, out: list[Finding]) -> None:
    """Nine digits (also 1234.56.782 and 123 456 782) that pass the 11-check; after a label
    ("BSN", "burgerservicenummer", "sofinummer") in any grouping."""
    for m in _BSN.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()].lower()
        if "€" in before or "eur" in before:
            continue
        if _COUNTRY_CODE_BEFORE.search(text, max(0, m.start() - 6), m.start()):
            continue  # "+48 512 334 870": a phone number from abroad
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
    _more_case_numbers(text, out)


# --- twelfth round (session twelve): from development set 11 ---------------------------------

# "3300 1872 4410 2295": sixteen digits in four groups (a payment reference, a card), whatever
# comes before.
_FOUR_GROUPS = re.compile(
    r"(?<![\w\-.,/€])(?<!€[ ])\d{4}(?:[ ]\d{4}){3}(?![\w\-]|[.,]\d)(?![ ]*(?:euro|eur|€))",
    re.IGNORECASE,
)
# "RvdK 2024/05871", "RvdK-HGL 2023/1876": an agency's letters, a year and a number.
_AGENCY_YEAR_NUMBER = re.compile(
    r"(?<![\w\-])[A-Z][A-Za-z]{1,5}(?:-[A-Z]{2,5})?[ ](?:19|20)\d{2}/\d{3,6}(?![\w/\-])"
)
# "MO-NACHT-4478", "BRP-ONDERZ-2024-117": two or more groups of capitals, then digits.
_CAPITAL_GROUPS = re.compile(
    r"(?<![\w\-])[A-Z]{2,}(?:-[A-Z]{2,}){1,3}(?:-(?:19|20)\d{2})?-\d{3,6}(?![\w\-])"
)
# "toevoeging Raad voor Rechtsbijstand 4EX6712", "aanslag 8812.345.67.H.46.0401": after these
# words, a code with digits.
_AFTER_LEGAL_AID_OR_TAX = re.compile(
    r"(?<![\w\-])(?i:toevoeging(?:snummer)?|aanslag(?:nummer)?)"
    r"(?:[ ]++(?:(?-i:[A-Z]\w*+)|voor|van|de|der|het|nr\.?)){0,6}+[ ]*+(?::[ ]*+)?"
    r"(?P<id>\d[A-Z]{1,3}\d{3,7}|\d[\d.]{6,}(?:[A-Z](?:\.\d+)+)?)(?![\w\-])"
)
# "F.16/24/117 R": an insolvency number with the court's letter after it.
_INSOLVENCY_LETTER = re.compile(r"(?<![\w/\-])F\.\d{2}/\d{2}/\d{2,5}[ ][A-Z](?![\w\-/])")


_YEAR_END = re.compile(r"(?:^|[-/])(?:19|20)\d{2}$")


def _more_case_numbers(text: str, out: list[Finding]) -> None:
    for pattern in (_FOUR_GROUPS, _AGENCY_YEAR_NUMBER, _CAPITAL_GROUPS, _INSOLVENCY_LETTER):
        for m in pattern.finditer(text):
            code = m.group()
            if pattern is _AGENCY_YEAR_NUMBER and (
                sum(ch.isupper() for ch in code.split(" ")[0]) < 2 or _YEAR_END.search(code)
            ):
                continue  # "In 2024/2025": a word and a range of years
            if pattern is _CAPITAL_GROUPS and (
                (_YEAR_END.search(code) and code.count("-") < 3)
                or any(part in _NOT_CASE_PREFIX for part in code.split("-"))
            ):
                continue  # "NL-EN-2024", "NEN-EN-ISO-9001": letters and a year, a standard
            if pattern is _FOUR_GROUPS and all(part[:2] in ("19", "20") for part in code.split()):
                continue  # "de jaren 2019 2020 2021 2022"
            _add(out, text, m.start(), m.end(), "case_number")
    for m in _AFTER_LEGAL_AID_OR_TAX.finditer(text):
        if sum(ch.isdigit() for ch in m.group("id")) >= 5:
            _add(out, text, m.start("id"), m.end("id"), "case_number")
