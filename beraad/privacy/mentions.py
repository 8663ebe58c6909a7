"""Further mentions of a name in a text: once "Piet Jansen" is found, "Piets dochter" and "Jansen"
elsewhere are names too, also where the detector did not find them."""

from __future__ import annotations

import re
from collections.abc import Iterable

from beraad.privacy.name_forms import _APOSTROPHES, PARTICLES, TITLES, Mention, leading_title


def name_words(mentions: Iterable[Mention]) -> set[str]:
    """The words (first names, surnames) of the people these mentions name, as typed: a later
    mention of just one of them is a mention too, even where the detector did not find it."""
    words: set[str] = set()
    for mention in mentions:
        text = mention.text.translate(_APOSTROPHES)
        skip = leading_title(text)
        for word in text[skip:].split():
            word = word.removesuffix("'s").rstrip("'")
            if (
                len(word) >= 3
                and word[0].isupper()
                and word.casefold() not in PARTICLES
                and word.casefold() not in TITLES
                and "." not in word
            ):
                words.add(word)
                if word.isupper():  # "TOM HENDRIKS" then "Tom"
                    words.add(word.capitalize())
    return words


def more_mentions(
    text: str, words: set[str], taken: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Where ``text`` names one of ``words`` again (capitalised as typed, whole word, also with a
    possessive "s" or "'s") outside the ``taken`` spans: (start, end) of each."""
    if not words:
        return []
    taken = list(taken)
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w'’-])(?:{alternatives})(?:['’]s|s|['’])?(?![\w'’-])")
    found = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if any(start < b and a < end for a, b in taken):
            continue
        found.append((start, end))
    return found
