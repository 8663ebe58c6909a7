"""The rule for dates of birth: a date in a context that makes it someone's date of birth (a word
for "born", a relative or a name before it, a birthday, or a date long ago that no event word
explains). Dates themselves, written in every common Dutch way, are defined here too; the case-number
rule uses them to tell a date from an identifier."""

from __future__ import annotations

import datetime
import re

from beraad.privacy.first_names import is_first_name, usual_gender
from beraad.privacy.rules.helpers import (
    _add,
)
from beraad.privacy.spans import Finding

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
    r"volgens\b|toch\b|dus\b|wel\b|ook\b|nog\b|naam\b|plaats\b|woonplaats\b|respectievelijk\b|"
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
_BIRTH_AFTER = re.compile(
    r"(?:[ ]+[\w'’]+){0,6}?[ ]+(?:geboren|geboortedatum)\b",
    re.IGNORECASE,
)
# "geb. 5 nov. 1938, 85,", "(geb. 24 dec. 1950, 73)": a bare number right after a date of birth
# is the age.
_AGE_AFTER_BIRTH = re.compile(
    r"[ ]*[,|/—–][ ]*(?P<age>(?P<n>\d{1,3})(?:[ ]*(?P<unit>mnd|maanden|jaar|jr))?)"
    r"(?=[ ]*(?:[,;)|/—–]|$))",
    re.MULTILINE,
)
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
    rf"(?<![\w\-])(?:{_KIN_WORDS})(?:[ ]*[1-9]\d?)?(?::|[ ]+)[ ]*(?:(?-i:[A-Z][\w'’\-]*)[ ]+){{0,3}}?"
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
    last_birth = -1
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
            _age_after(text, m, out)
            last_birth = m.end()
        elif (
            last_birth >= 0
            and start - last_birth <= 40
            and _LIST_LINK.fullmatch(text, last_birth, start)
        ):
            # "Adam 12-03-2009, Rania 07-07-2011", "04/04/2016 (Liam) en 18/10/2018 (Noa)",
            # "respectievelijk 6 juli 2013 en 19 september 2016": the next date of such a list.
            _add(out, text, start, m.end(), "date_of_birth")
            _age_after(text, m, out)
            last_birth = m.end()
        elif _age_fits(text, m):
            # "Jurre Vink / 14-3-2007 / 17 /": a date, then how old that makes someone.
            _add(out, text, start, m.end(), "date_of_birth")
            _age_after(text, m, out)
    for m in _COMPACT_DATE.finditer(text):
        if _BIRTH_WORD_RIGHT_BEFORE.search(text, max(0, m.start() - 24), m.start()):
            _add(out, text, m.start(), m.end(), "date_of_birth")
    _births_of_the_twelfth_round(text, out)
    _births_of_the_fifteenth_round(text, out)


# --- twelfth round (session twelve): from development set 11 ---------------------------------

# Between two dates of birth of one list: a comma, "en", a name, a name in brackets, a colon.
_LIST_LINK = re.compile(
    r"(?:[ ]*\([ ]*(?-i:[A-Z][\w'’\-]*)[ ]*\))?[ ]*(?:,|;|en|&)?[ ]*"
    r"(?:(?-i:[A-Z][\w'’\-]*)[ ]*){0,2}[:(]?[ ]*",
)


def _years_ago(date: str) -> int | None:
    year = _YEAR_OF_DATE.search(date)
    if year is None:
        return None
    four = year.group("four") or year.group("four_end")
    this_year = datetime.date.today().year
    if four:
        return this_year - int(four)
    two = int(year.group("two"))
    return this_year - (2000 + two if two <= this_year % 100 else 1900 + two)


def _age_fits(text: str, date: re.Match[str]) -> bool:
    """Whether a number right after the date (in a row: "/ 17 /", "| 31 |", "— 8 mnd") is about
    how long ago the date was: an age, written in the last few years, so the date is a birth."""
    age = _AGE_AFTER_BIRTH.match(text, date.end())
    ago = _years_ago(date.group())
    if age is None or ago is None or ago < 0:
        return False
    n = int(age.group("n"))
    if age.group("unit") in ("mnd", "maanden"):
        return n <= 24 and ago <= 6
    return ago - 5 <= n <= ago + 1 and ago >= 1


def _age_after(text: str, date: re.Match[str], out: list[Finding]) -> None:
    age = _AGE_AFTER_BIRTH.match(text, date.end())
    if age and int(age.group("n")) <= 120:
        _add(out, text, age.start("age"), age.end("age"), "age")


_MONTH_YEAR = rf"(?:(?:{_MONTHS})\.?[ ]+)?(?:(?:19|20)\d{{2}}|['’]\d{{2}})(?![\w\-/]|[.,]\d)"
# "geb. '99", "geboren: dec. 1998", "geboren Sept. 2003": a year (and month) after a word for
# "born".
# Also "geboren in 1952", "geb. anno 1961", and the genealogists' "(°1961)", "*1958".
_BIRTH_YEAR = re.compile(
    rf"(?:{_BIRTH_WORD}[ \t]*+(?:[:.][ \t]*+)?(?:(?:in|anno|rond|omstreeks)[ ]+)?"
    rf"|(?:°|(?<![\w*])\*)[ ]?)(?P<date>{_MONTH_YEAR})",
    re.IGNORECASE,
)
# "Peter Koster (1978)", "zoon Jayden (2012)": a year of birth in brackets after a full name or a
# relative.
_YEAR_IN_BRACKETS = re.compile(
    rf"(?:(?<![\w\-])(?:{_KIN_WORDS}|oma|opa|tante|oom)[ ]+(?-i:[A-Z][\w'’\-]*+)"
    r"|(?<![\w'’\-])(?-i:[A-Z][\w'’\-]*+)(?:[ ]++(?:van|de|der|den|ter|ten|el|al))*+[ ]++"
    r"(?-i:[A-Z][\w'’\-]*+))[ ]*\((?P<date>(?:19|20)\d{2})\)",
    re.IGNORECASE,
)
# "ik ben van '86 en zij van '70", "Britt is van 2012", "hij is van juli 2011": a person "is of" a
# year.
_PERSON_IS_OF_YEAR = re.compile(
    rf"(?<![\w'’\-])(?P<who>ze|zij|hij|ik|(?-i:[A-Z][\w'’\-]++))(?:[ ]+(?:zelf|volgens[ ]+\w+))?"
    rf"[ ]+(?:is|was|ben)[ ]+(?:(?:dus|al|pas|nog)[ ]+)?van[ ]+(?P<date>{_MONTH_YEAR})"
    rf"(?:[ ]+en[ ]+(?:ze|zij|hij)[ ]+van[ ]+(?P<other>{_MONTH_YEAR}))?"
    r"(?![ ]*(?:tot|t/m|-|–|en[ ]+\d))",
    re.IGNORECASE,
)
_ARTICLE_BEFORE = re.compile(r"(?<![\w\-])(?:een|de|het|die|dat|deze|zijn|haar)[ ]+$", re.I)
_KIN_SET = frozenset(_KIN_WORDS.split("|")) | {"oma", "opa", "tante", "oom"}
_NOT_A_PERSON_WHO = frozenset(
    [
        "het",
        "dit",
        "dat",
        "die",
        "deze",
        "wat",
        "er",
        "alles",
        "niets",
        "hier",
        "daar",
        "brief",
        "rapport",
        "auto",
        "huis",
        "contract",
    ]
)
# "jarig op 17 maart", "op 2 maart jarig", "zijn verjaardag (9 april)", "op 31 januari geboren":
# a birthday without its year.
_MONTH_WORD = (
    r"(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    r"(?:jan|febr|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec)\.?)(?![\w])"
)
_DAY_MONTH = rf"{_DAY}(?:e|ste|de)?[ ]+{_MONTH_WORD}(?![ ]*(?:\d|['’]\d))"
_BIRTHDAY = re.compile(
    rf"(?<![\w\-])(?:jarig[ ]+op[ ]+(?P<a>{_DAY_MONTH})|verjaardag[ ]*(?:\(|is[ ]+op|is|:)[ ]*"
    rf"(?P<b>{_DAY_MONTH})|op[ ]+(?P<c>{_DAY_MONTH})[ ]+(?:jarig|(?:[\w'’]+[ ]+){{0,4}}geboren))",
    re.IGNORECASE,
)


# "Tomasz (1977), Ewa (1979)": a year in brackets after a first name; "(vader, 1981)": after a role.
_YEAR_AFTER_FIRST_NAME = re.compile(
    r"(?<![\w'’\-])(?P<name>(?-i:[A-Z][\w'’\-]*+))[ ]*\((?P<date>(?:19|20)\d{2})\)"
)
_YEAR_AFTER_ROLE = re.compile(
    rf"\([ ]*(?:{_KIN_WORDS}|oma|opa)[ ]*,[ ]*(?P<date>(?:19|20)\d{{2}})[ ]*\)", re.IGNORECASE
)
# "Sanne van '98", "Orlando Cijntje (van '82)", "noah is toch van '14": a year of birth after a
# person and "van".
_OF_SHORT_YEAR = re.compile(
    r"(?<![\w'’\-])(?P<who>[\w'’\-]+)(?:[ ]+(?:is|was)(?:[ ]+(?:toch|dus|al|pas|ook))?)?[ ]+\(?"
    r"van[ ]+(?P<date>['’]\d{2})(?![\w'’])"
)
# "Omid Rezaei | 2016-01-30 | …": a date in the cell after a full name.
_NAME_CELL_BEFORE = re.compile(
    r"(?<![\w\-])(?-i:[A-Z][\w'’\-]*+)(?:[ ]++(?:van|de|der|den|ter|ten|el|al))*+[ ]++"
    r"(?-i:[A-Z][\w'’\-]*+)[ ]*\|[ ]*$"
)


def _births_of_the_fifteenth_round(text: str, out: list[Finding]) -> None:
    this_year = datetime.date.today().year
    for m in _YEAR_AFTER_FIRST_NAME.finditer(text):
        if (
            is_first_name(m.group("name"))
            and int(m.group("date")) <= this_year
            and not _ARTICLE_BEFORE.search(text, max(0, m.start() - 8), m.start())
        ):
            _add(out, text, m.start("date"), m.end("date"), "date_of_birth")
    for m in _YEAR_AFTER_ROLE.finditer(text):
        if int(m.group("date")) <= this_year:
            _add(out, text, m.start("date"), m.end("date"), "date_of_birth")
    for m in _OF_SHORT_YEAR.finditer(text):
        who = m.group("who")
        low = who.lower()
        if low in _KIN_SET or low in ("ik", "hij", "ze", "zij") or is_first_name(who):
            _add(out, text, m.start("date"), m.end("date"), "date_of_birth")
    for m in _ANY_DATE.finditer(text):
        if _NAME_CELL_BEFORE.search(text, max(0, m.start() - 60), m.start()) and not _recent(
            m.group()
        ):
            _add(out, text, m.start(), m.end(), "date_of_birth")


def _births_of_the_twelfth_round(text: str, out: list[Finding]) -> None:
    this_year = datetime.date.today().year
    for m in _BIRTH_YEAR.finditer(text):
        _add(out, text, m.start("date"), m.end("date"), "date_of_birth")
    for m in _YEAR_IN_BRACKETS.finditer(text):
        first = m.group().split()[0].lower()
        if (first not in _KIN_SET and not is_first_name(first)) or _ARTICLE_BEFORE.search(
            text, max(0, m.start() - 8), m.start()
        ):
            continue  # "Veilig Thuis (2015)", "een Ford Focus (2012)": not a person
        if int(m.group("date")) <= this_year - 10:
            _add(out, text, m.start("date"), m.end("date"), "date_of_birth")
    for m in _PERSON_IS_OF_YEAR.finditer(text):
        who = m.group("who").lower()
        if who in _NOT_A_PERSON_WHO or (
            who not in ("ze", "zij", "hij", "ik") and usual_gender(who) is None
        ):
            continue  # "Indicatie is van 2021": a thing
        for group in ("date", "other"):
            ago = _years_ago(m.group(group)) if m.group(group) else None
            if ago is not None and ago >= 1:
                _add(out, text, m.start(group), m.end(group), "date_of_birth")
    for m in _BIRTHDAY.finditer(text):
        group = next(g for g in ("a", "b", "c") if m.group(g))
        _add(out, text, m.start(group), m.end(group), "date_of_birth")
