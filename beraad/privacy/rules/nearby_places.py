"""Places that their neighbours show (a person's name, a date of birth, an address, the town
before in a list: "broer Yusuf in Nador", "geb. 3-4-1980 te Paramaribo", "Dorpsweg 3, Zuidwijk",
"wonen in Goes, Tholen en Hulst"), and ``_places``, which puts the place rules together."""

from __future__ import annotations

import re

from beraad.privacy.rules.helpers import (
    _add,
)
from beraad.privacy.rules.places import (
    _NOT_STREETS,
    _STRONG_SUFFIXES,
)
from beraad.privacy.rules.towns import (
    _AFTER_BIRTH,
    _AFTER_PLACE,
    _COUNTRIES,
    _PLACE_ENDS,
    _PLACE_NAME,
    PLACE_PREFIXES,
    _in_a_residence_clause,
    _longest_listed,
    _neighbourhoods,
    _not_a_place_word,
    _places_by_cue,
    _towns,
    organisation_place,
)
from beraad.privacy.rules.vocabulary import (
    _LO,
    _UP,
    FIRST_NAMES,
    _place_names,
    _words,
)
from beraad.privacy.spans import Finding


def _places_next_to(text: str, found: list[Finding], births: list[Finding]) -> list[Finding]:
    """Places that only their neighbours show: the place of birth after a date of birth, a
    neighbourhood after its town ("in Eindhoven, Woensel-Noord."), the next town of a list of
    where people live ("wonen in Elsloo en Stein")."""
    names, _longest = _place_names()
    more: list[Finding] = []
    for birth in births:
        m = _AFTER_BIRTH.match(text, birth.end)
        if m is None or _not_a_place_word(m.group("place")):
            continue
        if m.group("place").lower() not in FIRST_NAMES:
            _add(more, text, m.start("place"), m.end("place"), "place")
    queue = [f for f in found if f.kind == "place"]
    seen = {(f.start, f.end) for f in queue}
    while queue:
        place = queue.pop()
        # "Den Haag (Duinoord)", "in Middelburg (Dauwendaele)": its part in brackets; not an
        # abbreviation ("Hengelo (Ov)").
        part = _PART_IN_BRACKETS.match(text, place.end)
        if part and len(part.group("place")) > 3 and not _not_a_place_word(part.group("place")):
            _add(more, text, part.start("place"), part.end("place"), "place")
        # "Helmond-Brandevoort, Stepekolkstraat": a street after its place and a comma; not the
        # word "straat" itself ("Crabbehof, straat Zuidendijk").
        street = _STREET_AFTER_PLACE.match(text, place.end)
        low = street.group("street").lower() if street else ""
        if street and low.endswith(_STRONG_SUFFIXES) and low not in _STRONG_SUFFIXES:
            _add(more, text, street.start("street"), street.end("street"), "street")
        if not _in_a_residence_clause(text, place.start):
            continue
        district = _DISTRICT_AFTER_TOWN.match(text, place.end)
        if (
            district
            and place.text.lower() in names
            and not _not_a_place_word(district.group("place"))
            and district.group("place").lower() not in FIRST_NAMES
        ):
            _add(more, text, district.start("place"), district.end("place"), "place")
        m = _AFTER_PLACE.match(text, place.end)
        if not m or _not_a_place_word(m.group("place")):
            continue
        name = m.group("place")
        listed = name.lower() in names
        span = (m.start("place"), m.end("place"))
        if "en" in m.group("sep"):
            if not listed:
                continue  # "en Stein": a town in the lists, whatever else the word is
        elif not (
            (listed or name.lower() not in FIRST_NAMES)
            and (_PLACE_ENDS.match(text, m.end()) or _LIST_GOES_ON.match(text, m.end()))
        ):
            continue
        _add(more, text, span[0], span[1], "place")
        if span not in seen:  # "wonen in Goes, Tholen en Hulst": the list goes on from here
            seen.add(span)
            queue.append(Finding(span[0], span[1], "place", text[span[0] : span[1]]))
    return more


_PART_IN_BRACKETS = re.compile(rf"[ ]*\([ ]*(?P<place>{_PLACE_NAME})[ ]*\)")
_STREET_AFTER_PLACE = re.compile(rf"[ ]*,[ ]*(?P<street>[{_UP}{_LO}][{_LO}]{{3,}})(?![\w\-'’])")
# After a place of a list: another comma or "en" and a capitalised word.
_LIST_GOES_ON = re.compile(rf"(?:[ ]*,[ ]*|[ ]+en[ ]+)[{_UP}]")


# "broer Yusuf in Nador", "fam. Demir in Lombok": right after a person's name, "in" and a
# capitalised word is where that person is (or stays: "zoon Daan in Parnassia" names a clinic,
# which says as much about him).
_IN_AFTER_NAME = re.compile(
    # "mw. Rosa Mendes (31) in Feijenoord": her age in brackets between.
    rf"(?:[ ]*\([ ]*\d{{1,3}}[ ]*\))?[ ]+in[ ]+(?P<place>(?:(?:{'|'.join(PLACE_PREFIXES)})[ ])?"
    rf"[{_UP}][{_LO}]+(?:['’][{_LO}]+)?(?:-[{_UP}][{_LO}]+)*)(?![\w\-'’])"
)
# "Dorpsweg 3, Zuidwijk", "1234 AB Oosterhout": after an address and a comma, or right after a
# postcode, a capitalised word is the town or the neighbourhood of that address.
_AFTER_ADDRESS = re.compile(rf"[ ]*,[ ]*(?P<place>{_PLACE_NAME})(?![\w\-'’])")
# "Amrani (Lombok)", "Özdemir (Hoograven)": a person's town or neighbourhood in brackets.
_LISTED_IN_BRACKETS = re.compile(rf"[ ]*\([ ]*(?P<place>{_PLACE_NAME})[ ]*\)")
# "Ayşe (37, Kayseri)", "Emre (31, Poelenburg)": an age and a place in brackets after a name.
_AGE_AND_PLACE_IN_BRACKETS = re.compile(
    rf"[ ]*\([ ]*\d{{1,3}}[ ]*,[ ]*(?P<place>{_PLACE_NAME})[ ]*\)"
)
# "Haarlem Schalkwijk", "Ede Veldhuizen", "Enschede Velve-Lindenhof": a town and one of its
# neighbourhoods, with a space.
_DISTRICT_AFTER_TOWN = re.compile(
    rf"[ ](?P<place>[{_UP}][{_LO}]+(?:-[{_UP}][{_LO}]+)*)(?![\w\-'’])"
)
# "zijn moeder in Nador", "haar broer in Rotterdam": where a relative lives.
_KIN_IN_PLACE = re.compile(
    r"(?<![\w\-])(?:(?:zijn|haar|z'n|d'r|hun)[ ]+)?(?:moeder|vader|ouders|broer|broers|zus|zussen|"
    r"zoon|dochter|oma|opa|tante|oom|neef|nicht|familie|vrouw|man|partner|ex)(?:[ ]+nog)?"
    r"(?=[ ]+in[ ])",
    re.IGNORECASE,
)
# "via Lesbos en Athene naar Nederland": the places of a journey.
_VIA = re.compile(
    rf"(?<![\w\-])via[ ]+(?P<places>{_PLACE_NAME}(?:(?:[ ]*,[ ]*|[ ]+en[ ]+){_PLACE_NAME}){{0,4}})"
    rf"[ ]+naar(?![\w\-])"
)
_ONE_PLACE = re.compile(_PLACE_NAME)
# "verhuisde van Amersfoort naar Bunschoten", "verhuist vrijdag van heechterp naar bilgaard":
# where someone moved from and to, in either case.
_FROM_TO = re.compile(
    rf"(?<![\w\-])van[ ]+(?:(?:de[ ]+)?(?P<from>{_PLACE_NAME})|(?P<lower_from>[{_LO}][{_LO}\-]{{2,}}))"
    rf"[ ]+naar[ ]+(?:(?:de[ ]+)?(?P<to>{_PLACE_NAME})|(?P<lower_to>[{_LO}][{_LO}\-]{{2,}}))"
    rf"(?![\w\-'’])"
)
_SENTENCE_END = re.compile(r".*[.;!?\n]", re.DOTALL)
_NOUN_SUFFIX = re.compile(r"(?:ing|heid|ie|schap|teit|nis|ment|age|eur|ist)$")
_MOVING = re.compile(r"(?<![\w\-])verhui[sz]\w*(?![\w\-])", re.IGNORECASE)
# "Paramaribo-geboren": the place of birth written before the word.
_BORN_IN = re.compile(rf"(?<![\w\-])(?P<place>[{_UP}][{_LO}]+)-geboren(?![\w\-])")
# "in de vogelbuurt", "uit de Indische Buurt": a neighbourhood's name with "buurt" or "wijk"
# (not a noun for any neighbourhood: "de woonwijk", "de achterbuurt").
_AREA_NAME = re.compile(
    rf"(?<![\w\-])(?:in|uit|van|naar)[ ]+de[ ]+(?P<place>[{_LO}]{{3,}}(?:buurt|wijk)"
    rf"|[{_UP}][{_LO}]+[ ](?:Buurt|Wijk))(?![\w\-'’])"
)
_AREA_NOUNS = _words(
    """
    woonwijk nieuwbouwwijk probleemwijk achterstandswijk krachtwijk vinexwijk volksbuurt
    achterbuurt arbeiderswijk villawijk buitenwijk randwijk stadswijk woonbuurt winkelbuurt
    studentenbuurt vogelaarwijk aandachtswijk focuswijk prachtwijk uitbreidingswijk
    """
)
# "moeder in de Parkweg, vader in de Wilhelminastraat": the street a relative lives in.
_KIN_IN_STREET = re.compile(
    rf"[ ]+in[ ]+de[ ]+(?P<street>[{_UP}][{_LO}\-]+(?:{'|'.join(_STRONG_SUFFIXES)}))(?![\w\-'’])"
)
# "Straat Botter", "Straatnaam: Zeilmakerstraat": a form's field for the street.
_STREET_FIELD = re.compile(
    rf"(?:^|(?<=[|\t\n])|(?<=[ ]{{2}}))[ ]*+(?-i:Straat|Straatnaam|straatnaam)"
    rf"(?:[ ]*+:[ ]*+|[ ]++)"
    rf"(?P<street>[{_UP}][{_LO}'’\-]+(?:[ ][{_UP}][{_LO}'’\-]+){{0,2}})(?![\w\-'’])"
)
_AFTER_POSTCODE = re.compile(rf"[ ]*(?:,[ ]*)?(?P<place>{_PLACE_NAME})(?![\w\-'’])")


def _places_next_to_people(text: str, out: list[Finding], found: list[Finding]) -> None:
    """Places that a person's name, an address or a postcode the rules found shows: the word
    after it."""
    places, _longest = _place_names()
    after = {
        "name": (_IN_AFTER_NAME, _LISTED_IN_BRACKETS, _AGE_AND_PLACE_IN_BRACKETS),
        "address": (_AFTER_ADDRESS, _IN_AFTER_NAME),
        "postcode": (_AFTER_POSTCODE,),
        "street": (_AFTER_ADDRESS, _IN_AFTER_NAME),
    }
    for via in _VIA.finditer(text):
        for one in _ONE_PLACE.finditer(via.group("places")):
            if not _not_a_place_word(one.group()):
                start = via.start("places") + one.start()
                _add(found, text, start, start + len(one.group()), "place")
    for move in _FROM_TO.finditer(text):
        before = text[max(0, move.start() - 60) : move.start()]
        sentence = _SENTENCE_END.match(before)
        if not _MOVING.search(before[sentence.end() :] if sentence else before):
            continue
        lower = [move.group(g) for g in ("lower_from", "lower_to") if move.group(g)]
        if lower and (
            len(set(lower)) < len(lower) or any(len(w) < 5 or _NOUN_SUFFIX.search(w) for w in lower)
        ):
            continue  # "van afdeling naar afdeling", "van koop naar huur"
        for group in ("from", "to", "lower_from", "lower_to"):
            if move.group(group) and not _not_a_place_word(move.group(group)):
                _add(found, text, move.start(group), move.end(group), "place")
    for born in _BORN_IN.finditer(text):
        if not _not_a_place_word(born.group("place")):
            _add(found, text, born.start("place"), born.end("place"), "place")
    for area in _AREA_NAME.finditer(text):
        if area.group("place").lower() not in _AREA_NOUNS:
            _add(found, text, area.start("place"), area.end("place"), "place")
    for kin in _KIN_IN_PLACE.finditer(text):
        m = _IN_AFTER_NAME.match(text, kin.end())
        if m is not None and not _not_a_place_word(m.group("place")):
            _add(found, text, m.start("place"), m.end("place"), "place")
        street = _KIN_IN_STREET.match(text, kin.end())
        if street is not None and street.group("street").lower() not in _NOT_STREETS:
            _add(found, text, street.start("street"), street.end("street"), "street")
    for field in _STREET_FIELD.finditer(text):
        if not _not_a_place_word(field.group("street")):
            _add(found, text, field.start("street"), field.end("street"), "street")
    for finding in out:
        patterns = after.get(finding.kind, ())
        m = next((hit for p in patterns if (hit := p.match(text, finding.end))), None)
        if m is not None and m.re is _AGE_AND_PLACE_IN_BRACKETS:
            if not _not_a_place_word(m.group("place")):
                _add(found, text, m.start("place"), m.end("place"), "place")
            continue
        if m is not None and m.re is _LISTED_IN_BRACKETS and m.group("place").lower() not in places:
            continue  # "Amrani (Lombok)": a town or neighbourhood of the lists, not "(Mo)"
        if m is None:
            continue
        name = m.group("place")
        end = _longest_listed(text, m.start("place"), m.end("place"), places)
        listed = text[m.start("place") : end].lower() in places
        if _not_a_place_word(name) and not (
            # "Lammenschansweg 42, Leiden": after an address a town of the lists is that town,
            # also where its name is a word as well ("leiden", "breda").
            listed and finding.kind != "name" and name.lower() not in _COUNTRIES
        ):
            continue
        if not listed and name.lower().endswith(_PART_OF_A_HOUSE):
            continue  # "Kerkstraat 12, Bovenwoning"
        if (
            finding.kind == "street"
            and not listed
            and not (
                finding.text.lower().endswith(_STRONG_SUFFIXES)
                and (_PLACE_ENDS.match(text, end) or _LIST_GOES_ON.match(text, end))
            )
        ):
            continue  # "aan de Kerkstraat, Ze …": only a word that ends the street's mention
        _add(found, text, m.start("place"), end, "place")


# What follows an address that is part of the house, not its town.
_PART_OF_A_HOUSE = (
    "woning", "etage", "verdieping", "achterom", "achterhuis", "voorhuis", "kamer", "zijde",
    "souterrain", "zolder", "portiek", "ingang",
)  # fmt: skip


def _places(text: str, out: list[Finding]) -> None:
    found: list[Finding] = []
    _towns(text, found)
    _neighbourhoods(text, found)
    _places_by_cue(text, found)
    _places_next_to_people(text, out, found)
    births = [f for f in out if f.kind == "date_of_birth"]
    found.extend(_places_next_to(text, found, births))
    out.extend(f for f in found if f.kind != "place" or not organisation_place(text, f.start))
