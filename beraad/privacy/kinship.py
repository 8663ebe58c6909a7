"""What the words around a name say about the person's gender: a word of kinship next to it
("haar zoon Tim Bakker", "zijn vrouw Ria", "Senait, zijn dochter,"), or "haar/zijn" + a word of
kinship after a name that opens its sentence. ``coreference`` uses it as evidence, like a title,
and above a first name's usual gender (``first_names``)."""

from __future__ import annotations

import re

from beraad.privacy.name_forms import _TITLE_PATTERN, _TRAILING_TITLE

_KIN_PREFIX = r"(?:schoon|stief|pleeg|groot|overgroot|klein|half|ex-?)?"
KINSHIP: dict[str, str] = {
    **dict.fromkeys(
        [
            "moeder",
            "dochter",
            "zus",
            "zuster",
            "oma",
            "tante",
            "nicht",
            "vrouw",
            "echtgenote",
            "vriendin",
            "buurvrouw",
            "mama",
            "meisje",
            "weduwe",
            "cliënte",
        ],
        "f",
    ),
    **dict.fromkeys(
        [
            "vader",
            "zoon",
            "broer",
            "opa",
            "oom",
            "neef",
            "man",
            "echtgenoot",
            "vriend",
            "buurman",
            "papa",
            "jongen",
            "weduwnaar",
            "zwager",
        ],
        "m",
    ),
}
_KIN = "|".join(sorted(KINSHIP, key=len, reverse=True))
# A word that may stand between "haar" and "zoon" ("haar jongste zoon"); in "noemt haar gewoon
# oma", "haar" is not a possessive.
_KIN_ADJ = (
    r"(?:(?:jongste|oudste|middelste|eigen|enige|oude|nieuwe|huidige|vorige|overleden|tweede|"
    r"eerste|derde|kleine|grote|volwassen|minderjarige|biologische|zieke)\s+)?"
)
# "haar zoon Tim", "moeder (Ayşe", "Vader: Mehmet"; no comma: in "zoon en dochter, Tim en Lisa"
# the word before the comma is not Tim's.
_KIN_BEFORE = re.compile(rf"(?<![\w-]){_KIN_PREFIX}({_KIN})\s*[(:]?\s*$", re.IGNORECASE)
# "Tim, haar jongste zoon,", "Senait (dochter", "Ria, de vrouw van": an apposition, so the word
# of kinship ends a phrase; "Fatima, haar man en de kinderen" is a list, not Fatima's gender.
_KIN_AFTER = re.compile(
    rf"^\s*(?:,\s*(?:(?:de|het|een|haar|zijn|hun|diens)\s+)?{_KIN_ADJ}|\(\s*)"
    rf"{_KIN_PREFIX}({_KIN})(?=\s*(?:van\b|[,.;:)]|$))"
    # "Gerda Jansen is de moeder van Ruud", "Frank was haar ex-man".
    rf"|^\s+(?:is|was|wordt)\s+(?:de|het|een|haar|zijn|hun)\s+{_KIN_ADJ}{_KIN_PREFIX}({_KIN})"
    rf"(?![\w-])",
    re.IGNORECASE,
)
# "haar zoon", "zijn vrouw": a possessive before a word of kinship, said of the sentence's subject.
_OWN_KIN = re.compile(rf"(?<![\w-])(haar|zijn)\s+{_KIN_ADJ}{_KIN_PREFIX}(?:{_KIN})(?![\w-])", re.I)
_SENTENCE_END = re.compile(r"[.!?\n]")


def kinship_gender(text: str, start: int, end: int) -> str:
    """The gender a word of kinship right before or after ``text[start:end]`` gives it, or ""."""
    for match in (
        _KIN_BEFORE.search(text[max(0, start - 40) : start]),
        _KIN_AFTER.match(text[end : end + 40]),
    ):
        if match:
            return KINSHIP[(match.group(1) or match.group(2)).casefold()]
    return ""


def subject_gender(text: str, start: int, end: int, next_name: int) -> str:
    """The gender "haar"/"zijn" before a word of kinship gives a name that opens its sentence,
    when no other name comes between ("Fatima Bakker belde over haar dochter": f), or ""."""
    # Only the few words before the name (a window): a long text is not read again per name.
    window = max(0, start - 40)
    title = _TRAILING_TITLE.search(text, window, start)
    last = title.start() if title else start
    while last > 0 and text[last - 1].isspace():  # each name's own run of spaces: linear
        last -= 1
    if last > 0 and text[last - 1] not in ".!?:\n":
        return ""
    stop = _SENTENCE_END.search(text, end)
    limit = min(next_name, stop.start() if stop else len(text))
    match = _OWN_KIN.search(text, end, limit)
    if not match:
        return ""
    return "f" if match.group(1).casefold() == "haar" else "m"


# "meneer Öztürk en zijn zoon Emre Öztürk", "mw. Pinas met haar zoon Dwayne": a name right after
# "zijn/haar" + a word of kinship is a relative of the name before it in the sentence.
_RELATIVE_BEFORE = re.compile(
    rf"(?<![\w-])(?:zijn|haar|z'n|z’n|d'r)\s+{_KIN_ADJ}{_KIN_PREFIX}(?:{_KIN})\s*+[(:,]?\s*+"
    rf"(?:(?:{_TITLE_PATTERN})\s+)?$",
    re.IGNORECASE,
)


def _opens_the_next_sentence(text: str, previous_end: int, start: int) -> bool:
    """Whether ``start`` opens the sentence after the one ``previous_end`` is in."""
    ends = list(_SENTENCE_END.finditer(text, previous_end, start))
    return len(ends) == 1 and not text[ends[0].end() : start].strip(" \t\"'“‘")


# "Dhr. Schuurman belde over zijn vrouw Dineke", "mw. Kramer en haar man Kees": a spouse named by
# a first name alone, right after "zijn vrouw" or "haar man".
_SPOUSE_BEFORE = re.compile(
    r"(?<![\w-])(?:zijn|z'n|z’n)\s+(?:vrouw|echtgenote)\s*+[(:,]?\s*+$"
    r"|(?<![\w-])(?:haar|d'r)\s+(?:man|echtgenoot)\s*+[(:,]?\s*+$",
    re.IGNORECASE,
)


_ANOTHER_PERSON = re.compile(
    rf"(?<![\w-]){_KIN_PREFIX}(?:{_KIN}|buur\w*|collega|vriend\w*|meneer|mevrouw|man|vrouw|"
    r"jongen|meisje|kind|cliënt\w*)(?![\w-])",
    re.IGNORECASE,
)


def spouse_of_previous(text: str, previous_end: int, start: int) -> bool:
    """Whether the name at ``start`` is named as the spouse of the name ending at
    ``previous_end``, in the same sentence ("Dhr. Schuurman belde over zijn vrouw Dineke"); the
    spouse is then likely addressed by that surname ("Mw. Schuurman")."""
    if _SENTENCE_END.search(text, previous_end, start):
        return False
    spouse = _SPOUSE_BEFORE.search(text, max(previous_end, start - 30), start)
    # "Peter de Boer vertelde over de buurman en zijn vrouw Fatima": the neighbour's wife.
    return spouse is not None and not _ANOTHER_PERSON.search(text, previous_end, spouse.start())


# "Bakkers dochter Anouk", "Fatima's zoon Amir": a possessive name, a word of kinship, a name.
_KIN_BETWEEN = re.compile(rf"\s++{_KIN_ADJ}{_KIN_PREFIX}(?:{_KIN})\s*+[(:,]?\s*+", re.IGNORECASE)


def relative_of_previous(text: str, previous_end: int, start: int, previous: str) -> bool:
    """Whether the name at ``start`` is named as a relative of the name ``previous`` that ends
    at ``previous_end``, earlier in the same sentence: so they are two people."""
    between = text[previous_end:start]
    relative = _RELATIVE_BEFORE.search(text, max(previous_end, start - 50), start)
    if _SENTENCE_END.search(between):
        # "Mei Ling Chen is vaak moe. Haar moeder, mevrouw Chen, …": a sentence that opens with
        # "haar"/"zijn" and a word of kinship names a relative of the name before it.
        return relative is not None and _opens_the_next_sentence(
            text, previous_end, relative.start()
        )
    if relative:
        return True
    possessive = previous.rstrip().endswith(("s", "'s", "’s", "'", "’"))
    return possessive and _KIN_BETWEEN.fullmatch(between) is not None


# "Johannes Kuiper, roepnaam Hans", "Wilhelmina Dijkstra (roepnaam Mien)": another name of the
# person named just before.
_ALIAS_BETWEEN = re.compile(
    r"\s*+[,(]?\s*+(?:roepnaam|bijnaam|alias|ook\s+wel|ook\s+bekend\s+als|beter\s+bekend\s+als|"
    r"genaamd|die\s+zich\s+\w+\s+noemt|noemt\s+zich)\s*:?\s*",
    re.IGNORECASE,
)


def alias_of_previous(text: str, previous_end: int, start: int) -> bool:
    """Whether the name at ``start`` is given as another name of the one ending at
    ``previous_end`` ("Johannes Kuiper, roepnaam Hans")."""
    return _ALIAS_BETWEEN.fullmatch(text, previous_end, start) is not None
