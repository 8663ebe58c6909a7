"""Rules for ages: only in a context that makes a number a person's age ("jongen van 15",
"mevrouw Hoek is 79", "Kidane (15)"), never "3 jaar geleden"."""

from __future__ import annotations

import re

from beraad.privacy.first_names import is_first_name
from beraad.privacy.rules.helpers import (
    _add,
    _sentence_initial,
)
from beraad.privacy.rules.vocabulary import (
    _LO,
    _SURNAMES,
    _TITLE_WORDS,
    _UP,
    FIRST_NAMES,
    _common_word,
    _is_name_word,
    _place,
    _words,
)
from beraad.privacy.spans import Finding

# ---------------------------------------------------------------------------------------------
# Patterns for ages
# ---------------------------------------------------------------------------------------------

_AGE_NOT_OF_A_PERSON = _words(
    """
    opleiding studie contract huurcontract relatie jubileum huwelijk periode traject programma
    termijn garantie dienstverband looptijd samenwerking project bestaan ervaring verblijf
    behandeling plan regeling subsidie hypotheek lening schuldsanering cyclus verbintenis
    geschiedenis ontwikkeling onderzoek pilot dienst strijd oorlog wachttijd cursus proeftijd
    proef beleid experiment afspraak
    """
)
_JARIG = re.compile(
    r"(?<![\w\-.,])(?P<n>\d{1,3})(?:[ ]?-[ ]?|[ ])?jarig(?:e|en)?\b(?P<rest>[ ]+\w+)?"
)
# Numbers written out: "tweeëntwintig", "zeventig", "dertien" … "negentien"; and the small ones.
_SPELLED_TENS_AND_TEENS = (
    r"(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën))?"
    r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)|dertien|veertien|"
    r"vijftien|zestien|zeventien|achttien|negentien"
)
_SPELLED_SMALL = r"twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf"
# Ages written out: "zestienjarige", "tweeëntwintigjarig" ("eenjarig" is a plant).
_SPELLED_AGE = re.compile(
    rf"(?<![\w\-])(?P<age>(?P<n>{_SPELLED_TENS_AND_TEENS}|honderd|{_SPELLED_SMALL})"
    r"(?:[ ]?-[ ]?)?jarig(?:e|en)?)\b(?P<rest>[ ]+\w+)?",
    re.IGNORECASE,
)
# "Rosa, zeventien jaar, …", "Kateryna, achtendertig jaar oud, uit …": an age written out in
# apposition to a name (between commas), with "jaar".
_SPELLED_YEARS_APPOSITION = re.compile(
    rf"(?<![\w'’\-])(?-i:[A-Z][\w'’\-]+),[ ]+(?P<age>(?P<n>{_SPELLED_TENS_AND_TEENS}|"
    rf"{_SPELLED_SMALL})[ ]+jaar(?:[ ]+oud)?)(?=[ ]*[,;.)])",
    re.IGNORECASE,
)
# "Hij is pas negentien", "een jongen van vijftien": a number written out (from eleven: "is twee"
# is rarely an age), in the contexts that make a bare number an age (see ``_ages``).
_SPELLED_NUMBER = re.compile(
    rf"(?<![\w\-])(?P<age>(?:{_SPELLED_TENS_AND_TEENS}|elf|twaalf)(?:[ ]+jaar(?:[ ]+oud)?)?)"
    r"(?![\w\-])(?=[ ]*(?:[.,;:!?)\n]|$|en\b|maar\b|want\b|uit\b|met\b|die\b|dat\b))",
    re.IGNORECASE,
)
# "kwam op zijn twaalfde naar Nederland", "op haar zestiende uit huis": an age as an ordinal
# written out (digits: "op zijn 16e", in _AGE_RULES); not "op zijn vierde poging".
_SPELLED_ORDINAL = (
    r"(?:(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen)(?:en|ën))?"
    r"(?:twintig|dertig|veertig|vijftig|zestig|zeventig|tachtig|negentig)ste|achtste|"
    r"(?:vier|vijf|zes|zeven|negen|tien|elf|twaalf|dertien|veertien|vijftien|zestien|"
    r"zeventien|achttien|negentien)de"
)
_AT_SPELLED_ORDINAL = re.compile(
    r"(?<![\w\-])op[ ]+(?:zijn|haar|hun|mijn|je|jouw|z'n|z’n|d'r)[ ]+"
    rf"(?P<age>{_SPELLED_ORDINAL})(?![\w\-])"
    # Then the clause ends, or a preposition or a verb follows ("op zijn zestiende uit huis",
    # "op haar twintigste trouwde ze"): not a noun ("op zijn vierde verdieping").
    r"(?=[ ]*(?:[,.;:!?)\n]|$)|[ ]+(?:naar|uit|in|op|bij|van|met|al|nog|pas|toen|werd|kwam|ging|"
    r"is|was|heeft|had|moest|kreeg|zag|liep|begon|stopte|[a-z]+(?:de|te|den|ten))\b)",
    re.IGNORECASE,
)
# "hij wordt 7 volgende week", "Sanne wordt 18 in maart": the age before the time it turns.
_TURNS_BEFORE_WHEN = re.compile(
    r"(?<![\w\-])(?:wordt|word)[ ]+(?P<age>(?P<n>\d{1,3})(?:[ ]+jaar)?)(?![\w.,]\d)"
    r"(?=[ ]+(?:(?:volgende|komende|deze|dit)[ ]+(?:week|maand|jaar|zomer|winter|lente|herfst)"
    r"|(?:eind|begin|half|medio|in|rond)[ ]+(?:januari|februari|maart|april|mei|juni|juli|"
    r"augustus|september|oktober|november|december|de[ ]+zomer|de[ ]+winter|het[ ]+voorjaar|"
    r"het[ ]+najaar)|over[ ]+(?:een|twee|drie|vier|vijf|zes|\d{1,2})[ ]+(?:dag|dagen|week|weken|"
    r"maand|maanden))\b)",
    re.IGNORECASE,
)
# "nienke (zeventien)", "Jesse (elf)": a number written out in brackets after a name.
_PAREN_SPELLED_AGE = re.compile(
    rf"(?<![\w\-'’])(?P<word>[{_UP}{_LO}][{_LO}'’\-]+)[ ]+\((?P<age>{_SPELLED_TENS_AND_TEENS}|elf|twaalf)\)",
)
_PERSON_NOUNS = (
    r"jongen|jongetje|meisje|meid|vrouw|man|kind|kindje|zoon|zoontje|dochter|dochtertje|baby|"
    r"peuter|kleuter|tiener|puber|dame|heer|meneer|mevrouw|cliënt|client|cliënte|broer|broertje|"
    r"zus|zusje|jongeman|jongedame|jongere|patiënt|patient|buurman|buurvrouw|weduwe|weduwnaar|"
    r"oudere|bewoner|bewoonster|kleinzoon|kleindochter|kleinkind|neef|nicht|stiefzoon|"
    r"stiefdochter|stiefkind|pleegzoon|pleegdochter|pleegkind|zwager|schoonzoon|schoondochter|"
    r"leerling|leerlinge|scholier|scholiere|student|studente|stiefzus|stiefzusje|stiefbroer|"
    r"halfzus|halfzusje|halfbroer|halfbroertje"
)
# "moeder van 3" is a mother of three children; a parent's age needs "jaar": "moeder van 34 jaar".
_PARENT_NOUNS = r"moeder|vader|oma|opa|grootmoeder|grootvader|ouder|ouders"
_PERSON_NOUN_WORDS = _words(f"{_PERSON_NOUNS}|{_PARENT_NOUNS}".replace("|", " "))
_NOT_AFTER_AGE = re.compile(
    r"[ ]+(?:kinderen|kind|kids|zonen|dochters|jongens|meisjes|kleinkinderen|broers|zussen|"
    r"huisdieren|honden|katten|keer|maal|personen|mensen|gezinnen|stuks|jaren|"
    # A school year: "leerling van 2 havo", "scholier van 4 vmbo".
    r"havo|vwo|vmbo|mbo|hbo|mavo|atheneum|gymnasium|praktijkonderwijs)\b",
    re.IGNORECASE,
)
_UNIT_AFTER_AGE = (
    r"(?:[ ]+jaar(?:[ ]+oud)?|[ ]+maanden(?:[ ]+oud)?|[ ]+weken(?:[ ]+oud)?|[ ]+jr\.?|"
    r"[ ]+mnd|[ ]+wk)?"
)
_NOT_AGE_UNIT = re.compile(
    r"\s*(?:%|procent|euro|eur|cm|kilo|kg|uur|minuten|min|m2|m²|meter|km|cent|dagen)\b|[.,]\d"
)
# Each age rule is a pattern at a number and, where needed, a context that must end right before
# it; looking for numbers first keeps the rules cheap on long texts.
_AGE_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?!\d)")
_AT_AGE = re.compile(rf"(?P<age>(?P<n>\d{{1,3}})(?![\w.,]\d){_UNIT_AFTER_AGE})(?![\w])")
_AT_AGE_YEARS = re.compile(r"(?P<age>(?P<n>\d{1,3})[ ]+jaar(?:[ ]+oud)?)\b")
_AT_AGE_YEARS_OLD = re.compile(r"(?P<age>(?P<n>\d{1,3})[ ]+jaar[ ]+oud)\b")
_AT_AGE_YEARS_END = re.compile(
    r"(?P<age>(?P<n>\d{1,3})[ ]+jaar(?:[ ]+oud)?)"
    r"(?=\s*(?:[.,;:!?)\n]|$|en\b|maar\b|want\b|oud\b))"
)
_AT_ADULT_AGE_END = re.compile(r"(?P<age>(?P<n>1[5-9]|[2-9]\d|1[01]\d))(?=\s*(?:[.,;!?)\n]|$))")
_AT_AGE_END = re.compile(r"(?P<age>(?P<n>\d{1,3}))(?=\s*(?:[.,;!?)\n]|$))")
# "ze … is bijna 80 en": "bijna" before a bare number after "is" is an age unless a thing is the
# subject ("de wachtlijst is bijna 80").
_IS_ALMOST = re.compile(
    r"\b(?:is|was|ben|bent|wordt)[ ]+(?:(?:al|nu|inmiddels)[ ]+)?bijna[ ]+$", re.I
)
_AT_AGE_LABEL = re.compile(r"(?P<age>(?P<n>\d{1,3})(?:[ ]+jaar|[ ]+jr\.?)?)(?![\w.,]\d|\w)")
_AT_AGE_ORDINAL = re.compile(r"(?P<age>(?P<n>\d{1,3})(?:e|de|ste))\b")
_PERSON_OF = re.compile(rf"\b(?:{_PERSON_NOUNS})[ ]+van[ ]+$", re.IGNORECASE)
_PARENT_OF = re.compile(rf"\b(?:{_PARENT_NOUNS})[ ]+van[ ]+$", re.IGNORECASE)
_IS = re.compile(
    r"\b(?:is|was|ben|bent|wordt|werd|word|zijn|waren)[ ]+"
    r"(?:(?:nu|inmiddels|pas|bijna|ruim|net|ongeveer|rond|circa|ca\.|zo'n|toen)[ ]+)*$",
    re.IGNORECASE,
)
# "is 79 en", "is tenslotte al 16 jaar": a bare number, or adverbs that also go with a duration
# ("is al 3 jaar"), make an age only when a person is the subject (see ``_person_subject``).
_IS_WIDE = re.compile(
    r"\b(?:is|was|ben|bent|zijn|waren)[ ]+"
    r"(?:(?:nu|inmiddels|pas|bijna|ruim|net|ongeveer|rond|circa|ca\.|zo'n|toen|al|tenslotte|"
    r"immers|toch|ook|maar|nog|dus|eigenlijk|sowieso|zelf)[ ]+)*$",
    re.IGNORECASE,
)
_AT_AGE_BARE = re.compile(
    r"(?P<age>(?P<n>\d{1,3}))(?![\w.,]\d)"
    r"(?=[ ]*(?:[.,;!?)\n'\"’”]|$)|[ ]+(?:en|maar|want|dus)\b)"
)
# "neef Bram … die is 17 en", "die is nu 3 dus": a relative clause about a person; a thing
# ("de kamer, die is 20 m2") has its unit after the number.
_WHO_IS = re.compile(
    r"\bdie[ ]+(?:is|was)[ ]+(?:(?:nu|pas|inmiddels|net|bijna|ruim|zelf|ook|toen)[ ]+)*$",
    re.IGNORECASE,
)
# "Sanne, die 21 is en …": the number before the verb of the relative clause.
_AT_AGE_WHO = re.compile(
    r"(?P<age>(?P<n>\d{1,3})(?:[ ]+jaar)?)(?![\w.,]\d)(?=[ ]+(?:is|was|wordt|werd)\b)"
)
_WHO = re.compile(r"(?<![\w\-])die[ ]+$", re.IGNORECASE)
_IS_WIDE_GATE = _words(
    "is was ben bent zijn waren nu inmiddels pas bijna ruim net ongeveer rond circa ca. zo'n "
    "toen al tenslotte immers toch ook maar nog dus eigenlijk sowieso zelf"
)
_PERSON_PRONOUNS = _words("hij zij ze ik jij je u")
_SINGULAR_PRONOUNS = _words("hij zij ze")
_SUBJECT_BEFORE = re.compile(r"([\w'’\-]+)\.?,?[ ]+$")  # "Mw. is 38": a title too
_LIST_NUMBER = re.compile(r"\d+")
# "Hamid Rahimi, 23, kwam …", "Jansen, (44), BSN …": a number in apposition to a name.
_AGE_APPOSITION = re.compile(
    r",[ ]*\(?(?P<age>(?P<n>\d{1,3})(?:[ ]+jaar(?:[ ]+oud)?|[ ]+maanden|[ ]+weken)?)\)?(?![\w.,]\d)"
    r"(?=[ ]*(?:[,;.)]|$)|[ ]+en\b)"
)
_TURNS = re.compile(
    r"\b(?:wordt|werd|word)[ ]+(?:(?:volgende|vorige|deze|dit|komende|afgelopen)[ ]+"
    r"(?:week|maand|jaar|zomer|winter)[ ]+|in[ ]+(?:januari|februari|maart|april|mei|juni|juli|"
    r"augustus|september|oktober|november|december)[ ]+)?$",
    re.IGNORECASE,
)
_AGE_LABEL = re.compile(r"\b(?:leeftijd|lft\.?)[ ]*[:=|]?[ ]*$", re.IGNORECASE)
_AGE_AT = re.compile(
    r"\bop[ ]+(?:zijn|haar|hun|mijn|je|jouw|z'n|d'r)[ ]+$",
    re.IGNORECASE,
)
# (pattern at the number, the word right before it (a cheap first check) or None, the context
# that must end right before it or None, what the subject must be: _ANY, _NOT_A_THING (not
# "het contract") or _A_PERSON ("hij", "mevrouw Hoek"))
_ANY, _NOT_A_THING, _A_PERSON, _WHO_A_PERSON = 0, 1, 2, 3
_AgeRule = tuple[re.Pattern[str], frozenset[str] | None, re.Pattern[str] | None, int]
_AGE_RULES: tuple[_AgeRule, ...] = (
    (_AT_AGE, _words("van"), _PERSON_OF, _ANY),  # "jongen van 15", "vrouw van 82 jaar"
    (_AT_AGE_YEARS, _words("van"), _PARENT_OF, _ANY),  # "moeder van 34 jaar"
    (_AT_ADULT_AGE_END, _words("van"), _PARENT_OF, _ANY),  # "zijn moeder van 24."
    (_AT_AGE_YEARS_OLD, None, None, _ANY),  # "34 jaar oud"
    (
        _AT_AGE_YEARS_END,
        _words(
            "is was ben bent wordt werd word zijn waren nu inmiddels pas bijna ruim net ongeveer "
            "rond circa ca. zo'n toen"
        ),
        _IS,
        _NOT_A_THING,
    ),  # "is 34 jaar", "is inmiddels 19 jaar oud"
    (_AT_AGE_YEARS_END, _IS_WIDE_GATE, _IS_WIDE, _A_PERSON),  # "hij is tenslotte al 16 jaar."
    (_AT_AGE_BARE, _IS_WIDE_GATE, _IS_WIDE, _A_PERSON),  # "mevrouw Hoek is 79 en …"
    (_AT_AGE_BARE, _words("bijna"), _IS_ALMOST, _NOT_A_THING),  # "is bijna 80 en …"
    (
        _AT_AGE_BARE,
        _words("is was nu pas inmiddels net bijna ruim zelf ook toen"),
        _WHO_IS,
        _WHO_A_PERSON,
    ),  # "neef Bram, die is nu 17 dus …"
    (_AT_AGE_WHO, _words("die"), _WHO, _WHO_A_PERSON),  # "Sanne, die 21 is"
    (
        _AT_AGE_END,
        _words(
            "wordt werd word week maand jaar zomer winter januari februari maart april mei juni "
            "juli augustus september oktober november december"
        ),
        _TURNS,
        _NOT_A_THING,
    ),  # "wordt volgende maand 18."
    (
        _AT_AGE_LABEL,
        _words("leeftijd leeftijd: lft lft. lft: lft.: : ="),
        _AGE_LABEL,
        _ANY,
    ),  # "leeftijd: 34"
    (
        _AT_AGE_ORDINAL,
        _words("zijn haar hun mijn je jouw z'n d'r"),
        _AGE_AT,
        _ANY,
    ),  # "op zijn 16e"
)
_LAST_TOKEN = re.compile(r"(\S*)[ ]*$")
# "Het contract is 2 jaar", "De wachttijd wordt 12": things, not people, have that duration.
_NOT_A_PERSON_SUBJECT = _AGE_NOT_OF_A_PERSON | _words(
    "het dat dit wat er die deze alles wachttijd wachtlijst duur uitkering huur schuld bedrag "
    "straf taakstraf celstraf proeftijd indicatie beschikking machtiging ots uithuisplaatsing"
)
_WORD_BEFORE_VERB = re.compile(r"([\w'’]+)[ ]+$")
# "(44)", "(44 jaar)", "(bijna 18)", "(31, uit Herat)", "(Pools, 46)"; "(81 en 79)" is two ages
# (the second in _PAREN_SECOND_AGE).
_PAREN_AGE = re.compile(
    rf"\((?:(?:[{_UP}{_LO}][{_LO}]+|[mvMV]),[ ]+(?=\d{{1,3}}(?:[ ]?(?:jaar|jr\.?))?\))"
    # "(m/52)"; "(3 havo, 15)", "(groep 7, 10)": a gender, or a school year, before the age.
    r"|[mvMV][ ]?/[ ]?"
    r"|\d[ ]?(?i:havo|vwo|vmbo|mavo|gym|atheneum)[\w\-]*,[ ]+(?=[1-9]\d)"
    r")?"
    r"(?:(?:bijna|net|ruim|pas|beiden|allebei)[ ]+)?"
    r"(?P<age>(?P<n>\d{1,3})(?:[ ]?(?:jaar|jr\.?)|[ ](?:maanden|weken|mnd|wk))?)"
    r"(?=\)|,[ ]|[ ]+en[ ]+\d{1,3}\))"
)
_PAREN_SECOND_AGE = re.compile(r"[ ]+en[ ]+(?P<age>(?P<n>\d{1,3}))\)")
# The rest of a list of ages in brackets after the first: ", 9)", ", 7 en 11)".
_PAREN_AGE_LIST = re.compile(r"(?:[ ]*,[ ]*\d{1,3}(?![\w.,]\d))+(?:[ ]+en[ ]+\d{1,3})?\)")
# "is net 17 geworden", "vorige maand 50 is geworden", "45jr": an age whatever the subject.
_BECAME = re.compile(
    r"(?<![\w.,\-])(?P<age>(?P<n>\d{1,3})(?:[ ]+jaar)?)(?![\w.,]\d)"
    r"(?=[ ]+(?:(?:is|was)[ ]+)?geworden\b)"
)
_BECAME_SPELLED = re.compile(
    rf"(?<![\w\-])(?P<age>(?:{_SPELLED_TENS_AND_TEENS}|{_SPELLED_SMALL}|elf|twaalf|honderd)"
    r"(?:[ ]+jaar)?)(?=[ ]+(?:(?:is|was)[ ]+)?geworden\b)",
    re.IGNORECASE,
)
# "zes weken oud", "3 maanden oud", "tachtig jaar oud".
_SPELLED_OLD = re.compile(
    rf"(?<![\w\-])(?P<age>(?:\d{{1,3}}|{_SPELLED_TENS_AND_TEENS}|{_SPELLED_SMALL}|elf|twaalf|een|"
    r"honderd)[ ]+(?:jaar|maanden|maand|weken|week|dagen)[ ]+oud)(?![\w\-])",
    re.IGNORECASE,
)
# "ze is zeven en …", "Hij was tien.": a small number written out, after a singular verb, with
# a person as the subject and the clause ending after it.
_SPELLED_SMALL_END = re.compile(
    rf"(?<![\w\-])(?P<age>{_SPELLED_SMALL})(?![\w\-])"
    r"(?=[ ]*(?:[.,;:!?)\n'\"’”]|$|en\b|maar\b|want\b|dus\b))",
    re.IGNORECASE,
)
_IS_SINGULAR = re.compile(
    r"\b(?:is|was|wordt|werd)[ ]+(?:(?:nu|inmiddels|pas|bijna|net|toen|al)[ ]+)*$", re.IGNORECASE
)
_ATTACHED_YEARS = re.compile(r"(?<![\w.,\-])(?P<age>(?P<n>\d{1,3})(?:jr|jaar)\.?)(?![\w\-])")
_WORD_BEFORE_PAREN = re.compile(rf"(?P<word>[{_UP}{_LO}][{_UP}{_LO}'’\-]*\.?),?[ ]?$")
# A first name or a particle before a surname that is also a town: "Gerrit Berg", "van der Meer".
_NAME_BEFORE_SURNAME = re.compile(
    rf"(?<![\w\-])(?:[{_UP}][{_LO}]+|[Vv]an|[Dd]e[rn]?|[Tt]e[rn]|'t|[Ee]l|[Aa]l|[Bb]en|[Aa]bu)[ ]$"
)
_CHILDREN = _words("kinderen kids zonen dochters kleinkinderen jongens meisjes kinders tweeling")
_NOT_BEFORE_PAREN_AGE = _words(
    """
    artikel art. art bijlage stap punt lid pagina blz. blz p. versie vraag fase hoofdstuk item
    optie regel nummer nr. nr deel sub zie figuur tabel afbeelding noot voetnoot bron week
    dag maand jaar kamer groep klas niveau schaal score totaal kinderen personen dagen weken
    maanden jaren keer uren gesprekken punten items deelnemers leden cliënten bijlagen aantal
    """
)


# ---------------------------------------------------------------------------------------------
# Rules
# ---------------------------------------------------------------------------------------------


def _ages(text: str, out: list[Finding]) -> None:
    """Ages in a context that makes them a person's age; never "3 jaar geleden"."""

    def plausible(m: re.Match[str]) -> bool:
        return int(m.group("n")) <= 120

    for m in _JARIG.finditer(text):
        rest = (m.group("rest") or "").strip().lower()
        if rest in _AGE_NOT_OF_A_PERSON or not plausible(m):
            continue
        _add(out, text, m.start(), m.start("rest") if m.group("rest") else m.end(), "age")
    for m in _SPELLED_AGE.finditer(text):
        rest = (m.group("rest") or "").strip().lower()
        if rest not in _AGE_NOT_OF_A_PERSON:
            _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _SPELLED_YEARS_APPOSITION.finditer(text):
        _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _SPELLED_NUMBER.finditer(text):
        pos = m.start()
        person_of = _PERSON_OF.search(text, max(0, pos - 40), pos)
        verb = _IS.search(text, max(0, pos - 40), pos)
        if person_of or (verb and _person_subject(text, verb.start())):
            _add(out, text, m.start("age"), m.end("age"), "age")
    for number in _AGE_NUMBER.finditer(text):
        pos = number.start()
        last = _LAST_TOKEN.search(text[max(0, pos - 25) : pos])
        # "(leeftijd: 92)": the word without the bracket that opens it.
        previous = last.group(1).lower().lstrip("([{\"'“‘") if last else ""
        for here, gate, before, person in _AGE_RULES:
            if gate is not None and previous not in gate:
                continue
            hit = here.match(text, pos)
            if not hit or not plausible(hit):
                continue
            context = before.search(text, max(0, pos - 40), pos) if before else None
            if before and not context:
                continue
            after = hit.end("age")
            if _NOT_AGE_UNIT.match(text, after) or _NOT_AFTER_AGE.match(text, after):
                continue  # "man van 2 meter", "moeder van 3 kinderen"
            if person == _NOT_A_THING and context:
                subject = _WORD_BEFORE_VERB.search(
                    text, max(0, context.start() - 30), context.start()
                )
                if subject and subject.group(1).lower() in _NOT_A_PERSON_SUBJECT:
                    continue
            if person == _A_PERSON and context and not _person_subject(text, context.start()):
                continue
            if (
                person == _WHO_A_PERSON
                and context
                and not _person_before_who(text, context.start())
            ):
                continue  # "de wachtlijst, die is nu 40": "die" is a thing
            _add(out, text, hit.start("age"), after, "age")
            break
    for m in _PAREN_AGE.finditer(text):
        word = _WORD_BEFORE_PAREN.search(text, max(0, m.start() - 40), m.start())
        previous_word = word.group("word").lower() if word else ""
        # "kinderen (3)" counts them; "twee kinderen (7 en 11)" gives their ages.
        ages_of_children = previous_word in _CHILDREN and _PAREN_SECOND_AGE.match(text, m.end())
        if (
            not word
            or (previous_word in _NOT_BEFORE_PAREN_AGE and not ages_of_children)
            or not plausible(m)
        ):
            continue
        if (
            _place(word.group("word"))
            and not _NAME_BEFORE_SURNAME.search(text, max(0, word.start() - 40), word.start())
            and not _TITLE_BEFORE.search(text, max(0, word.start() - 12), word.start())
        ):
            continue  # "Utrecht (3), Zeist (2)": a count per town; not "Gerrit Berg (59)"
        _add(out, text, m.start("age"), m.end("age"), "age")
        named = word.group("word")[0].isupper() and not _sentence_initial(text, word.start())
        if _PAREN_AGE_LIST.match(text, m.end()) and (previous_word in _CHILDREN or named):
            # "kids (6, 9)", "Noor en Daan (8, 5)": not "kamers (2, 3)", "Hoofdstukken (2, 3)"
            for number in _LIST_NUMBER.finditer(text, m.end(), text.index(")", m.end())):
                if int(number.group()) <= 120:
                    _add(out, text, number.start(), number.end(), "age")
        second = _PAREN_SECOND_AGE.match(text, m.end())
        if second and plausible(second):
            _add(out, text, second.start("age"), second.end("age"), "age")
    for pattern in (_BECAME, _ATTACHED_YEARS):
        for m in pattern.finditer(text):
            if plausible(m):
                _add(out, text, m.start("age"), m.end("age"), "age")
    for pattern in (_BECAME_SPELLED, _SPELLED_OLD):
        for m in pattern.finditer(text):
            if _person_in_clause(text, m.start()):  # not "de rekening is drie maanden oud"
                _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _SPELLED_SMALL_END.finditer(text):
        verb = _IS_SINGULAR.search(text, max(0, m.start() - 30), m.start())
        if verb and _person_subject(text, verb.start(), pronoun_or_name=True):
            _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _AT_SPELLED_ORDINAL.finditer(text):
        _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _TURNS_BEFORE_WHEN.finditer(text):
        if int(m.group("n")) <= 120 and _person_subject(text, m.start(), pronoun_or_name=True):
            _add(out, text, m.start("age"), m.end("age"), "age")
    for m in _PAREN_SPELLED_AGE.finditer(text):
        named = m.group("word")
        low = named.lower()
        name_like = named[0].isupper() and not _sentence_initial(text, m.start())
        if (name_like or low in FIRST_NAMES) and not (
            low in _NOT_BEFORE_PAREN_AGE or _common_word(low) or _place(named)
        ):
            _add(out, text, m.start("age"), m.end("age"), "age")


# People named by their place in a family or a school, as the subject of "is 15".
_SUBJECT_NOUNS = _words(
    "oudste jongste middelste leerling leerlinge cliënt cliënte client tweeling huurder huurster "
    "bewoner bewoonster aanvrager aanvraagster melder verdachte betrokkene"
)


def _person_subject(
    text: str, verb: int, *, after_and: bool = False, pronoun_or_name: bool = False
) -> bool:
    """Whether the word before the verb at ``verb`` is a person: a pronoun ("hij"), a title or
    relative ("mevrouw", "de jongen") or a name ("Hoek is", "Priya, is"); not "het contract".
    ``pronoun_or_name``: only "hij", "zij", "ze" or a name ("ze is acht": "zij zijn acht" counts)."""
    m = _SUBJECT_BEFORE.search(text, max(0, verb - 40), verb)
    if not m:
        return False
    word = m.group(1)
    low = word.lower()
    if pronoun_or_name:
        if low in _SINGULAR_PRONOUNS:
            return True
    elif (
        low in _PERSON_PRONOUNS
        or low in _TITLE_WORDS
        or low in _PERSON_NOUN_WORDS
        or low in _SUBJECT_NOUNS
    ):
        return True
    if low == "en" and not after_and:
        # "Mustafa kwam uit Jalalabad en is nu 24": the word before "en" (once, not further).
        return _person_subject(text, m.start(1), after_and=True)
    if not word[:1].isupper() or not _is_name_word(word):
        return False
    titled = _TITLE_BEFORE.search(text, max(0, m.start(1) - 12), m.start(1))
    return (
        bool(titled)
        or not _sentence_initial(text, m.start(1))
        or low in FIRST_NAMES
        or low in _SURNAMES
        or is_first_name(word)
    )


_ANTECEDENT = re.compile(r"([\w'’\-]+)\.?[ ]*,?[ ]*$")


def _person_before_who(text: str, who: int) -> bool:
    """Whether the word before "die" at ``who`` is a person: a name ("Sanne, die"), a word for a
    person or relative ("neef, die"); not "de groep, die" or "de wachtlijst, die"."""
    m = _ANTECEDENT.search(text, max(0, who - 40), who)
    if not m:
        return False
    word = m.group(1)
    low = word.lower()
    if low in _NOT_A_PERSON_SUBJECT or low in _AGE_NOT_OF_A_PERSON:
        return False
    if low in _PERSON_NOUN_WORDS or low in _SUBJECT_NOUNS or low in _TITLE_WORDS:
        return True
    return low in FIRST_NAMES or (word[:1].isupper() and _is_name_word(word) and not _place(word))


# A clause ends at a full stop, unless it ends a title ("Mw. Gül"), and at ";", "!", "?", ":".
_CLAUSE_BREAK = re.compile(
    r"(?<!\bmw)(?<!\bdhr)(?<!\bmevr)(?<!\bmr)(?<!\bdr)(?<!\bmej)\.|[;!?:\n]", re.IGNORECASE
)
_CLAUSE_WORD = re.compile(r"[\w'’\-]+")


def _person_in_clause(text: str, pos: int) -> bool:
    """Whether the clause before ``pos`` names a person: a pronoun, a title, a word for a person
    or relative, or a name ("Mw. Gül is … vijftig geworden", "zoontje Kwame is zes weken oud");
    not "het bedrijf is twintig jaar geworden"."""
    start = max(0, pos - 80)
    breaks = [b.end() for b in _CLAUSE_BREAK.finditer(text, start, pos)]
    start = breaks[-1] if breaks else start
    for n, m in enumerate(_CLAUSE_WORD.finditer(text, start, pos)):
        word = m.group()
        low = word.lower()
        if (
            low in _PERSON_PRONOUNS
            or low in _TITLE_WORDS
            or low in _PERSON_NOUN_WORDS
            or low in _SUBJECT_NOUNS
        ):
            return True
        if (
            word[:1].isupper()
            and _is_name_word(word)
            and not _place(word)
            and (n > 0 or low in FIRST_NAMES or low in _SURNAMES)
        ):
            return True
    return False


# "Mw. Rutten is 91": a title right before the word makes it a person's name.
_TITLE_BEFORE = re.compile(
    r"(?<![\w])(?:mevrouw|mevr\.?|mw\.?|meneer|dhr\.?|de[ ]+heer|mr\.?|dr\.?)[ ]+$", re.I
)


# "- jongen, 12, Woensel-Noord": a number in apposition to a word for a person.
_PERSON_NOUN_BEFORE = re.compile(rf"(?<![\w\-])(?:{_PERSON_NOUNS})$", re.IGNORECASE)


def _ages_after_names(text: str, out: list[Finding]) -> None:
    """A number in apposition to a name the rules found ("Hamid Rahimi, 23, kwam …") or to a
    word for a person ("jongen, 12, …")."""
    out.extend(ages_after(text, [f for f in out if f.kind == "name"]))
    for m in _AGE_APPOSITION.finditer(text):
        if not _PERSON_NOUN_BEFORE.search(text, max(0, m.start() - 15), m.start()):
            continue
        if int(m.group("n")) > 110 or _NOT_AGE_UNIT.match(text, m.end("age")):
            continue
        _add(out, text, m.start("age"), m.end("age"), "age")


# "zijn zoon Kidane van 11.", "vader Karim Chaoui 50.": a number after a name, at the end.
# Not a clock's time: "moeder Fatima 14.30 uur".
_AGE_OF_NAME = re.compile(
    r"[ ]+van[ ]+(?P<age>(?P<n>\d{1,2}))(?![.,:]\d)"
    r"(?=[ ]*(?:[.,;!?)]|$)|[ ]+(?:die|dat|en|maar|want|met|uit|heeft|woont|zit|gaat|komt)\b)"
)
# "Gerrit is 74.", "Bas, hij is pas 19'": a name the rules found, "is" and a number
# that ends the clause ("al" is left out: "Gerrit is al 3 jaar" is how long, not how old).
_NAME_IS_AGE = re.compile(
    r"[ ]+(?:is|was|wordt|werd)[ ]+(?:(?:nu|inmiddels|pas|bijna|ruim|net|zelf|ook|toen)[ ]+)*"
    r"(?P<age>(?P<n>\d{1,3})(?:[ ]+jaar(?:[ ]+oud)?)?)(?![\w.,:]\d)"
    r"(?=[ ]*(?:[.,;!?)\n'\"’”]|$)|[ ]+(?:en|maar|want|dus)\b)"
)
_AGE_AFTER_KIN_NAME = re.compile(r"[ ]+(?P<age>(?P<n>\d{1,3}))(?![.,:]\d)(?=[ ]*(?:[.,;!?)]|$))")
_KIN_BEFORE_NAME = re.compile(
    r"(?<![\w\-])(?:vader|moeder|zoon|dochter|broer|zus|opa|oma|oom|tante|partner|neef|nicht)"
    r"[ ]+$",
    re.IGNORECASE,
)


def ages_after(text: str, names: list[Finding]) -> list[Finding]:
    """Ages in apposition to these names ("Frits Wolters, 83, …"), or after them at the end of a
    clause ("zijn zoon Kidane van 11.", "vader Karim Chaoui 50."); also for deduce's names."""
    out: list[Finding] = []
    for finding in names:
        of = _AGE_OF_NAME.match(text, finding.end)
        if of is None and _KIN_BEFORE_NAME.search(text, max(0, finding.start - 12), finding.start):
            of = _AGE_AFTER_KIN_NAME.match(text, finding.end)
        if of is None:
            of = _NAME_IS_AGE.match(text, finding.end)
            if of is not None and _NOT_AGE_UNIT.match(text, of.end("age")):
                of = None
        if of is not None and int(of.group("n")) <= 110:
            _add(out, text, of.start("age"), of.end("age"), "age")
            continue
        m = _AGE_APPOSITION.match(text, finding.end)
        if not m or int(m.group("n")) > 110:
            continue
        if _NOT_AGE_UNIT.match(text, m.end("age")) or _NOT_AFTER_AGE.match(text, m.end("age")):
            continue
        _add(out, text, m.start("age"), m.end("age"), "age")
    return out
