"""Rules for postcodes (with the house number after them), street names and addresses. Towns,
villages and neighbourhoods, and where someone lives, are in ``towns.py``."""

from __future__ import annotations

import re

from beraad.privacy.rules.helpers import (
    _add,
    _sentence_initial,
)
from beraad.privacy.rules.vocabulary import (
    _LO,
    _NOT_NAMES,
    _UP,
    FIRST_NAMES,
    _place,
    _words,
)
from beraad.privacy.spans import Finding

# ---------------------------------------------------------------------------------------------
# Patterns for postcodes, streets and addresses
# ---------------------------------------------------------------------------------------------

_POSTCODE = re.compile(
    r"(?<![\w\-.,/€])[1-9]\d{3}(?:[ ]?(?!S[ADS])[A-Z]{2}|(?!s[ads])[a-z]{2})(?![\w\-])"
)

_HOUSE_NUMBER = re.compile(
    r"[ ]*(?:(?:nr\.?|nummer|no\.?)[ ]*)?(?P<number>[1-9]\d{0,4})"
    r"(?P<addition>"
    r"(?:[ ]?-[ ]?|[ ]?)(?:bis|hs|huis|hg|bg|boven|beneden|I{1,3}|IV|V|VI{1,3})(?![\w])"
    r"|-?[A-Za-z](?![\w])"
    r"|[ ][A-Z](?![\w]|\.\w)"
    r"|[ ]?-[ ]?\d{1,4}(?![\w])"
    r"|[ ]?/[ ]?\d{1,4}(?![\w])"
    r")?"
    r"(?![\w]|[.,:]\d|-\d)"
)

_STRONG_SUFFIXES = (
    "straat", "laan", "weg", "plein", "gracht", "kade", "singel", "dijk", "dreef", "steeg",
    "plantsoen", "boulevard", "allee", "dwarsweg", "straatweg",
)  # fmt: skip
_WEAK_SUFFIXES = (
    "hof", "park", "pad", "markt", "burg", "baan", "erf", "veld", "wal", "haven", "kwartier",
    "ring", "brink", "werf", "vaart", "gaarde", "donk", "zijde", "hoven", "hofje", "diep", "stede",
)  # fmt: skip
# "Jan v. Galenstr.", "Van Heutszstr": a street's word abbreviated.
_ABBREVIATED_SUFFIX = "str"
_DIRECTION = r"-(?:Oost|West|Noord|Zuid)"
_STREET_WORD = re.compile(
    rf"(?<![\w\-'’])(?:['’]s-)?[{_UP}][{_LO}{_UP}'’\-]*?"
    rf"(?:{'|'.join(_STRONG_SUFFIXES + _WEAK_SUFFIXES)}|{_ABBREVIATED_SUFFIX}(?=\.|[ ,;]|$))"
    rf"(?:{_DIRECTION})?(?![\w\-'’])"
)
# "Rijksweg Zuid", "Kanaalweg Oost": a direction after a street's word, with a space.
_SPACED_DIRECTION = re.compile(r"[ ](?:Oost|West|Noord|Zuid)(?![\w\-])")
# A word in lower case that only a street ends with: "oranjestraat", "beatrixlaan".
_LOWER_STREET_WORD = (
    rf"[{_LO}]{{3,}}(?:straat|laan|gracht|kade|singel|plein|dreef|steeg|allee|boulevard)"
)
# "bij de spreeuwstraat", "op de prins hendrikkade", "het is van heutszstr", "in de burg. de
# withstr": a street in lower case after an article or behind a word that opens a street's name.
_LOWER_PREFIX = (
    r"(?:van|burg\.|burgemeester|kon\.|koning|koningin|prins|prinses|graaf|st\.|sint|dr\.|mr\.|"
    r"pres\.|president|generaal|admiraal|pastoor|jan|willem|(?:[a-z]\.[ ]?){1,3})"
)
_LOWER_STREET_AFTER_ARTICLE = re.compile(
    rf"(?<![\w\-])(?:(?P<article>(?:aan|op|in|bij|naar|van|via|tussen|en|achter|vanaf|"
    rf"richting|uit)[ ]+(?:de|het|['’]t))[ ]+)?"
    rf"(?P<street>(?:{_LOWER_PREFIX}[ ]+(?:(?:van|de|der|den|v\.)[ ]+){{0,2}})?"
    rf"[{_LO}]{{3,}}(?:straat|laan|gracht|kade|singel|plein|dreef|steeg|allee|boulevard|str\.?))"
    rf"(?![\w\-])"
)
_LOWER_STREET = re.compile(rf"(?<![\w\-'’]){_LOWER_STREET_WORD}(?=[ ]+(?:nr\.?[ ]*)?[1-9])")
# "verhuist naar oranjeplein of oranjestraat", "woont nu beatrixlaan": a street in lower case
# right after moving or living.
_LOWER_STREET_AFTER_CUE = re.compile(
    r"(?<![\w\-])(?:woont|wonen|woonde|verhuisd|verhuist|verhuizen|verhuizing)"
    r"(?:[ ]+(?:nu|nog|sinds|weer))?(?:[ ]+naar)?"
    rf"[ ]+(?P<street>{_LOWER_STREET_WORD})(?![\w\-])"
    rf"(?:[ ]+of[ ]+(?P<other>{_LOWER_STREET_WORD})(?![\w\-]))?"
)
_NOT_STREETS = _words(
    """
    onderweg uitweg omweg snelweg zijweg overweg zijstraat blokkade barricade loopbaan rijbaan
    werkveld speelveld spanningsveld krachtenveld middenveld vakantiepark gerechtshof kerkhof
    binnenhof hoofdkwartier arbeidsmarkt woningmarkt supermarkt jaarmarkt zorgpad leerpad
    behandelpad fietspad voetpad wandelpad zebrapad schoolplein speelplein woonplaats werkplaats
    standplaats verblijfplaats geboorteplaats plaats vervolgtraject middelburg hamburg straatsburg
    luxemburg oldenburg duisburg magdeburg edinburg petersburg johannesburg zorgvuldig herberg
    rotterdam amsterdam marktplaats winkelstraat schoolpleinen fietsstraat binnenplein
    """
)
_STREET_PREFIXES = _words(
    """
    van sint st. st lange korte oude nieuwe hoge lage grote kleine eerste tweede derde vierde
    vijfde zesde prins prinses koning koningin burgemeester burg. dokter dr. pastoor pater
    graaf gravin hertog hertogin mr. meester professor prof. generaal kapitein admiraal
    kardinaal bisschop jonkheer jhr. heilige noord zuid oost west noorder zuider ooster wester
    binnen buiten achter verlengde gedempte kon. koning
    """
)
_BARE_STREET = re.compile(
    r"(?<![\w\-])(?:Oude|Nieuwe|Grote|Kleine|Lange|Korte|Hoge|Lage|Oost|West|Noord|Zuid|Binnen|"
    r"Buiten)[ ](?:Straat|Laan|Weg|Plein|Gracht|Kade|Singel|Dijk|Markt|Haven|Wal|Ring|Dreef|"
    r"Steeg|Brink|Hof|Vaart|Dam)(?![\w\-])"
)
_BARE_STREET_OF = re.compile(
    rf"(?<![\w\-])(?:Laan|Weg|Straat|Plein|Kade|Dijk|Singel|Gracht|Dreef|Hof|Ring|Pad)"
    rf"(?:[ ]+(?:van|der|de|den|naar|op|ter|ten|te|het|'t|over|bij|aan)){{1,3}}"
    rf"[ ]+[{_UP}][{_LO}]+(?:[ \-][{_UP}][{_LO}\-]+)?(?![\w\-])"
)
_VERB_SLAAN = re.compile(
    r"(?:op|in|aan|af|om|uit|door|over|toe|neer|dicht|vast|terug|mis|na|tegen|onder|be|ver|ge|"
    r"ont|dood|kapot|stuk|los|mee|weg|achteruit|vooruit|alarm|acht)?slaan"
)
_PREVIOUS_WORD = re.compile(r"(\S+)[ ]$")
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:de|het|'t|De|Het)\s+)$")


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------


# "9601 ab", "3025 ah": in lower case and with a space only where the text says it is a postcode,
# or right after a house number or a town ("hoofdweg 33 in hoogezand, 9601 ab"); elsewhere
# "2024 en" or "1000 km" would look the same.
# Two-letter words after a number that make it no postcode: "2024 en", "1000 km".
_NOT_POSTCODE_LETTERS = (
    r"(?!s[ads]|(?:en|in|op|of|om|te|is|ik|je|we|ze|al|nu|zo|na|er|ja|uw|km|cm|mm|mg|ml|kg|gr|nr|pp|st|eu|ct|"
    r"de|ca|wo|ww|ma|di|do|vr|za|ok|mn|zn|dr|mr|pm|am|ex|hr|bv|nv|cv|id|tv|pc)\b)"
)
_LOWER_POSTCODE = re.compile(
    rf"(?<![\w\-.,/€])[1-9]\d{{3}}[ ]{_NOT_POSTCODE_LETTERS}[a-z]{{2}}(?![\w\-])"
)
_LOWER_POSTCODE_CUE = re.compile(
    r"(?:\bpostcode:?|\d+[a-z]?,?(?:[ ]+[a-z][\w\-'’]*){0,3}?,?)[ ]+$", re.IGNORECASE
)


# "14 februari 2025 de melding": a year after a day and a month, not a postcode.
_MONTH_BEFORE = re.compile(
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec)\.?[ ]+$",
    re.IGNORECASE,
)


def _postcodes(text: str, out: list[Finding]) -> None:
    """Dutch postcodes, with the house number (and addition) that follows in the same span."""
    for m in _POSTCODE.finditer(text):
        end = m.end()
        number = _HOUSE_NUMBER.match(text, end)
        if number:
            end = number.end()
        _add(out, text, m.start(), end, "postcode")
    for m in _LOWER_POSTCODE.finditer(text):
        if _LOWER_POSTCODE_CUE.search(
            text, max(0, m.start() - 40), m.start()
        ) and not _MONTH_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            _add(out, text, m.start(), m.end(), "postcode")


_STREET_PARTICLES = frozenset(
    {"van", "de", "der", "den", "ter", "ten", "'t", "’t", "het", "la", "le", "v."}
)
# Titles that only a person has ("Dr." and "Mr." also open streets: "Dr. Jan van Breemenstraat").
_PERSON_TITLES = _words(
    "mevrouw mevr mevr. mw mw. meneer mijnheer mnr mnr. dhr dhr. heer fam fam. familie"
)
_ADJECTIVE_OF_PLACE = re.compile(rf"[{_UP}][{_LO}]+se")  # "Bergse Dorpsstraat", "Haagse Markt"


def _street_start(text: str, start: int) -> int:
    """Extend a street word to the left over what belongs to its name: "Van Goghlaan",
    "Van 't Hoffstraat", "Lange Nieuwstraat", "Jan van Galenstraat", "Prins Hendrikkade",
    "Tweede Jan Steenstraat", "Dr. Schaepmanstraat", "Bergse Dorpsstraat"."""
    words: list[tuple[int, str]] = []  # preceding words on the same line, nearest first
    pos = start
    while len(words) < 5:
        m = _PREVIOUS_WORD.search(text, max(0, pos - 40), pos)
        if not m:
            break
        words.append((m.start(1), m.group(1)))
        pos = m.start(1)
    best = start
    i = 0
    while i < len(words):
        word_start, word = words[i]
        low = word.lower()
        capital = word[:1].isupper()
        if low in _STREET_PARTICLES:
            # The chain of particles ends (leftwards) at a capitalised one: "de Van 't …".
            j = i
            while j < len(words) and words[j][1].lower() in _STREET_PARTICLES:
                j += 1
                if words[j - 1][1][:1].isupper():
                    break
            first_start, first = words[j - 1]
            if first[:1].isupper() and (first == "Van" or not _sentence_initial(text, first_start)):
                best, i = first_start, j  # "Van 't Hoffstraat", "aan de De Clercqstraat"
                continue
            if j < len(words) and words[j][1][:1].isupper():
                name = words[j][1]
                titled = j + 1 < len(words) and words[j + 1][1].lower() in _PERSON_TITLES
                if titled:
                    break  # "fam. Tran van de Statensingel": the person, then their street
                if name.lower() not in _NOT_NAMES or name.lower() in _STREET_PREFIXES:
                    best, i = words[j][0], j + 1  # "Jan van Galenstraat", "Admiraal de Ruyterweg"
                    continue
            break
        if capital and (
            low in _STREET_PREFIXES
            or low.split("-")[0] in FIRST_NAMES
            or _ADJECTIVE_OF_PLACE.fullmatch(word)
        ):
            best = word_start
        elif (
            capital
            and low not in _NOT_NAMES
            and i + 1 < len(words)
            and words[i + 1][1][:1].isupper()
            and words[i + 1][1].lower() in _STREET_PREFIXES
        ):
            # A name between a prefix and the street word: "Van Limburg Stirumplein".
            best, i = words[i + 1][0], i + 2
            continue
        else:
            break
        i += 1
    return best


def _streets_and_addresses(text: str, out: list[Finding]) -> None:
    """Street name + house number (+ addition) is an address; a street name alone is a street."""
    for m in _STREET_WORD.finditer(text):
        word = m.group()
        low = word.lower()
        if low in _NOT_STREETS or low.split("-")[-1] in _NOT_STREETS:
            continue
        if low.endswith("ring") and len(low) > 4 and low[-5] in "aeiouy":
            continue  # "Verzekering", "Vordering": nouns, not a ring road
        if _VERB_SLAAN.fullmatch(low):
            continue  # "Opslaan", "Overslaan": verbs, not a lane
        start = _street_start(text, m.start())
        number = _HOUSE_NUMBER.match(text, m.end())
        if number:
            _add(out, text, start, number.end(), "address")
            continue
        # Without a number: a strong suffix ("-straat", "-laan") is a street anywhere; a weak one
        # ("-hof", "-veld", "-burg": also surnames, towns and nouns) only after "de"/"het" or with
        # a prefix ("Oude Haven").
        # A direction after it ("Ringbaan-Oost") makes a weak suffix a street's; not a town's part
        # ("Tilburg-West", "Middelburg-Zuid").
        base, _dash, direction = word.rpartition("-")
        strong = low.endswith(_STRONG_SUFFIXES) or (
            direction in ("Oost", "West", "Noord", "Zuid")
            and not _place(base)
            and not base.lower().endswith("burg")
        )
        prefixed = start < m.start()
        article = _ARTICLE_BEFORE.search(text[max(0, start - 8) : start]) is not None
        if strong or prefixed or article:
            end = m.end()
            if strong and (direction_after := _SPACED_DIRECTION.match(text, end)):
                end = direction_after.end()
            _add(out, text, start, end, "street")
    for m in (*_BARE_STREET.finditer(text), *_BARE_STREET_OF.finditer(text)):
        # "Oude Haven", "Grote Markt": a prefix and a bare street word.
        number = _HOUSE_NUMBER.match(text, m.end())
        if number:
            _add(out, text, m.start(), number.end(), "address")
        else:
            _add(out, text, m.start(), m.end(), "street")
    for m in _LOWER_STREET.finditer(text):
        if m.group().lower() in _NOT_STREETS:
            continue
        number = _HOUSE_NUMBER.match(text, m.end())
        if number:
            _add(out, text, m.start(), number.end(), "address")
    for m in _LOWER_STREET_AFTER_ARTICLE.finditer(text):
        street = m.group("street")
        last = street.rsplit(" ", 1)[-1].lower()
        if last in _NOT_STREETS or not (m.group("article") or " " in street):
            continue
        _add(out, text, m.start("street"), m.end("street"), "street")
    for m in _LOWER_STREET_AFTER_CUE.finditer(text):
        for group in ("street", "other"):
            if m.group(group) and m.group(group).lower() not in _NOT_STREETS:
                _add(out, text, m.start(group), m.end(group), "street")
