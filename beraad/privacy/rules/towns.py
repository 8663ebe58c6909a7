"""Rules for towns, villages and neighbourhoods (the kind ``place``, which gives way to every other
kind), and for where someone lives: a place or a street after a word of living or coming from."""

from __future__ import annotations

import re

from beraad.privacy.rules.helpers import (
    _add,
    _sentence_initial,
)
from beraad.privacy.rules.places import (
    _LOWER_STREET_WORD,
    _NOT_POSTCODE_LETTERS,
    _NOT_STREETS,
    _STREET_WORD,
    _STRONG_SUFFIXES,
)
from beraad.privacy.rules.vocabulary import (
    _LO,
    _NOT_NAMES,
    _UP,
    FIRST_NAMES,
    _common_word,
    _deduce_list,
    _place_names,
    _words,
)
from beraad.privacy.spans import Finding

# --- towns, villages and neighbourhoods ----------------------------------------------------

# A capitalised word, or a place written with "'s-" ("'s-Hertogenbosch") or "St." ("St. Anthonis").
_PLACE_WORD = re.compile(
    rf"(?<![\w\-'’.@/])(?:['’][sS]-|[Ss]t\.[ ]|[Ss]int[ ])?[{_UP}][{_LO}{_UP}'’]*(?:-[{_UP}{_LO}][{_LO}{_UP}'’]*)*"
    rf"(?![\w'’@]|\.\w)"
)
# The next word of a place of several words: capitalised, or one of the small words inside
# Dutch place names ("Alphen aan den Rijn", "Wijk bij Duurstede", "Bergen op Zoom").
_NEXT_PLACE_WORD = re.compile(
    rf"[ ]+([{_UP}][{_LO}{_UP}'’\-]*"
    rf"|(?:aan|bij|op|in|de|den|der|het|'t|en|onder|over|ter|ten|van)(?=[ ]))"
)
# Words before a place: "woont in Zeist", "uit Den Helder", "te Woudenberg", "gemeente Ede".
# After these, a town that is also a word, a first name or a surname ("in Best", "uit Made",
# "naar Lisse") is still a town; elsewhere it counts only when it is nothing else.
_PLACE_CUE = _words(
    "in uit naar te vanuit richting nabij omgeving regio gemeente dorp stad stadje dorpje "
    "woonplaats woonplaats: plaats: geboorteplaats geboorteplaats: stadsdeel provincie"
)
# "Utrecht-Noord", "Amsterdam Nieuw-West", "Rotterdam-Zuid": a part of a town is the same place.
_TOWN_PART = re.compile(
    r"(?:-|[ ])(?:Noord|Zuid|Oost|West|Centrum|Noordoost|Noordwest|Zuidoost|Zuidwest|"
    r"Nieuw-West|Oud-West|Oud-Zuid|Binnenstad)(?![\w\-])"
)
# Neighbourhoods are in no list: after "de wijk", "de buurt", "stadsdeel" a capitalised name is
# one ("de wijk Overvecht"); and a capitalised compound of "-wijk", "-buurt", "-kwartier",
# "-eiland" or "-dorp" inside a sentence is a neighbourhood's name ("in de Schilderswijk",
# "de Transvaalbuurt"): Dutch writes such nouns in lower case unless they are a name.
_AFTER_AREA_NOUN = re.compile(
    rf"(?<![\w\-])(?:wijk|buurt|woonwijk|stadswijk|stadsdeel|deelgemeente|dorpskern|"
    rf"nieuwbouwwijk|volksbuurt|krachtwijk|vogelaarwijk|aandachtswijk|buurtschap)[ ]+"
    rf"(?P<name>[{_UP}][{_LO}'’]+(?:-[{_UP}{_LO}][{_LO}'’]+)*(?:[ ](?:[{_UP}][{_LO}'’]+))?)"
    rf"(?![\w\-])"
)
_AREA_COMPOUND = re.compile(
    rf"(?<![\w\-'’])[{_UP}][{_LO}]{{2,}}(?:wijk|buurt|kwartier|eiland|dorp)(?![\w\-'’])"
)
_LAST_WORD_BEFORE = re.compile(r"(\S+)[ ]+$")


_POSTCODE_BEFORE = re.compile(r"(?<![\w\-])[1-9]\d{3}[ ]?[A-Z]{2},?[ ]+$")
# "Walenburgerweg, Blijdorp", "Kerkstraat 4, Ede": a street (with its number or not) and a comma.
_STREET_BEFORE = re.compile(
    rf"(?<![\w\-])[{_UP}][{_LO}\-]+(?:straat|laan|weg|plein|gracht|kade|singel|dreef|steeg)"
    r"(?:[ ]+[1-9]\d{0,4}(?:[ ]?-?[A-Za-z]{1,3}|-\d{1,3})?)?[ ]*,[ ]*$"
)


def place_cue_before(text: str, start: int) -> bool:
    """Whether a word such as "in" or "uit", a postcode ("3512 AB Utrecht") or a street and a
    comma ("Siersteenlaan, Vinkhuizen") comes before."""
    m = _LAST_WORD_BEFORE.search(text, max(0, start - 20), start)
    if m is not None and m.group(1).lower() in _PLACE_CUE:
        return True
    if _STREET_BEFORE.search(text, max(0, start - 50), start) is not None:
        return True
    return _POSTCODE_BEFORE.search(text, max(0, start - 12), start) is not None


def _ambiguous_place(name: str) -> bool:
    """A town's name that is also a word, a first name or a common surname ("Best", "Buren",
    "Ede", "Wessel"): a place only after a word such as "in" or "uit"."""
    low = name.lower()
    return (
        _common_word(low)
        or low in FIRST_NAMES
        or low in _deduce_list("names/lst_first_name")
        or low in _NOT_NAMES
    )


_NEXT_LOWER_WORD = re.compile(r"[ ]+([^\W\d_]+)")


def _opens_sentence_as_a_word(text: str, start: int, end: int) -> bool:
    """A one-word town opening a sentence that reads as an ordinary word or a surname there:
    "Duiven op het balkon …", "Boer zijn is zwaar werk"; not "Zeist heeft …", "Utrecht, Zeist".
    Only a finite verb, punctuation or "en" after it makes it a town."""
    if " " in text[start:end] or not _sentence_initial(text, start):
        return False
    from beraad.privacy.rules.names import _FINITE_VERBS, _WORD_SURNAMES

    if text[start:end].lower() in _WORD_SURNAMES:
        return True  # "Boer zijn is zwaar werk", "Vos vroeg …"
    after = _NEXT_LOWER_WORD.match(text, end)
    if not after:
        return False  # punctuation or the end: "Utrecht, Zeist en Bunnik"
    word = after.group(1)
    if not word.islower():
        return False

    return (
        word not in _FINITE_VERBS
        and word != "en"
        and not (len(word) > 4 and word.endswith(("de", "te", "den", "ten")))
    )


# "GGD regio Utrecht", "Gemeente Amsterdam verhoogt …", "gemeente Den Haag sluit …": the
# municipality or region as an organisation is nobody's place; "woont in de gemeente Ede" is.
_ORGANISATION_BEFORE = re.compile(
    r"(?<![\w\-])(?:(?:GGD|ggd|[Vv]eiligheidsregio|[Pp]olitie|[Oo]mgevingsdienst)(?:[ ]+regio)?"
    r"|[Gg]emeente|[Pp]rovincie|[Rr]egio|[Vv]eilig[ ]+[Tt]huis|[Rr]echtbank|[Gg]erechtshof|PI|"
    r"[Pp]enitentiaire[ ]+[Ii]nrichting|"
    r"[Ss]tichting(?:[ ]+[A-Z][\w\-]*)?|[Tt]eam|[Ww]ijkteam)(?:[ ]+[A-Z][\w\-]*)?[ ]+$"
)


def organisation_place(text: str, start: int) -> bool:
    """Whether the town at ``start`` names an organisation ("GGD regio Utrecht") rather than
    where someone lives: after such a word, outside a clause about living or staying there."""
    return _ORGANISATION_BEFORE.search(
        text, max(0, start - 30), start
    ) is not None and not _in_a_residence_clause(text, start)


def unlikely_place(text: str, start: int, end: int) -> bool:
    """Whether a town that another detector (deduce) found is more likely an ordinary word, a
    first name, a surname or a street: "Best is om …", "Buren klagen", "Wessel belde"; or part
    of an organisation's name ("GGD regio Utrecht")."""
    name = text[start:end]
    if _STREET_WORD.fullmatch(name) or not name[:1].isupper():
        return True
    if organisation_place(text, start):
        return True
    if _opens_sentence_as_a_word(text, start, end):
        return True
    return " " not in name and _ambiguous_place(name) and not place_cue_before(text, start)


def _towns(text: str, out: list[Finding]) -> None:
    """Towns, villages, municipalities, provinces and regions in deduce's lists."""
    names, longest = _place_names()
    pos = 0
    for m in _PLACE_WORD.finditer(text):
        if m.start() < pos:
            continue  # inside the place found just before
        first = m.group().lower()
        head = first.split(" ", 1)[0]
        if (
            head not in longest
            and "-" not in head[3:]
            and ("’" not in head or head.replace("’", "'") not in longest)
        ):
            continue  # most capitalised words: no place starts with them
        first = first.replace("’", "'")
        first_end = m.end()
        if first.split()[0] not in longest and "-" in first[3:]:
            # "Utrecht-Noord": the town, then its part (see _TOWN_PART)
            cut = first.index("-", 3)
            first, first_end = first[:cut], m.start() + cut
        most = longest.get(first.split()[0], 0)
        if not most:
            continue
        # The longest place that starts here: "Wijk bij Duurstede" rather than "Wijk".
        words, ends = [first], [first_end]
        while len(words) < most:
            nxt = _NEXT_PLACE_WORD.match(text, ends[-1])
            if not nxt:
                break
            words.append(nxt.group(1).lower())
            ends.append(nxt.end())
        end = None
        for n in range(len(words), 0, -1):
            if " ".join(words[:n]) in names and (n == 1 or text[ends[n - 1] - 1].isalpha()):
                end = ends[n - 1]
                break
        if end is None:
            continue
        name = text[m.start() : end]
        if (
            " " not in name
            and (_ambiguous_place(name) or (name.isupper() and len(name) > 1))
            and not place_cue_before(text, m.start())
        ):
            continue
        if " " not in name and _sentence_initial(text, m.start()) and _ambiguous_place(name):
            continue  # "Best is om eerst te bellen", "Buren klagen"
        if _opens_sentence_as_a_word(text, m.start(), end):
            continue
        part = _TOWN_PART.match(text, end)
        if part:
            end = part.end()
        _add(out, text, m.start(), end, "place")
        pos = end


def _neighbourhoods(text: str, out: list[Finding]) -> None:
    """Neighbourhoods after "wijk", "buurt" …, and names of the shape "Schilderswijk"."""
    low = text.lower()
    area_nouns = any(w in low for w in ("wijk", "buurt", "stadsdeel", "deelgemeente", "dorpskern"))
    for m in _AFTER_AREA_NOUN.finditer(text) if area_nouns else ():
        name = m.group("name")
        if name.lower() in _NOT_NAMES or _common_word(name.lower()):
            continue
        _add(out, text, m.start("name"), m.end("name"), "place")
    for m in _AREA_COMPOUND.finditer(text):
        if _sentence_initial(text, m.start()) and not place_cue_before(text, m.start()):
            continue  # "Woonwijk is rustig": a noun at the start of a sentence
        if m.group().lower() in _NOT_STREETS:
            continue
        _add(out, text, m.start(), m.end(), "place")


# Where someone lives, stays or comes from: a capitalised name after "in", "uit", "te" or "naar"
# is a place when such a word comes earlier in the same clause, whether or not it is in a list
# ("geboren op 12 maart 1985 in Nador", "ontheemde uit Charkiv", "woont nu in Hillegersberg").
_RESIDENCE_CUE = re.compile(
    r"(?<![\w\-])(?:woon\w*|woont|wonen|verblijf\w*|verblijv\w*|logeer\w*|verhuis\w*|getogen|"
    r"slaapt|slapen|sliep|sliepen|ingeschreven|opgevangen|opvang|huis|woning|flat|gezin|"
    r"opgegroeid|geboren|geb|afkomstig|oorspronkelijk|komt|komen|kwam|kwamen|gevlucht|statushouders?|"
    r"achtergebleven|vertrok\w*|vertrek\w*|won\.|gewoond|groeide|jeugd|verbleef|verbleven|"
    r"huisbezoek|werkt|werken|pendelt|huurders?|huurster|bewoners?|bewoonster|adres|"
    r"ontheemden?|vluchtelingen?|(?<!veilig[ ])thuis|tijdelijk|herkomst|afkomst)(?![\w\-])",
    re.IGNORECASE,
)
# Words that open a place's name of two words ("Den Bosch", "Al Hoceima", "Nieuw Vennep").
PLACE_PREFIXES = (
    "Den",
    "Het",
    "Sint",
    "Nieuw",
    "Oud",
    "Groot",
    "Klein",
    "Al",
    "El",
    "San",
    "Santa",
)
# A place's name as it is written: "Zwolle", "Den Bosch", "Woensel-Noord".
_PLACE_NAME = rf"(?:(?:{'|'.join(PLACE_PREFIXES)})[ ])?[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)*"
_CUED_PLACE = re.compile(
    rf"(?<![\w\-])(?P<cue>[Ii]n:?|[Uu]it|[Tt]e|[Nn]aar|[Vv]anuit|[Aa]fkomstig[ ]van|"
    rf"(?i:herkomst|afkomst):?|(?i:geboorteplaats|verblijfplaats):?|(?i:woonplaats|wijk):|"
    rf"(?i:woonachtig|wonend)|"
    rf"(?<=\b)[Ww]on\.)[ ]+"
    rf"(?P<place>(?:(?:{'|'.join(PLACE_PREFIXES)})[ ])?"
    rf"[{_UP}][{_LO}]+(?:['’][{_LO}]+)?(?:-[{_UP}][{_LO}]+)*)(?![\w\-'’])"
)
# Cues that say by themselves where someone lives or comes from ("jongen uit Overvecht",
# "belde vanuit Den Bosch", "geboorteplaats: Al Hoceima", "wijk: Presikhaaf").
_SELF_CUES = frozenset(
    {
        "uit",
        "vanuit",
        "afkomstig van",
        "herkomst",
        "afkomst",
        "geboorteplaats",
        "verblijfplaats",
        "woonplaats",
        "wijk",
        "woonachtig",
        "wonend",
        "won.",
    }
)
# A town in its list written in lower case, in a hasty message: "we zitten bij oma in gouda",
# "woont sinds kort in heerhugowaard", "woont havenstraat hilversum".
_CUED_LOWER_TOWN = re.compile(
    rf"(?:(?<![\w\-])(?:in|vanuit|woont|naar|uit|te|richting|(?i:woonplaats|geboorteplaats):?|"
    # A postcode: "8911 KD", "8911 kd"; not "2020 op" (a year and a word).
    rf"[{_LO}]{{3,}}(?:straat|weg|laan|plein|singel))"
    rf"|(?<![\w\-])[1-9]\d{{3}}(?:[ ]?[A-Z]{{2}}|[ ]?{_NOT_POSTCODE_LETTERS}[a-z]{{2}}))[ ,]+"
    # In a look-ahead, so that a street found as the place can be the cue of the town after it.
    rf"(?=(?P<place>(?:(?:den|het|sint|st\.|nieuw|oud|groot|klein)[ ])?[{_LO}][{_LO}'’\-]{{2,}})"
    rf"(?![\w\-'’]))"
)
# After these, a town in lower case is where someone lives only in a clause that says so ("mag hij
# naar kamp?"); after "uit" it is where someone comes from ("oma uit dokkum").
_GOING_CUES = frozenset({"naar", "te"})
_LOWER_STREET_CUE = re.compile(rf"{_LOWER_STREET_WORD}(?=[ ,])")
_LOWER_TOWN_PART = re.compile(r"-(?:noord|zuid|oost|west|centrum)$")
# "woont in de Bijlmer", "wonen in de Kruiskamp", "kwam naar de Bijlmer": a neighbourhood or
# region named with "de".
_IN_THE_PLACE = re.compile(
    rf"(?<![\w\-])(?P<cue>in|naar|uit)[ ]+de[ ]+(?P<place>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)*)(?![\w\-'’])"
)
_MOVED = re.compile(
    r"(?<![\w\-])(?:kwam|kwamen|gekomen|verhuis\w*|gevlucht|vlucht\w*|vertrok\w*|vertrek\w*|"
    r"getrokken|teruggekeerd|opgegroeid)(?:[ ]+[\w'’]+){0,4}[ ]*$",
    re.IGNORECASE,
)
# After a place: ", Woensel-Noord." (its neighbourhood), " en Stein" (the next of a list).
_AFTER_PLACE = re.compile(rf"(?P<sep>[ ]*,[ ]*|[ ]+en[ ]+)(?P<place>{_PLACE_NAME})(?![\w\-'’])")
_PLACE_ENDS = re.compile(r"[ ]*(?:[.;)]|$)")
# After a date of birth: "(geb. 19-10-1988, Paramaribo)", "geboren 03.08.2015, Kharkiv.",
# "geb. 2010-07-19 / Slotervaart": the place of birth.
_AFTER_BIRTH = re.compile(
    rf"[ ]*(?:,|/)[ ]*(?P<place>(?:(?:{'|'.join(PLACE_PREFIXES)})[ ])?"
    rf"[{_UP}][{_LO}]+(?:['’][{_LO}]+)?(?:-[{_UP}][{_LO}]+)*)(?=[ ]*(?:[.,;/)]|$))"
)
# "in Kayseri geboren", "de tijd dat ze in Antwerpen woonden": the word of living after the place.
_RESIDENCE_AFTER = re.compile(
    r"(?:[ ]+[\w'’]+)?[ ]+(?:geboren|woon\w*|opgegroeid|getogen|verbl\w+|gewoond|"
    r"achtergebleven)(?![\w\-])",
    re.IGNORECASE,
)
# The clause a place is in starts after a bracket, a semicolon, a line break or the end of a
# sentence, or after a closing bracket; not after the dot of "geb." or "feb." ("geboren op di. 4 feb. 1997 in Plovdiv").
_CLAUSE_START = re.compile(r".*(?:[.!?](?=[ ]+[A-Z])|[;\n()])", re.DOTALL)
# Countries and continents are not a person's place in the sense of the rules (too large to
# identify anyone); their Dutch names.
_COUNTRIES = _words(
    """
    nederland belgië duitsland frankrijk engeland spanje portugal italië griekenland turkije
    marokko algerije tunesië egypte libië syrië irak iran afghanistan pakistan india china
    eritrea ethiopië somalië soedan jemen nigeria ghana kenia congo angola kaapverdië suriname
    curaçao aruba bonaire indonesië polen roemenië bulgarije hongarije oekraïne rusland litouwen
    letland estland tsjechië slowakije servië bosnië kroatië albanië kosovo macedonië colombia
    venezuela brazilië peru chili argentinië mexico amerika europa afrika azië vietnam thailand
    filipijnen sri lanka bangladesh nepal armenië georgië azerbeidzjan jordanië libanon
    palestina israël saoedi-arabië koeweit oman guinee senegal mali niger kameroen oeganda
    rwanda burundi tanzania zimbabwe zuid-afrika ierland schotland wales zweden noorwegen
    denemarken finland oostenrijk zwitserland luxemburg moldavië wit-rusland
    """
)


# "woont op de Ringbaan-West", "op kamers aan de Oudenoord", "nog op de tolsteegsingel", "aan
# het Spui", "in de dorpsstraat" (after "in" only a word that is a street by its ending: "in de
# Bijlmer" is a neighbourhood).
_CUED_STREET = re.compile(
    rf"(?<![\w\-])(?P<cue>op|aan|in)[ ]+(?:de|het|['’]?t)[ ]+(?P<street>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)*"
    rf"|[{_LO}]{{3,}}(?:{'|'.join(_STRONG_SUFFIXES)}))(?![\w\-'’])"
)


# "(24)", "(m, 52)": an age in brackets inside a clause does not end it ("woont met zijn zoon
# (24) in Woensel").
_AGE_IN_BRACKETS = re.compile(r"\((?:[mvMV],[ ]?)?\d{1,3}\)")


def _in_a_residence_clause(text: str, start: int) -> bool:
    before = _AGE_IN_BRACKETS.sub(lambda m: " " * len(m.group()), text[max(0, start - 60) : start])
    clause = _CLAUSE_START.match(before)
    return _RESIDENCE_CUE.search(before[clause.end() :] if clause else before) is not None


def _not_a_place_word(name: str) -> bool:
    low = name.lower()
    return low in _COUNTRIES or _common_word(low) or low in _NOT_NAMES


def _longest_listed(text: str, start: int, end: int, names: frozenset[str] | set[str]) -> int:
    """The end of the longest place in the lists that starts at ``start`` with the word ending at
    ``end``: "Bos en Lommer" after "woonachtig", not "Bos"."""
    words, ends = [text[start:end].lower()], [end]
    while len(words) < 4:
        nxt = _NEXT_PLACE_WORD.match(text, ends[-1])
        if not nxt:
            break
        words.append(nxt.group(1).lower())
        ends.append(nxt.end())
    for n in range(len(words), 1, -1):
        if " ".join(words[:n]) in names and text[ends[n - 1] - 1].isalpha():
            return ends[n - 1]
    return end


def _places_by_cue(text: str, out: list[Finding]) -> None:
    names, _longest = _place_names()
    # Where the last place said by its cue alone ("vanuit Odesa") ended: only the nearest one
    # can share a clause with what follows (and looking at one keeps this linear).
    self_cued = -1
    for m in _CUED_PLACE.finditer(text):
        name = m.group("place")
        if _not_a_place_word(name):
            continue
        # "uit" and "herkomst" say where someone comes from by themselves ("jongen uit Overvecht").
        cue = m.group("cue").rstrip(":").lower()
        if cue in _SELF_CUES:
            self_cued = m.end()
        elif not (
            _in_a_residence_clause(text, m.start())
            or _RESIDENCE_AFTER.match(text, m.end())
            # "vanuit Odesa eerst naar Wrocław": after such a place in the same clause.
            or (self_cued >= 0 and _same_clause(text, self_cued, m.start()))
        ):
            continue
        end = _longest_listed(text, m.start("place"), m.end("place"), names)
        _add(out, text, m.start("place"), end, "place")
    for m in _CUED_LOWER_TOWN.finditer(text):
        name = m.group("place")
        part = _LOWER_TOWN_PART.search(name)
        town = name[: part.start()] if part and name not in names else name
        if town not in names or _common_word(town) or town in FIRST_NAMES:
            continue
        if m.group().split()[0] in _GOING_CUES and not (
            _in_a_residence_clause(text, m.start()) or _RESIDENCE_AFTER.match(text, m.end("place"))
        ):
            continue  # "mag hij naar kamp?": going somewhere, unless to live there
        _add(out, text, m.start("place"), m.end("place"), "place")
        cue = _LOWER_STREET_CUE.match(text, m.start())
        if cue and cue.group().lower() not in _NOT_STREETS:
            _add(out, text, cue.start(), cue.end(), "street")  # "beatrixlaan hellevoetsluis"
    for m in _IN_THE_PLACE.finditer(text):
        name = m.group("place")
        if (
            _not_a_place_word(name)
            or name.lower().endswith(_STRONG_SUFFIXES)
            or not _in_a_residence_clause(text, m.start())
            # After "naar de"/"uit de" only where someone moved: "kwam naar de Bijlmer", "verhuisd
            # uit de Kruiskamp"; not "woont in Tilburg en gaat naar de Jumbo".
            or (
                m.group("cue") != "in"
                and not _MOVED.search(text, max(0, m.start() - 40), m.start())
            )
        ):
            continue
        _add(out, text, m.start("place"), m.end("place"), "place")
    for m in _CUED_STREET.finditer(text):
        name = m.group("street")
        strong = name.lower().endswith(_STRONG_SUFFIXES)
        if m.group("cue") == "in" and not strong:
            continue
        if not strong and (_common_word(name.lower()) or name.lower() in _NOT_NAMES):
            continue
        if name.lower() in _NOT_STREETS or not (
            _in_a_residence_clause(text, m.start()) or (strong and name[0].islower())
        ):
            continue
        _add(out, text, m.start("street"), m.end("street"), "street")


_SENTENCE_BREAK = re.compile(r"[.;!?\n](?:[ ]|$)")


def _same_clause(text: str, start: int, end: int) -> bool:
    return end - start < 80 and _SENTENCE_BREAK.search(text, start, end) is None
