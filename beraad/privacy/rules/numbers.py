"""Rules for numbers and identifiers: BSN (with the 11-check), IBAN (with mod 97), phone numbers,
e-mail addresses and URLs, dates of birth, licence plates and case numbers."""

from __future__ import annotations

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

_PHONE_SEP = r"(?:[ ]?-[ ]?|[ .])?"
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
    r"januari|jan|februari|feb|maart|mrt|april|apr|mei|juni|jun|juli|jul|augustus|aug|"
    r"september|sept|sep|oktober|okt|november|nov|december|dec"
)
_DATE = (
    r"(?:\d{1,2}[-/.]\d{1,2}[-/.](?:19|20)?\d{2}"
    r"|(?:19|20)\d{2}-\d{1,2}-\d{1,2}"
    rf"|\d{{1,2}}\s+(?:{_MONTHS})\.?\s+(?:19|20)\d{{2}})(?![\w\-/])"
)
_BIRTH = re.compile(
    r"\b(?:geboren|geb\.\s*datum|geb\.|geb\b|geboortedatum|geboortedag|DOB)"
    # Between the word and the date only "op", "in", "te" and a place: "geboren in Nador op
    # 3 mei 1979", never a verb ("geboren in Marokko en kwam op 1-2-1995 naar Nederland").
    r"(?P<gap>(?:[ \t]*(?::|,|\(|\)|op\b|in\b|te\b|d\.d\.|rond\b|omstreeks\b|(?-i:[A-Z][\w'’\-]*)))*?[ \t]*)"
    r"(?P<date>" + _DATE + r")",
    re.IGNORECASE,
)

_BIRTH_AFTER = re.compile(
    r"(?<![\w\-/.])(?P<date>" + _DATE + r")(?:[ ]+[\w'’]+){0,3}?[ ]+geboren\b", re.IGNORECASE
)

_PLATE = re.compile(
    r"(?=[A-Z\d]{1,3}-[A-Z\d])(?<![\w\-/.])"
    r"(?:[A-Z]{2}-\d{2}-\d{2}|\d{2}-\d{2}-[A-Z]{2}|\d{2}-[A-Z]{2}-\d{2}|[A-Z]{2}-\d{2}-[A-Z]{2}"
    r"|[A-Z]{2}-[A-Z]{2}-\d{2}|\d{2}-[A-Z]{2}-[A-Z]{2}|\d{2}-[A-Z]{3}-\d|\d-[A-Z]{3}-\d{2}"
    r"|[A-Z]{2}-\d{3}-[A-Z]|[A-Z]-\d{3}-[A-Z]{2}|[A-Z]{3}-\d{2}-[A-Z]|[A-Z]-\d{2}-[A-Z]{3}"
    r"|\d-[A-Z]{2}-\d{3}|\d{3}-[A-Z]{2}-\d)"
    r"(?![\w\-/])"
)

_CASE_CONTEXT = re.compile(
    r"(?=[dzckrmohpafbltiv])\b(?:dossier[ -]?(?:nummer|nr\.?|no\.?)|dossier|"
    r"zaak[ -]?(?:nummer|nr\.?)|cli[eë]nt[ -]?(?:nummer|nr\.?)|registratie[ -]?(?:nummer|nr\.?)|"
    r"(?:ons|uw)[ ]+kenmerk|kenmerk|referentie(?:nummer)?|ref\.|casus[ -]?(?:nummer|nr\.?)|"
    r"klant[ -]?(?:nummer|nr\.?)|meldings?[ -]?(?:nummer|nr\.?)|"
    r"(?:huur|huurcontract|contract|klacht|polis|aanvraag|beschikkings?|factuur|debiteur(?:en)?|"
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
    r"(?<![\w\-])(?:nummer|nr\.?)[ ]*:?[ ]*"
    r"(?P<id>(?=[A-Za-z0-9\-/.]*[A-Za-z])[A-Za-z0-9](?:[A-Za-z0-9]|[\-/.](?=[A-Za-z0-9]))*)",
    re.IGNORECASE,
)
# "WMO-2024-00123", "VT/2024/0817"; also an organisation written in mixed case with a year:
# "RvdK-2024-11093".
_CASE_STANDALONE = re.compile(
    r"(?<![\w\-/])(?P<id>(?:[A-Z]{2,4}|(?P<mixed>[A-Z][a-z]{0,3}[A-Z]))(?P<sep>[-/])"
    r"(?:(?:19|20)\d{2}(?P=sep)\d{2,6}|\d{5,8}))(?![\w\-/])"
)
_CASE_WORDS = (
    "dossier", "zaak", "clie", "cliënt", "registratie", "kenmerk", "referentie", "ref.",
    "casus", "klant", "melding", "nummer", "nr",
)  # fmt: skip
_YEAR_OR_YEARS = re.compile(r"(?:19|20)\d{2}(?:[-/](?:19|20)\d{2})?")
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


def _bsns(text: str, out: list[Finding]) -> None:
    """Nine digits (also 1234.56.782 and 123 456 782) that pass the 11-check."""
    for m in _BSN.finditer(text):
        before = text[max(0, m.start() - 4) : m.start()].lower()
        if "€" in before or "eur" in before:
            continue
        digits = re.sub(r"\D", "", m.group())
        if elfproef(digits):
            _add(out, text, m.start(), m.end(), "bsn")


def _phones(text: str, out: list[Finding]) -> None:
    """Dutch mobile, landline, 0800/0900 and +31/0031 numbers; a date is never a phone number."""
    for m in _PHONE.finditer(text):
        raw = m.group()
        if _LOOKS_LIKE_DATE.match(raw):
            continue
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


def _dates_of_birth(text: str, out: list[Finding]) -> None:
    """A date right after "geboren", "geb.", "geboortedatum" …, or just before "geboren"
    ("is op 3 april 1951 geboren"); the span is the date alone."""
    low = text.lower()
    if "geb" not in low and "dob" not in low:
        return  # most texts: no birth context at all, so no need to look for dates
    for pattern in (_BIRTH, _BIRTH_AFTER):
        for m in pattern.finditer(text):
            _add(out, text, m.start("date"), m.end("date"), "date_of_birth")


def _plates(text: str, out: list[Finding]) -> None:
    """Dutch licence plates in the sidecodes with hyphens; all-digit shapes (dates) excluded."""
    for m in _PLATE.finditer(text):
        _add(out, text, m.start(), m.end(), "licence_plate")


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
    for m in _CASE_AFTER_NUMBER.finditer(text) if has_context else ():
        if sum(ch.isdigit() for ch in m.group("id")) >= 4:
            _add(out, text, m.start("id"), m.end("id"), "case_number")
    for m in _CASE_STANDALONE.finditer(text):
        prefix = m.group("id").split(m.group("sep"))[0]
        if prefix.upper() in _NOT_CASE_PREFIX:
            continue
        if m.group("mixed") and m.group("id")[len(prefix) + 1 :][:2] not in ("19", "20"):
            continue  # a mixed-case prefix only with a year: "RvdK-2024-11093"
        _add(out, text, m.start("id"), m.end("id"), "case_number")
