"""Rules for names by their place in a text: chat speakers, names next to verbs of speaking, in
greetings and signatures, in appositions and dossier fields, and in lists next to a name already
found. They run after the rules in ``names`` (the lists need the names those found)."""

from __future__ import annotations

import re

from beraad.privacy.rules.helpers import _add, _sentence_initial
from beraad.privacy.rules.names import _lower_surname_end, _parse_name
from beraad.privacy.rules.vocabulary import (
    _AMBIGUOUS_LOWER,
    _KIN,
    _LO,
    _LOWER_WORD,
    _NOT_NAMES,
    _NOUN_ENDING,
    _PARTICLE_RE,
    _PARTICLES,
    _SPACE,
    _TITLE_WORDS,
    _UP,
    FIRST_NAMES,
    _common_word,
    _deduce_list,
    _is_name_word,
    _place,
    _words,
)
from beraad.privacy.spans import Finding

# --- names in chats, after verbs of speaking, in greetings and in lists -------------------------

# Words that name a role, not a person, where a name could stand: "[14:02] moeder:", "zegt de
# mentor", "Groeten, het wijkteam".
_ROLE_WORDS = _words(
    """
    ik jij je hij zij ze wij we u jullie iemand niemand iedereen men allen allebei beiden
    medewerker medewerkster hulpverlener begeleider begeleidster coach consulent consulente
    regisseur casusregisseur wijkcoach jongerenwerker ouderenwerker maatschappelijk werker
    docent docente leerkracht juf meester mentor directeur manager teamleider leidinggevende
    behandelaar therapeut psycholoog psychiater arts verpleegkundige wijkverpleegkundige agent
    wijkagent politie gemeente team wijkteam buurtteam school kantoor receptie afzender
    onbekend anoniem cliënt client cliënte klant bewoner bewoonster huurder verhuurder
    beheerder bewindvoerder advocaat rechter voogd tolk vrijwilliger vrijwilligster
    """
)
_TIMESTAMP = (
    r"(?:\[[ ]*(?:\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?,?[ ]+)?\d{1,2}[:.]\d{2}(?::\d{2})?[ ]*\]"
    r"|(?:\d{1,2}[-/.]\d{1,2}(?:[-/.]\d{2,4})?,?[ ]+)?\d{1,2}[:.]\d{2}(?::\d{2})?(?:[ ]*[-–])?)"
)
# A chat copied into a note: "[14:02] roxanne: hoi", "12-03-24 14:02 - Adjoa Mensah: sorry".
_CHAT_SPEAKER = re.compile(
    rf"(?m)^[ \t]*{_TIMESTAMP}[ \t]*"
    rf"(?P<name>[^\W\d_][\w'’\-]*(?:[ ][^\W\d_][\w'’\-]*){{0,2}})[ \t]*:(?!\d)"
)


def _not_a_person_word(word: str) -> bool:
    """A role, title, ordinary word or noun ("moeder", "Hulpverlening") rather than a name."""
    low = word.lower().rstrip(".")
    if low in FIRST_NAMES:
        return False
    return (
        _NOUN_ENDING.search(low) is not None
        or low in _ROLE_WORDS
        or low in _TITLE_WORDS
        or (low in _NOT_NAMES and low not in FIRST_NAMES)
        or (_common_word(low) and low not in FIRST_NAMES)
    )


def _names_in_chats(text: str, out: list[Finding]) -> None:
    """The speaker of each line of a chat, in any case ("roxanne", "adjoa mensah", "mo"): in
    that place nothing else stands but a name or a role ("moeder", "ik")."""
    if ":" not in text:
        return
    for m in _CHAT_SPEAKER.finditer(text):
        words = m.group("name").split()
        if any(_not_a_person_word(w) for w in words):
            continue
        if len(words) == 1 and len(words[0]) == 1:
            continue  # "A:": a pseudonym
        _add(out, text, m.start("name"), m.end("name"), "name")


# Verbs that only a person does, so that a capitalised word right before or after them is a
# person's name, known to our lists or not: "Faadumo vroeg", "zegt Henk", "aldus Pieter",
# "vertelde Ayşe", "volgens Jan".
_SPEECH_VERBS = _words(
    """
    zegt zei zeiden vertelt vertelde vertelden vraagt vroeg vroegen antwoordt antwoordde roept
    riep fluistert fluisterde zucht zuchtte huilt huilde lacht lachte knikt knikte appt appte
    appten benadrukt benadrukte klaagt klaagde schreeuwt schreeuwde mompelt mompelde grapt
    grapte reageert reageerde verzucht verzuchtte bekent bekende beaamt beaamde erkent erkende
    """
)
# Finding each verb with str.find in the lower-cased text is far cheaper than trying a regular
# expression with all of them at every position of a long text.
_SPEECH_CUES = tuple(sorted(_SPEECH_VERBS | {"aldus", "volgens"}))


def _speech_cues(text: str) -> list[tuple[int, int]]:
    """(start, end) of every verb of speaking, "aldus" and "volgens" as a whole word."""
    return sorted(_whole_words(text.lower(), _SPEECH_CUES, joiners="-'’"))


_ADVERB_THEN_CAPITAL = re.compile(
    rf"[ ]+(?:(?:dan|ook|nog|toen|later|nu|meteen|vervolgens|tegen|direct|ineens)[ ]+)?(?=[{_UP}])"
)
_NAME_THEN_ADVERB = re.compile(
    rf"(?<![\w\-'’])(?P<name>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?"
    rf"(?:[ ]+(?:{_PARTICLE_RE}[ ]+){{0,2}}[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?)?)"
    rf"[ ]+(?:(?:ook|nog|toen|dan|later|zelf|meteen)[ ]+)?$"
)
# "bel Florin op …", "Mail Sanne de stukken": a person after a verb of contact at the start of
# a clause (an imperative).
_CONTACT_IMPERATIVE = re.compile(
    # One run of spaces only: two after each other made a long run of spaces quadratic.
    rf"(?:^|(?<=[.!?:;\n\"'“(]))[ ]*(?:[Bb]el|[Mm]ail|[Aa]pp|[Ss]ms|[Vv]raag)"
    rf"[ ]+(?=[{_UP}])",
    re.MULTILINE,
)


def _person_name_at(text: str, pos: int) -> int | None:
    """The end of a name that starts at ``pos`` and is not an ordinary word, role, title,
    organisation or town."""
    end = _parse_name(text, pos)
    if end is None:
        return None
    name = text[pos:end]
    first = name.split()[0]
    if _not_a_person_word(first) and first.lower() not in FIRST_NAMES:
        return None
    if " " not in name and _place(name):
        return None
    return end


def _names_around_speech(text: str, out: list[Finding]) -> None:
    """Names as the subject of a verb of speaking ("Faadumo vroeg", "zegt Henk", "aldus
    Pieter") and after a verb of contact ("bel Florin op 06-…")."""
    for verb_start, verb_end in _speech_cues(text):
        after = _ADVERB_THEN_CAPITAL.match(text, verb_end)
        if after:
            end = _person_name_at(text, after.end())
            if end is not None:
                _add(out, text, after.end(), end, "name")
        verb = text[verb_start:verb_end]
        if verb not in _SPEECH_VERBS:
            continue  # "aldus", "volgens", or a verb in capitals opening a sentence: no subject before
        m = _NAME_THEN_ADVERB.search(text, max(0, verb_start - 60), verb_start)
        if not m:
            continue
        name = m.group("name")
        words = name.split()
        if _not_a_person_word(words[0]) and words[0].lower() not in FIRST_NAMES:
            if len(words) == 1:
                continue
            start = m.start("name") + len(words[0]) + 1  # "Gisteren Jansen zei": the second word
            name = text[start : m.end("name")]
            if _not_a_person_word(name.split()[0]):
                continue
        else:
            start = m.start("name")
        if not all(_is_name_word(w) for w in name.split() if w.lower() not in _PARTICLES):
            continue
        if " " not in name and _place(name):
            continue
        _add(out, text, start, m.end("name"), "name")
    for m in _CONTACT_IMPERATIVE.finditer(text):
        end = _person_name_at(text, m.end())
        if end is not None:
            _add(out, text, m.end(), end, "name")


# Greetings and signatures: "Hoi Piet,", "Beste Ayşe", "hoi mirjam", "Groeten, Fatma",
# "Met vriendelijke groet,\nJan de Vries", "mvg Sanne".
_GREETING_WORDS = (
    "beste", "lieve", "hoi", "hallo", "hey", "hee", "hai", "hi", "dag", "goedemorgen",
    "goedemiddag", "goedenavond", "salaam", "salam", "geachte",
)  # fmt: skip
# "Geachte heer Bennani", "Beste mevrouw Kaya": the title after a greeting stays outside.
_AFTER_GREETING = re.compile(
    r"[ ]+(?:(?:heer|mevrouw|meneer|mevr\.?|mw\.?|dhr\.?|juf|meester|dokter|dr\.)[ ]+)?(?=\w)",
    re.IGNORECASE,
)
_SIGN_OFF_WORDS = (
    "groet", "groeten", "groetjes", "gr.", "mvg", "m.v.g.", "liefs", "doei", "dank", "dankje",
    "dankjewel", "bedankt", "thanks", "thx", "tnx",
)  # fmt: skip
_AFTER_SIGN_OFF = re.compile(r"(?:[ ]+wel)?[ \t]*[,.!]?[ \t]*(?:\r?\n[ \t]*)?(?=\w)")


def _whole_words(low: str, words: tuple[str, ...], joiners: str = "-") -> list[tuple[int, int]]:
    """(start, end) of each occurrence of one of ``words`` as a whole word in the lower-cased
    text: no letter, digit or one of ``joiners`` right before it, nor right after it unless the
    word ends in a full stop. str.find on a few words is far cheaper than a pattern tried at
    every position of a long text."""
    found = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            end = at + len(word)
            before = low[at - 1] if at else " "
            after = low[end] if end < len(low) else " "
            if not (before.isalnum() or before in joiners) and (
                word.endswith(".") or not (after.isalnum() or after in joiners)
            ):
                found.append((at, end))
            at = low.find(word, end)
    return found


def _names_in_greetings(text: str, out: list[Finding]) -> None:
    """The name after a greeting or under a signature; in lower case only a known first name."""
    low = text.lower()
    starts = []
    for found, rest in (
        (_whole_words(low, _GREETING_WORDS), _AFTER_GREETING),
        (_whole_words(low, _SIGN_OFF_WORDS), _AFTER_SIGN_OFF),
    ):
        for _start, stop in found:
            m = rest.match(text, stop)
            if m:
                starts.append(m.end())
    for pos in sorted(set(starts)):
        if text[pos : pos + 1].isupper():
            end = _person_name_at(text, pos)
        else:
            word = _LOWER_WORD.match(text, pos)
            end = None
            if (
                word
                and word.group() not in _AMBIGUOUS_LOWER
                and (
                    word.group() in FIRST_NAMES
                    or word.group() in _deduce_list("names/lst_first_name")
                )
                and not _common_word(word.group())
            ):
                end = word.end()
                sp = _SPACE.match(text, end)
                more = _lower_surname_end(text, sp.end()) if sp else None
                if more is not None:
                    end = more
        if end is not None:
            _add(out, text, pos, end, "name")


# "Cabdi, Faadumo – BSN …", "Fortes, Edmilson (52)": surname, comma, first name at the start of
# a line of a list, followed by a dash, a bracket, a colon or the end of the line.
_INVERTED_NAME = re.compile(
    rf"(?m)^[ \t]*(?:[-•*–][ \t]*)?(?P<name>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?"
    rf"(?:[ ](?:{_PARTICLE_RE}[ ])*[{_UP}][{_LO}'’]+)?,[ ]+[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?)"
    rf"(?=[ \t]*(?:[-–(:;|/\t]|$))"
)
# "Stoyan Dimitrov, partner van …", "Kees, de buurman, …": a name in apposition to a relative.
_COMMA_RELATION = re.compile(
    rf",[ ]+(?:(?:de|het|haar|zijn|hun|mijn)[ ]+)?(?P<rel>[{_LO}][{_LO}\-]+)(?=[ ,])"
)
_NAME_BEFORE_COMMA = re.compile(
    rf"(?<![\w\-'’])(?P<name>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?"
    rf"(?:[ ]+(?:{_PARTICLE_RE}[ ]+){{0,2}}[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?)?)$"
)
_APPOSITION_RELATIONS = _KIN | _words("buurman buurvrouw vriend vriendin partner ex")


# "Geboortedatum Tamar: …", "Adres moeder Esra: …", "Telefoon Bilal: …": a field of a dossier,
# whose person is named between the field and the colon.
_FIELD_OF_NAME = re.compile(
    rf"(?<![\w\-])(?:geboortedatum|geb\.?[ ]?datum|adres|postadres|briefadres|woonadres|bsn|"
    rf"telefoon(?:nummer)?|tel\.|mobiel|e-?mail(?:adres)?|iban|rekeningnummer|leeftijd|school)"
    rf"(?:[ ]+(?:van[ ]+)?(?:{'|'.join(sorted(_KIN))}))?[ ]+"
    rf"(?P<name>(?-i:[{_UP}][{_LO}'’]+(?:[ \-][{_UP}{_LO}][{_LO}'’]+){{0,3}}))[ ]*:$",
    re.IGNORECASE,
)


def _names_in_appositions(text: str, out: list[Finding]) -> None:
    """ "Surname, First name" list lines, a person named in a dossier field ("Adres Esra:") and a
    name in apposition to a relative ("Tjeerd Wiltink, buurman van …")."""
    for m in _INVERTED_NAME.finditer(text):
        surname, first = (w.strip() for w in m.group("name").split(",", 1))
        if any(_not_a_person_word(w) for w in (surname.split()[0], first)):
            continue
        if _place(first):
            continue  # "Houten, Zeist – …": towns; a surname alone may be a town ("Hoogland")
        _add(out, text, m.start("name"), m.end("name"), "name")
    colon = text.find(":")
    while colon > 0:
        field = _FIELD_OF_NAME.search(text, max(0, colon - 80), colon + 1)
        colon = text.find(":", colon + 1)
        if not field:
            continue
        end = _person_name_at(text, field.start("name"))
        if end is not None and _SPACE.sub("", text[end : field.end()]) == ":":
            _add(out, text, field.start("name"), end, "name")
    for rel in _COMMA_RELATION.finditer(text):
        if rel.group("rel") not in _APPOSITION_RELATIONS:
            continue
        before = _NAME_BEFORE_COMMA.search(text, max(0, rel.start() - 60), rel.start())
        if not before:
            continue
        name = before.group("name")
        if _not_a_person_word(name.split()[0]) or (" " not in name and _place(name)):
            continue
        _add(out, text, before.start("name"), before.end("name"), "name")


# Lists of people: "Liam, Mila en Chidera Okafor", "Jan, Piet en Klaas": next to a name the
# rules found, another capitalised name joined by a comma, "en" or "&" is a name too.
_LIST_JOIN_RIGHT = re.compile(r"(?:,[ ]+|[ ]+(?:en|&|of)[ ]+)")
_LIST_JOIN_LEFT = re.compile(
    rf"(?<![\w\-'’])(?P<name>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?)(?:,[ ]+|[ ]+(?:en|&)[ ]+)$"
)


def _names_in_lists(text: str, out: list[Finding]) -> None:
    names = sorted({(f.start, f.end) for f in out if f.kind == "name"})
    seen = set(names)
    queue = list(names)
    while queue:
        start, end = queue.pop()
        join = _LIST_JOIN_RIGHT.match(text, end)
        if join and text[join.end() : join.end() + 1].isupper():
            after = _person_name_at(text, join.end())
            if after is not None and (join.end(), after) not in seen:
                seen.add((join.end(), after))
                queue.append((join.end(), after))
                _add(out, text, join.end(), after, "name")
        left = _LIST_JOIN_LEFT.search(text, max(0, start - 40), start)
        if left:
            word = left.group("name")
            if (
                not _not_a_person_word(word)
                and _is_name_word(word)
                and not _place(word)
                and (
                    word.split("-")[0].lower() in FIRST_NAMES
                    or not _sentence_initial(text, left.start("name"))
                    or ","
                    not in text[left.end("name") : start]  # "Fitsum en Selam", not "Thx, Anouk"
                )
                and (left.start("name"), left.end("name")) not in seen
            ):
                span = (left.start("name"), left.end("name"))
                seen.add(span)
                queue.append(span)
                _add(out, text, span[0], span[1], "name")


# "haar man Chidi", "zijn vrouw Ria": "man" and "vrouw" name a partner only after a possessive.
_PARTNER = re.compile(
    rf"(?<![\w\-])(?:haar|zijn|hun|mijn|d'r|z'n)[ ]+(?:ex-?)?(?:man|vrouw)[ ]+(?=[{_UP}])",
    re.IGNORECASE,
)


def _names_of_partners(text: str, out: list[Finding]) -> None:
    for m in _PARTNER.finditer(text):
        end = _parse_name(text, m.end())
        if end is not None and not _common_word(text[m.end() : end].lower()):
            _add(out, text, m.end(), end, "name")


# "Fatimas broer", "henks dochter", "Sannes nieuwe vriend", "Verbeeks zoon": a name
# with a possessive "s" before a word of kinship is marked whole, as the name it is.
_POSSESSIVE_KIN = re.compile(
    rf"(?<![\w\-'’@/.])(?P<name>[{_UP}{_LO}][{_LO}]+s)[ ]+"
    r"(?:(?:nieuwe|oude|jongere|oudere|jongste|oudste|eigen|beste|vorige|huidige)[ ]+)?"
    rf"(?P<kin>[{_LO}]+(?:-[{_LO}]+)?)(?![\w\-])"
)


def _names_before_kin(text: str, out: list[Finding]) -> None:
    for m in _POSSESSIVE_KIN.finditer(text):
        name, kin = m.group("name"), m.group("kin")
        if kin not in _KIN:
            continue
        stem = name[:-1].lower()
        if _common_word(name.lower()) or name.lower() in _NOT_NAMES or _common_word(stem):
            continue  # "als moeder", "ons vader"
        known = (
            stem in FIRST_NAMES
            or stem in _deduce_list("names/lst_first_name")
            or stem in _deduce_list("names/lst_surname")
        )
        if not known and not (
            name[0].isupper()
            and _is_name_word(name[:-1])
            and not _sentence_initial(text, m.start())
        ):
            continue
        _add(out, text, m.start("name"), m.end("name"), "name")


# "ik ben Lars", "hallo ik ben ruth", "mijn naam is nguyen thi lan", "ik heet Dewi": someone
# introducing themselves.
_INTRODUCTION = re.compile(
    r"(?<![\w\-])(?:ik[ ]+ben|ik[ ]+heet|mijn[ ]+naam[ ]+is|u[ ]+spreekt[ ]+met|dit[ ]+is|"
    r"hier[ ]+is|het[ ]+is)[ ]+",
    re.IGNORECASE,
)
# "want dean is ziek", "yunus is weer opgepakt": a first name in lower case, opening a clause,
# before a verb that a person does.
_LOWER_NAME_BEFORE_VERB = re.compile(
    rf"(?:^|[.!?,;:][ ]+|(?<![\w\-])(?:want|en|maar|dat|omdat|of|dus)[ ]+)"
    rf"(?P<name>[{_LO}]{{3,}})[ ]+(?=(?:is|was|heeft|had|zegt|zei|belt|belde|komt|kwam|gaat|ging|"
    rf"wil|wilde|kan|kon|moet|moest|zit|zat|woont|slaapt|sliep|doet|deed|mag|durft)(?![\w\-]))",
    re.MULTILINE,
)


# "oma joke", "zoon daan", "bel sjaak ff terug": a first name in lower case after a relative or
# a word for calling.
_LOWER_NAME_AFTER = re.compile(
    r"(?<![\w\-])(?:oma|opa|tante|oom|zoon|dochter|zus|zusje|broer|broertje|neef|nicht|moeder|"
    r"vader|mama|papa|bel|app|mail|sms|spreek|sprak|zag|met)[ ]+(?P<name>[a-zà-ÿ]{3,})(?![\w\-'’])",
    re.IGNORECASE,
)
# "priya en raj", "jurre en floor": the other first name of a pair in lower case.
_LOWER_PAIR = re.compile(r"(?<![\w\-])(?P<a>[a-zà-ÿ]{3,})[ ]+en[ ]+(?P<b>[a-zà-ÿ]{3,})(?![\w\-'’])")
# "Nomvula Dlamini (geb. 5 december 1992)": a full name before the bracket of a birth.
_NAME_BEFORE_BIRTH = re.compile(
    rf"(?<![\w'’\-])(?P<name>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?[ ][{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?)"
    r"[ ]*\((?:geb\.?|geboren|°|\*)"
)


def _known_lower_first_name(word: str) -> bool:
    """A first name written in lower case that is not also an ordinary word: "ruth", "yunus"."""
    return (
        word not in _AMBIGUOUS_LOWER
        and (word in FIRST_NAMES or word in _deduce_list("names/lst_first_name"))
        and not _common_word(word)
    )


def _names_introduced(text: str, out: list[Finding]) -> None:
    """A name after "ik ben", "ik heet", "mijn naam is"; and a first name in lower case that
    opens a clause before a person's verb (see the patterns)."""
    for m in _INTRODUCTION.finditer(text):
        pos = m.end()
        if text[pos : pos + 1].isupper():
            word = _NAME_WORD.match(text, pos)
            if (
                word
                and word.group().lower() in FIRST_NAMES
                and not _common_word(word.group().lower())
            ):
                _add(out, text, pos, word.end(), "name")  # "ik ben Lars van de Lijnbaansgracht"
            continue
        word = _LOWER_WORD.match(text, pos)
        if word and _known_lower_first_name(word.group()):
            end = word.end()
            sp = _SPACE.match(text, end)
            more = _lower_surname_end(text, sp.end()) if sp else None
            _add(out, text, pos, more if more is not None else end, "name")
    for m in _LOWER_NAME_BEFORE_VERB.finditer(text):
        if _known_lower_first_name(m.group("name")):
            _add(out, text, m.start("name"), m.end("name"), "name")
    for m in _LOWER_NAME_AFTER.finditer(text):
        if _known_lower_first_name(m.group("name")):
            _add(out, text, m.start("name"), m.end("name"), "name")
    lower_names = {f.text for f in out if f.kind == "name" and f.text.islower()}
    if lower_names:
        for m in _LOWER_PAIR.finditer(text):
            a, b = m.group("a"), m.group("b")
            if a in lower_names and _known_lower_first_name(b):
                _add(out, text, m.start("b"), m.end("b"), "name")
            elif b in lower_names and _known_lower_first_name(a):
                _add(out, text, m.start("a"), m.end("a"), "name")
    for m in _NAME_BEFORE_BIRTH.finditer(text):
        words = m.group("name").split()
        if not any(_common_word(w.lower()) or _place(w) for w in words):
            _add(out, text, m.start("name"), m.end("name"), "name")


_NAME_WORD = re.compile(rf"[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?(?![\w\-'’])")


def _names_in_context(text: str, out: list[Finding]) -> None:
    _names_of_partners(text, out)
    _names_before_kin(text, out)
    _names_in_chats(text, out)
    _names_around_speech(text, out)
    _names_in_greetings(text, out)
    _names_in_appositions(text, out)
    _names_in_lists(text, out)
    _names_introduced(text, out)
