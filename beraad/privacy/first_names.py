"""The gender a first name is usually given to, for ``coreference`` only.

It is weak evidence, used last: a title or a word of kinship in the text always outranks it, and a
name given to women and to men alike ("Kim", "Jan", "Robin") says nothing. It tells apart "mevrouw
El Amrani" and "meneer El Amrani" beside "Naima El Amrani" when the text says nothing else; the
person's gender is never shown, stored or used for anything else. The list is derived from
nomquamgender (``data/build_first_name_genders.py``).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from pathlib import Path

OUTPUT = Path(__file__).parent / "data" / "first_name_genders.txt"


def fold(name: str) -> str:
    """Lower case without accents: "Ayşe" → "ayse", "Öztürk" → "ozturk"."""
    decomposed = unicodedata.normalize("NFKD", name.casefold().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _genders() -> dict[str, str]:
    """The list, without what is more often something else here: a common Dutch surname that is no
    first name ("Smit", "Dekker", "Janssen"), an ordinary word ("kok", "papa", "van") or a word for
    a title or a relative ("meester", "tante", "zuster")."""
    from beraad.privacy.rules.vocabulary import (
        _TITLE_WORDS,
        FIRST_NAMES,
        _common_word,
        _deduce_list,
    )

    surnames = _deduce_list("names/lst_surname")
    first = _deduce_list("names/lst_first_name") | FIRST_NAMES
    with OUTPUT.open(encoding="utf-8") as lines:
        listed = dict(line.rstrip("\n").split("\t") for line in lines)
    return {
        name: gender
        for name, gender in listed.items()
        if not (name in surnames and name not in first)
        and not _common_word(name)
        and name not in _TITLE_WORDS
        and name not in _NOT_FIRST_NAMES
    }


# Words for people that are in no list of ours but were given as first names somewhere.
_NOT_FIRST_NAMES = frozenset(
    ["zuster", "broeder", "pater", "dokter", "juffrouw", "mama", "papa", "oma", "opa"]
)


def usual_gender(first_name: str) -> str | None:
    """ "f" or "m" where the name is given to one gender in at least nine cases of ten, else None.
    A double first name counts by its first part ("Jan-Peter")."""
    name = fold(first_name).strip(".")
    genders = _genders()
    return genders.get(name) or genders.get(name.split("-")[0])


def is_first_name(word: str) -> bool:
    """Whether a word is a first name: in the rules' list of common ones, or given to one gender
    often enough to be in this one."""
    from beraad.privacy.rules.vocabulary import FIRST_NAMES

    return word.lower() in FIRST_NAMES or usual_gender(word) is not None
