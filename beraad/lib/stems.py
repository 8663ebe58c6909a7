"""Dutch words to Snowball stems (no Django): what search, similarity and the library compare.

PostgreSQL's ``dutch`` text-search configuration uses the same Snowball algorithm, so a word
stems alike on both databases.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"\w+", re.UNICODE)
_local = threading.local()


def fold(text: str) -> str:
    """Lower case without diacritics: "Financiële" → "financiele"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=100_000)
def stem(word: str) -> str:
    # Snowball stemmers keep state while they work: one per thread.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = snowballstemmer.stemmer("dutch")
    return str(stemmer.stemWord(fold(word)))


def words(text: str) -> list[str]:
    return [word for word in WORD.findall(fold(text)) if len(word) > 1]


# Snowball's Dutch stop words (snowballstem.org/algorithms/dutch/stop.txt), plus "we" and
# "wij": words that say nothing about what a dilemma is about. Left out of the similarity
# comparison only; a search still finds them.
STOP_WORDS = frozenset(
    """de en van ik te dat die in een hij het niet zijn is was op aan met als voor had er maar
    om hem dan zou of wat mijn men dit zo door over ze zich bij ook tot je mij uit der daar haar
    naar heb hoe heeft hebben deze u want nog zal me zij nu ge geen omdat iets worden toch al
    waren veel meer doen toen moet ben zonder kan hun dus alles onder ja eens hier wie werd
    altijd doch wordt wezen kunnen ons zelf tegen na reeds wil kon niets uw iemand geweest
    andere we wij""".split()  # noqa: SIM905 - the list as Snowball publishes it
)


def content_stem_string(texts: Iterable[str]) -> str:
    """Like stem_string, without stop words: what the similarity list compares."""
    found = [stem(w) for text in texts for w in words(text) if w not in STOP_WORDS]
    return f" {' '.join(found)} " if found else ""


def plain_words(text: str) -> list[str]:
    """Words as typed (lower case, diacritics kept): PostgreSQL stems them itself."""
    return [word for word in WORD.findall(text.lower()) if len(word) > 1]


def stems(text: str) -> list[str]:
    return [stem(word) for word in words(text)]


def stem_string(texts: Iterable[str]) -> str:
    """ " a b c ": stems between spaces, so a search can match a stem's start (`" schul"`)."""
    found = [s for text in texts for s in stems(text)]
    return f" {' '.join(found)} " if found else ""


def query_stems(query: str, limit: int = 10) -> list[str]:
    """The distinct stems of what someone typed into the search field."""
    seen: dict[str, None] = {}
    for word in words(query):
        seen.setdefault(stem(word), None)
    return list(seen)[:limit]
