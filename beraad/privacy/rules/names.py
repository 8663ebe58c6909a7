"""Rules for names: after titles, with initials, from first names, in capitals, in lower case,
after cue words and before ages; and ``unlikely_name`` for names another detector found."""

from __future__ import annotations

import re

from beraad.privacy.first_names import usual_gender
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


_THING_BEFORE = re.compile(
    rf"(?<![\w\-])(?:een|de|het|die|deze|dit|dat|[{_LO}]+e)[ ]+$"
)  # "een grijze Opel Astra", "de Polo"


def _rarer_first_name_here(text: str, start: int, end: int) -> bool:
    """A first name from the wider list ("Iryna", "Abrehet"; also "Opel", "Stein" and "Gent")
    counts only with a surname after it that is no town ("Iryna Bondarenko"), and not after an
    article or an adjective ("een grijze Opel Astra")."""
    words = text[start:end].split()
    if len(words) < 2 or _place(words[-1]):
        return False
    before = _THING_BEFORE.search(text, max(0, start - 24), start)
    return before is None or before.group().strip().lower() in _TITLE_WORDS


def _names_from_first_names(text: str, out: list[Finding]) -> None:
    """A common first name, with the surname that follows it if any ("Piet de Vries")."""
    for m in _NAME_WORD.finditer(text):
        word = m.group()
        if word.isupper():
            continue
        first = word.split("-")[0].lower()
        rarer = first not in FIRST_NAMES
        if rarer and (usual_gender(first) is None or _place(word)):
            continue
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "@/."):
            continue
        end = m.end()
        sp = _SPACE.match(text, end)
        if sp:
            more = _parse_name(text, sp.end(), max_words=2, initials=False)
            if more is not None:
                end = more
        if rarer and not _rarer_first_name_here(text, m.start(), end):
            continue
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
    r"kennismakingsgesprek|(?:mijn|zijn|haar|de)[ ]+naam[ ]+is|heet|genaamd|alias|roepnaam|"
    r"bijnaam)"
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


def _names(text: str, out: list[Finding]) -> None:
    _names_after_titles(text, out)
    _names_with_initials(text, out)
    _names_from_first_names(text, out)
    _names_in_capitals(text, out)
    _names_in_lower_case(text, out)
    _names_after_cues(text, out)
    _names_before_ages(text, out)
