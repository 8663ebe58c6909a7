"""Rules for names: after titles, with initials, from first names, in capitals, in lower case,
after cue words and before ages; and ``unlikely_name`` for names another detector found."""

from __future__ import annotations

import re

from beraad.privacy.rules.ages import (
    _NOT_BEFORE_PAREN_AGE,
    _PAREN_AGE,
    _PERSON_NOUN_WORDS,
)
from beraad.privacy.rules.helpers import (
    _add,
    _sentence_initial,
)
from beraad.privacy.rules.vocabulary import (
    _AMBIGUOUS_FIRST,
    _AMBIGUOUS_LOWER,
    _AND_NAME,
    _CAPS_WORDS,
    _HYPHEN_JOIN,
    _INITIALS,
    _KIN,
    _LAST_WORD,
    _LO,
    _LOWER_WORD,
    _NAME_WORD,
    _NOT_INITIALS,
    _NOT_NAMES,
    _NOUN_ENDING,
    _PARTICIPLE,
    _PARTICLE,
    _PARTICLE_RE,
    _PARTICLES,
    _PLURAL_RELATION_WORDS,
    _RELATION_WORDS,
    _SPACE,
    _SURNAMES,
    _TITLE_WORDS,
    _TOKEN,
    _UP,
    ACRONYMS,
    FIRST_NAMES,
    _common_word,
    _deduce_list,
    _function_word,
    _is_name_word,
    _place,
    _words,
)
from beraad.privacy.spans import Finding


def _looks_like_sentence_start(word: str) -> bool:
    """After a pseudonym such as "meneer B." a capitalised past participle ("Afgesproken",
    "Gebeld") or a noun with a typical ending ("Huisvesting", "Communicatie", "Veiligheid")
    starts a new sentence; it is not the surname of "B."."""
    low = word.lower()
    return _PARTICIPLE.fullmatch(low) is not None or _NOUN_ENDING.search(low) is not None


def _parse_name(
    text: str, pos: int, *, lower: bool = False, max_words: int = 3, initials: bool = True
) -> int | None:
    """Parse a name starting at ``pos``: initials, first names, particles, a surname and a
    hyphenated second surname ("A. Jansen", "Fatima El Idrissi", "Jansen-de Vries").
    Returns the end of the last name word, or None when there is none (a pseudonym "A.")."""
    end: int | None = None
    single_initial = False
    if initials:
        m = _INITIALS.match(text, pos)
        if m and m.group().strip() not in _NOT_INITIALS:
            single_initial = m.group().count(".") == 1
            pos = m.end()
            sp = _SPACE.match(text, pos)
            if sp:
                pos = sp.end()
    words = 0
    while words < max_words:
        cur = pos
        particle = _PARTICLE.match(text, cur)
        if particle:
            cur = particle.end()
        m = _NAME_WORD.match(text, cur)
        if m and _is_name_word(m.group()):
            if (
                words == 0
                and single_initial
                and particle is None
                and _looks_like_sentence_start(m.group())
            ):
                return None  # "meneer B. Afgesproken is …": a pseudonym, then a new sentence
            end = m.end()
            if m.group().isupper():
                break  # more words in capitals are for the capitals rule to judge
        elif lower:
            lm = _LOWER_WORD.match(text, cur)
            if not lm:
                break
            candidate = re.sub(r"\s+", " ", text[pos : lm.end()]).lower()
            if candidate not in _SURNAMES and not (
                words == 0 and candidate in FIRST_NAMES and particle is None
            ):
                break
            end = lm.end()
        else:
            # A capitalised particle may itself be the start: "Van der Linden", "El Amrani".
            break
        words += 1
        # A double surname: "Jansen-de Vries", "Jansen-Bakker".
        hyphen = _HYPHEN_JOIN.match(text, end)
        if hyphen:
            second = _NAME_WORD.match(text, hyphen.end())
            if second and _is_name_word(second.group()):
                end = second.end()
        sp = _SPACE.match(text, end)
        if not sp:
            break
        pos = sp.end()
    return end


def _names_after_titles(text: str, out: list[Finding]) -> None:
    """A name right after "mevrouw", "dhr.", "zoon", "buurvrouw" …; the title is not part of it.
    Pseudonyms ("mevrouw A.", "de zoon") have no name word and give nothing."""
    for m in _TOKEN.finditer(text):
        title = m.group()
        low = title.lower()
        if low not in _TITLE_WORDS or not text[m.end() : m.end() + 1].isspace():
            continue
        if m.start() and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "-_"):
            continue
        if title.isupper() and len(title) <= 3:
            continue  # "DR", "MW": the letters of a postcode ("2192 DR Utrecht"), not a title
        if low == "heer" and text[max(0, m.start() - 3) : m.start()].lower() != "de ":
            continue  # "de heer" is a title, "heer" alone hardly ever
        sp = _SPACE.match(text, m.end())
        if not sp:
            continue
        pos = sp.end()
        if low in _RELATION_WORDS:
            # "de moeder van Jansen" is about Jansen; "van" is not part of the name here. After
            # "collega" or "vrijwilliger", "van" is followed by an organisation instead.
            van = re.match(r"van[ ]+(?=[A-Z])", text[pos : pos + 5])
            if van:
                if low not in _KIN:
                    continue
                pos += van.end()
            # Relationship words take only capitalised names: "zoon de weg wijzen" has an
            # article, "moeder zegt" a verb.
            if not text[pos : pos + 1].isupper():
                continue
            end = _parse_name(text, pos)
        else:
            end = _parse_name(text, pos, lower=True)
        if end is None:
            continue
        _add(out, text, pos, end, "name")
        if low in _PLURAL_RELATION_WORDS:
            # "ouders Jansen en Bakker": the second name belongs to the same title.
            both = _AND_NAME.match(text, end)
            second = _parse_name(text, both.end()) if both else None
            if both and second is not None:
                _add(out, text, both.end(), second, "name")


def _names_from_first_names(text: str, out: list[Finding]) -> None:
    """A common first name, with the surname that follows it if any ("Piet de Vries")."""
    for m in _NAME_WORD.finditer(text):
        word = m.group()
        if word.isupper():
            continue
        first = word.split("-")[0].lower()
        if first not in FIRST_NAMES:
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "@/."):
            continue
        end = m.end()
        sp = _SPACE.match(text, end)
        if sp:
            more = _parse_name(text, sp.end(), max_words=2, initials=False)
            if more is not None:
                end = more
        if (
            end == m.end()
            and first in _AMBIGUOUS_FIRST
            and _sentence_initial(text, m.start())
            and "-" not in word
        ):
            continue
        _add(out, text, m.start(), end, "name")


_CAPS_TOKEN = re.compile(
    rf"(?<![\w\-@./'’&])(?:['’]T|[{_UP}][{_UP}'’]*[{_UP}])(?:-[{_UP}][{_UP}'’]*)*(?![\w\-@'’&/]|\.\w)"
)
_CAPS_PARTICLES = frozenset(p.upper() for p in _PARTICLES) | {"’T"}
_CAPS_NOT_NAME_ENDING = re.compile(
    r"(?:HEID|TIE|SIE|LIJK|LIJKE|ISCH|ISCHE|SCHAP|TEIT|ING|INGEN|IGE|ELIJK|BAAR|ZAAM|LOOS|"
    r"LOZE|ATIEF|IEF|IEVE|EREN|ATOR|ISME|ISTISCH)$"
)
_PARTICLES_BEFORE = re.compile(rf"(?P<before>\S+)[ ]+(?P<particles>(?:{_PARTICLE_RE}[ ]){{1,3}})$")
_INITIALS_BEFORE = re.compile(rf"(?<![\w.])(?:[{_UP}]\.[ ]?){{1,4}}[ ]?$")
_WORD_BEFORE = re.compile(rf"(?<![\w\-])(?P<w>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)?)[ ]$")


def _after_title(text: str, start: int) -> bool:
    previous = _LAST_WORD.search(text[max(0, start - 20) : start])
    return previous is not None and previous.group(1).lower() in _TITLE_WORDS


def _caps_pieces(run: list[re.Match[str]]) -> list[list[re.Match[str]]]:
    """Split a run of words in capitals at acronyms and ordinary words; keep pieces with a
    name word, without particles dangling at the end ("VAN DEN BERG", not "JANSEN VAN")."""
    pieces: list[list[re.Match[str]]] = []
    piece: list[re.Match[str]] = []
    for tok in [*run, None]:
        if tok is not None and (tok.group() in _CAPS_PARTICLES or _is_name_word(tok.group())):
            piece.append(tok)
            continue
        while piece and piece[-1].group() in _CAPS_PARTICLES:
            piece.pop()
        if piece:
            pieces.append(piece)
        piece = []
    return pieces


def _names_in_capitals(text: str, out: list[Finding]) -> None:
    """Surnames written in capitals, as dossiers and letters do: "JANSEN", "Piet DE VRIES",
    "P. BAKKER", "EL AMRANI". Acronyms (WMO, GGZ …) and shouted sentences are left alone."""
    runs: list[list[re.Match[str]]] = []
    for tok in _CAPS_TOKEN.finditer(text):
        if runs and text[runs[-1][-1].end() : tok.start()] in (" ", "  "):
            runs[-1].append(tok)
        else:
            runs.append([tok])
    for run in runs:
        words = [t.group() for t in run]
        ordinary = [w for w in words if w in _CAPS_WORDS and w not in _CAPS_PARTICLES]
        name_words = [w for w in words if w not in _CAPS_PARTICLES and _is_name_word(w)]
        if len(run) >= 2 and (ordinary or len(name_words) > 3):
            continue  # a shouted sentence or heading: "LET OP", "GEEN CONTACT MET MOEDER"
        for piece in _caps_pieces(run):
            start, end = piece[0].start(), piece[-1].end()
            word = piece[0].group()
            if len(piece) == 1 and (len(word) < 3 or word in ACRONYMS):
                continue
            extended = _caps_name_start(text, start)
            lone = len(piece) == 1 and extended == start and not _after_title(text, start)
            # A single word in capitals with nothing name-like around it is often emphasis
            # ("is ZWANGER", "MISHANDELING"), which Dutch noun and adjective endings give away,
            # or an acronym we do not know ("OTS"): three letters or fewer.
            if lone and (_CAPS_NOT_NAME_ENDING.search(word) or len(word) <= 3):
                continue
            _add(out, text, extended, end, "name")


def _caps_name_start(text: str, start: int) -> int:
    """Take in initials or a first name just before a surname in capitals: "P. BAKKER",
    "Piet DE VRIES", "Fatima EL AMRANI", also "mevrouw de VRIES" (lowercase particle)."""
    window_start = max(0, start - 40)
    m = _PARTICLES_BEFORE.search(text, window_start, start)
    if m:
        before = m.group("before").lower()
        if before in _TITLE_WORDS or before.split("-")[0] in FIRST_NAMES:
            start = m.start("particles")
            window_start = max(0, start - 40)
    m = _INITIALS_BEFORE.search(text, window_start, start)
    if m and m.group().strip() not in _NOT_INITIALS:
        return m.start()
    m = _WORD_BEFORE.search(text, window_start, start)
    if m:
        word = m.group("w")
        if word.lower() in _TITLE_WORDS:
            return start
        if word.split("-")[0].lower() in FIRST_NAMES or (
            _is_name_word(word) and not _sentence_initial(text, m.start("w"))
        ):
            return m.start("w")
    return start


_INITIALS_NAME = re.compile(
    rf"(?<![\w.])(?:[{_UP}]\.[ ]?){{1,4}}[ ]?(?=(?:{_PARTICLE_RE}[ ]+)*[{_UP}])"
)


def _names_with_initials(text: str, out: list[Finding]) -> None:
    """Initials and a surname: "P. Bakker", "J.P. de Vries"; not "N.B. Mevrouw …"."""
    for m in _INITIALS_NAME.finditer(text):
        end = _parse_name(text, m.start(), max_words=1)
        if end is not None and end > m.end():
            _add(out, text, m.start(), end, "name")


# --- names in lower case, with deduce's name lists ------------------------------------------


def _lower_surname_end(text: str, pos: int) -> int | None:
    """The end of a surname typed in lower case at ``pos`` ("pieters", "de vries",
    "el idrissi"): one of our common surnames or one of deduce's, but not an ordinary word."""
    particle = _PARTICLE.match(text, pos)
    m = _LOWER_WORD.match(text, particle.end() if particle else pos)
    if not m:
        return None
    if re.sub(r"\s+", " ", text[pos : m.end()]) in _SURNAMES:
        return m.end()
    word = m.group()
    if len(word) < 3 or _common_word(word):
        return None
    names = "names/lst_interfix_surname" if particle else "names/lst_surname"
    return m.end() if word in _deduce_list(names) else None


_LOWER_NAME = re.compile(rf"(?<![\w@/.\-'’&+#])[{_LO}]{{2,}}(?![\w@&+]|['’](?!s\b)|[\-/.]\w)")


def _names_in_lower_case(text: str, out: list[Finding]) -> None:
    """First names typed in lower case in a hasty note ("gesprek met fatima", "nb yonas heeft
    een nieuw nummer"), with the surname after them ("jan pieters"). A first name that is also a
    word or an abbreviation ("jan", "rob", "ben") counts only with a surname after it."""
    for m in _LOWER_NAME.finditer(text):
        word = m.group()
        if word not in FIRST_NAMES:
            continue
        end = m.end()
        sp = _SPACE.match(text, end)
        if sp:
            if text[sp.end() : sp.end() + 1].isupper():
                surname = _parse_name(text, sp.end(), max_words=2, initials=False)
            else:
                surname = _lower_surname_end(text, sp.end())
            if surname is not None:
                end = surname
        if end == m.end() and word in _AMBIGUOUS_LOWER:
            continue
        _add(out, text, m.start(), end, "name")


# --- names after cue words and before ages ---------------------------------------------------

# After a label in a dossier or note ("Naam:", "Huurder:", "Terugbelverzoek:") or a heading
# word ("Casus Jansen", "Huisbezoek Bakker", "Bezoek Yilmaz via de achterdeur") a capitalised
# word is a name. "namens" and "t.n.v." are also followed by organisations, so after them a
# name needs a first name, initials or two words.
_NAME_LABEL = re.compile(
    r"(?<![\w\-])(?:"
    r"(?P<label>(?:(?:achter|voor|roep|meisjes|geboorte)?naam(?:[ ]+(?:cliënt|client|ouder|"
    r"jeugdige|kind|moeder|vader|partner))?|aanvrager|aanvraagster|huurder|verhuurder|"
    r"betrokkene|melder|contactpersoon|terugbelverzoek|belverzoek|terugbellen))[ \t]*:"
    r"|(?:casus|huisbezoek|bezoek|intake|gesprek|telefoongesprek|belnotitie|terugbelverzoek|"
    r"kennismakingsgesprek|(?:mijn|zijn|haar|de)[ ]+naam[ ]+is|heet|genaamd|alias)"
    r"|(?P<weak>namens|t\.n\.v\.|tnv|ten[ ]name[ ]van))[ \t]+",
    re.IGNORECASE,
)


def _names_after_cues(text: str, out: list[Finding]) -> None:
    """A capitalised name after a label or heading word; see ``_NAME_LABEL``."""
    for m in _NAME_LABEL.finditer(text):
        pos = m.end()
        if not text[pos : pos + 1].isupper():
            continue
        end = _parse_name(text, pos)
        if end is None:
            continue
        if " " not in text[pos:end] and _place(text[pos:end]):
            continue  # "Huisbezoek Zeist", "namens Utrecht"
        if m.group("weak"):
            name = text[pos:end]
            if (
                " " not in name
                and "." not in name
                and name.split("-")[0].lower() not in FIRST_NAMES
            ):
                continue  # "namens Woonbron": an organisation
        _add(out, text, pos, end, "name")


_NAME_BEFORE_AGE = re.compile(
    rf"(?:(?<![\w\-])[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?[ ]+(?:{_PARTICLE_RE}[ ]+){{0,3}})?"
    rf"(?<![\w\-])(?P<last>[{_UP}][{_LO}'’]+(?:-[{_UP}][{_LO}'’]+)?)[ ]?$"
)


def _names_before_ages(text: str, out: list[Finding]) -> None:
    """A capitalised word right before an age in brackets is a name: "Kidane (15)",
    "Filmon Kidane (15)"; not "Zoon (12)", "Groep (8)" or "Bijlage (2)"."""
    for m in _PAREN_AGE.finditer(text):
        if int(m.group("n")) > 110:
            continue
        name = _NAME_BEFORE_AGE.search(text, max(0, m.start() - 60), m.start())
        if not name:
            continue
        last = name.group("last")
        low = last.lower()
        if (
            low in _TITLE_WORDS
            or low in _PERSON_NOUN_WORDS
            or low in _NOT_BEFORE_PAREN_AGE
            or not _is_name_word(last)
        ):
            continue
        start = name.start()
        first = text[start : name.start("last")].split()
        if first and (
            not _is_name_word(first[0])
            or first[0].lower() in _TITLE_WORDS
            or (_sentence_initial(text, start) and first[0].lower() not in FIRST_NAMES)
        ):
            start = name.start("last")  # "Gisteren Jansen (45) …": only the surname
        if start == name.start("last") and _place(last):
            continue  # "Utrecht (3), Zeist (2)": a count per town
        if (
            start == name.start("last")
            and _sentence_initial(text, start)
            and low not in FIRST_NAMES
            and low not in _SURNAMES
        ):
            continue  # "Aanmeldingen (12)": a heading with a count
        _add(out, text, start, name.end("last"), "name")


# Surnames that are also ordinary Dutch words; see ``unlikely_name``.
_WORD_SURNAMES = _words(
    """
    groen rood zwart wit bruin blauw geel grijs link rust mol hoek storm winter zomer lente
    herfst koning keizer prins graaf bos berg dijk beek brink veld hof kamp post koster kok
    bakker visser smit schipper jager boer koopman kramer timmerman molenaar vos haan valk kraai
    wolf beer leeuw vink zwaan groot klein lang kort sterk wijs vrij blij snel goud zilver steen
    hout kaal vis kuiper kleermaker schilder smid mens dekker brouwer
    """
)
# Verbs that follow a surname opening a sentence ("Vos vroeg …", "Kok belde …").
_FINITE_VERBS = _words(
    """
    is was heeft had wil wilde kan kon moet moest mag mocht zal zou gaat ging komt kwam zegt zei
    vraagt vroeg belt belde mailt mailde appt appte woont woonde werkt werkte vertelt vertelde
    geeft gaf krijgt kreeg stuurt stuurde wordt werd blijft bleef zit zat staat stond ligt lag
    loopt liep doet deed denkt dacht weet wist vindt vond ziet zag neemt nam laat liet maakt
    maakte betaalt betaalde ontvangt ontving weigert weigerde verhuist verhuisde reageert
    reageerde meldt meldde heeft hoort hoorde spreekt sprak praat praatte kent kende slaapt sliep
    """
)
_NEXT_WORD = re.compile(r"[ ]+([^\W\d_]+)")


def unlikely_name(text: str, start: int, end: int) -> bool:
    """Whether a name that another detector (deduce) found at ``text[start:end]`` is more
    likely ordinary Dutch: only particles ("van de" before a street name), a town after "te"
    ("te Woudenberg"), or a surname that is also a word opening a sentence without a verb
    after it ("Groen licht van de manager", "Link naar het profiel"; not "Vos vroeg …")."""
    words = text[start:end].split()
    if not words or all(word.lower() in _PARTICLES for word in words):
        return True
    if words[0] == "te" and len(words) == 2:
        return True
    if len(words) == 2 and re.fullmatch(r"[A-Z]\.", words[0]) and _function_word(words[1].lower()):
        return True  # "meneer G. Wel zagen we …": a pseudonym at the end of a sentence
    if len(words) != 1 or not _sentence_initial(text, start):
        return False
    low = words[0].lower()
    if low not in _WORD_SURNAMES and not _common_word(low):
        return False
    after = _NEXT_WORD.match(text, end)
    if not after or not after.group(1).islower():
        return False
    verb = after.group(1)
    return verb not in _FINITE_VERBS and not (len(verb) > 4 and verb.endswith(("de", "te")))


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
    low = text.lower()
    found = []
    for verb in _SPEECH_CUES:
        at = low.find(verb)
        while at >= 0:
            end = at + len(verb)
            before = low[at - 1] if at else " "
            after = low[end] if end < len(low) else " "
            if not (before.isalnum() or before in "-'’") and not (
                after.isalnum() or after in "-'’"
            ):
                found.append((at, end))
            at = low.find(verb, end)
    return sorted(found)


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
    rf"(?:^|(?<=[.!?:;\n\"'“(])[ ]*|(?<=[.!?:;\n\"'“(]))[ ]*(?:[Bb]el|[Mm]ail|[Aa]pp|[Ss]ms|[Vv]raag)"
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
_AFTER_GREETING = re.compile(r"[ ]+(?=\w)")
_SIGN_OFF_WORDS = (
    "groet", "groeten", "groetjes", "gr.", "mvg", "m.v.g.", "liefs", "doei", "dank", "dankje",
    "dankjewel", "bedankt", "thanks", "thx", "tnx",
)  # fmt: skip
_AFTER_SIGN_OFF = re.compile(r"(?:[ ]+wel)?[ \t]*[,.!]?[ \t]*(?:\r?\n[ \t]*)?(?=\w)")


def _whole_words(low: str, words: tuple[str, ...]) -> list[int]:
    """The end of each occurrence of one of ``words`` as a whole word in the lower-cased text
    (str.find on a few words is far cheaper than a pattern tried at every position)."""
    ends = []
    for word in words:
        at = low.find(word)
        while at >= 0:
            end = at + len(word)
            before = low[at - 1] if at else " "
            after = low[end] if end < len(low) else " "
            if not (before.isalnum() or before == "-") and (
                word.endswith(".") or not (after.isalnum() or after == "-")
            ):
                ends.append(end)
            at = low.find(word, end)
    return ends


def _names_in_greetings(text: str, out: list[Finding]) -> None:
    """The name after a greeting or under a signature; in lower case only a known first name."""
    low = text.lower()
    starts = []
    for ends, rest in (
        (_whole_words(low, _GREETING_WORDS), _AFTER_GREETING),
        (_whole_words(low, _SIGN_OFF_WORDS), _AFTER_SIGN_OFF),
    ):
        for stop in ends:
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


def _names(text: str, out: list[Finding]) -> None:
    _names_after_titles(text, out)
    _names_with_initials(text, out)
    _names_from_first_names(text, out)
    _names_in_capitals(text, out)
    _names_in_lower_case(text, out)
    _names_after_cues(text, out)
    _names_before_ages(text, out)
    _names_in_chats(text, out)
    _names_around_speech(text, out)
    _names_in_greetings(text, out)
    _names_in_appositions(text, out)
    _names_in_lists(text, out)
