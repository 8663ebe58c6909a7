"""Search snippets with the matched words marked; the stemming itself is ``beraad.lib.stems``."""

from __future__ import annotations

from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from beraad.lib.stems import (
    STOP_WORDS,
    WORD,
    content_stem_string,
    fold,
    plain_words,
    query_stems,
    stem,
    stem_string,
    stems,
    words,
)

__all__ = [
    "STOP_WORDS",
    "content_stem_string",
    "fold",
    "plain_words",
    "query_stems",
    "snippet",
    "stem",
    "stem_string",
    "stems",
    "words",
]


def snippet(text: str, query: list[str], width: int = 90) -> SafeString | None:
    """A piece of text around its first matching word, every matching word in <mark>.

    A word matches when its stem starts with a query stem, as in the search itself.
    Returns None when nothing in the text matches.
    """
    spans = [
        match.span()
        for match in WORD.finditer(text)
        if any(stem(match.group()).startswith(q) for q in query)
    ]
    if not spans:
        return None
    start = max(0, spans[0][0] - width)
    end = min(len(text), spans[0][1] + width * 2)
    if start:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", spans[0][1], end) if " " in text[spans[0][1] : end] else end
    pieces: list[str] = ["…" if start else ""]
    position = start
    for begin, finish in spans:
        if begin < start or finish > end:
            continue
        pieces.append(str(conditional_escape(text[position:begin])))
        pieces.append(str(format_html("<mark>{}</mark>", text[begin:finish])))
        position = finish
    pieces.append(str(conditional_escape(text[position:end])))
    pieces.append("…" if end < len(text) else "")
    return mark_safe("".join(pieces))
