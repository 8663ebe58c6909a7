"""Small helpers that every rule uses."""

from __future__ import annotations

from beraad.privacy.spans import Finding


def _sentence_initial(text: str, start: int) -> bool:
    """Whether ``start`` begins a sentence, line or list item (where any word is capitalised)."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"'“‘(*•-–—":
        i -= 1
    return i < 0 or text[i] in ".!?:\n;"


def _add(out: list[Finding], text: str, start: int, end: int, kind: str) -> None:
    if end > start:
        out.append(Finding(start, end, kind, text[start:end]))
