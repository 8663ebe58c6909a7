"""Replacing detected personal data: tags for a whole text, and pseudonyms within a deliberation."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from beraad.privacy.coreference import Chooser, resolve
from beraad.privacy.kinship import (
    alias_of_previous,
    kinship_gender,
    relative_of_previous,
    spouse_of_previous,
    subject_gender,
)
from beraad.privacy.mentions import more_mentions, name_words
from beraad.privacy.name_forms import PARTICLES, Mention, leading_title, parse, title_before
from beraad.privacy.spans import Finding

TAGS = {
    "name": "PERSOON",
    "bsn": "BSN",
    "phone": "TELEFOON",
    "email": "EMAIL",
    "address": "ADRES",
    "postcode": "POSTCODE",
    "iban": "IBAN",
    "date_of_birth": "GEBOORTEDATUM",
    "age": "LEEFTIJD",
    "licence_plate": "KENTEKEN",
    "case_number": "DOSSIERNUMMER",
    "street": "STRAAT",
    "url": "URL",
    "place": "PLAATS",
}


def normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


@dataclass(frozen=True)
class Span:
    """What replacement replaces: a finding, for a name without the title typed before or at the
    start of it ("mevrouw" stays in the text), with that title and the mention to resolve."""

    start: int
    end: int
    kind: str
    text: str
    title: str = ""
    mention: Mention | None = None


def spans(text: str, findings: Iterable[Finding]) -> list[Span]:
    """The findings as replaceable spans, in order; of overlapping findings the first one wins."""
    result: list[Span] = []
    position = 0
    for finding in sorted(findings):
        if finding.start < position:
            continue
        position = finding.end
        if finding.kind != "name":
            result.append(Span(finding.start, finding.end, finding.kind, finding.text))
            continue
        start = finding.start + leading_title(finding.text)
        title = text[finding.start : start] or title_before(text, start)
        name = text[start : finding.end]
        mention = Mention(name, title, kinship_gender(text, start, finding.end))
        result.append(Span(start, finding.end, "name", name, title, mention))
    return _with_subject_genders(text, result)


def _with_subject_genders(text: str, found: list[Span]) -> list[Span]:
    """A name opening a sentence followed by "haar/zijn" + a word of kinship gets that gender."""
    names = [s for s in found if s.mention is not None]
    place = {id(s): n for n, s in enumerate(names)}  # spans are in order and do not overlap
    result = []
    for span in found:
        mention = span.mention
        if mention is not None:
            n = place[id(span)]
            after = names[n + 1] if n + 1 < len(names) else None
            before = names[n - 1] if n > 0 else None
            if before is not None and relative_of_previous(
                text, before.end, span.start, before.text
            ):
                mention = replace(mention, apart=(before.text, before.title))
            if before is not None and alias_of_previous(text, before.end, span.start):
                mention = replace(mention, alias_of=(before.text, before.title))
            if not mention.hint:
                hint = subject_gender(
                    text, span.start, span.end, after.start if after else len(text)
                )
                mention = replace(mention, hint=hint)
            if after is not None and after.mention is not None:
                mention = replace(mention, surname=shared_surname(text, span, after))
            if (
                not mention.surname
                and before is not None
                and " " not in span.text.strip()
                and spouse_of_previous(text, before.end, span.start)
            ):
                # "Dhr. Schuurman … zijn vrouw Dineke": Dineke Schuurman, so "Mw. Schuurman" is she.
                mention = replace(mention, surname=surname_of(before))
            span = replace(span, mention=mention)
        result.append(span)
    return result


_AND = re.compile(r"\s+(?:en|&)\s+")


def surname_of(span: Span) -> str:
    """The surname in a name as mentioned: all of it after a title ("Dhr. Schuurman"), else the
    words from the first particle or the last word ("Ronny Sabajo", "Kees van Dam"); "" for a
    first name alone or a possessive."""
    words = span.text.split()
    if not words or words[-1].endswith(("'s", "’s", "'", "’")):
        return ""
    if span.title.strip():
        # "Dhr. J. Schuurman", "Meneer Kees Schuurman": the surname without initials or first name.
        return parse(Mention(span.text, span.title)).surname or " ".join(words)
    if len(words) == 1:
        return ""
    cut = next(
        (i for i in range(1, len(words)) if words[i].casefold() in PARTICLES), len(words) - 1
    )
    return " ".join(words[cut:])


def shared_surname(text: str, first: Span, then: Span) -> str:
    """ "Jelle en Sietse de Boer": the surname "Jelle" shares with the full name right after it."""
    if " " in first.text.strip() or not _AND.fullmatch(text[first.end : then.start]):
        return ""
    words = then.text.split()
    cut = next(
        (i for i in range(1, len(words)) if words[i].casefold() in PARTICLES), len(words) - 1
    )
    return " ".join(words[cut:]) if len(words) > 1 else ""


def with_more_names(
    texts: Mapping[str, str], findings: Mapping[str, list[Finding]]
) -> dict[str, list[Finding]]:
    """The findings, plus every further mention of a word of a name found in any of the texts
    ("Piet Jansen" found, then "Piets dochter" and "Jansen" are names too)."""
    mentions = name_mentions(spans(text, findings.get(key, [])) for key, text in texts.items())
    words = name_words(mentions)
    return {key: more_names(text, findings.get(key, []), words) for key, text in texts.items()}


def more_names(text: str, findings: list[Finding], words: set[str]) -> list[Finding]:
    taken = [(f.start, f.end) for f in findings]
    extra = [Finding(a, b, "name", text[a:b]) for a, b in more_mentions(text, words, taken)]
    return sorted([*findings, *extra])


def name_mentions(spans_of_texts: Iterable[list[Span]]) -> list[Mention]:
    return [s.mention for spans_ in spans_of_texts for s in spans_ if s.mention is not None]


def name_form(pseudonym: str, *, titled: bool, possessive: bool, letter: str) -> str:
    """How a name's pseudonym is written: "persoon A"; after a title the letter alone ("mevrouw
    A", not "mevrouw persoon A"); a possessive written with the name keeps its "'s" ("Bakkers
    dochter" → "persoon A's dochter": Dutch writes a letter's possessive with an apostrophe)."""
    written = letter if titled else pseudonym
    return f"{written}'s" if possessive else written


def sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in ".!?:\n"


def capitalised(replacement: str, text: str, start: int) -> str:
    """ "Persoon A belde." at the start of a sentence, "persoon A" elsewhere."""
    if sentence_start(text, start) and replacement[:1].islower():
        return replacement[:1].upper() + replacement[1:]
    return replacement


@dataclass(frozen=True)
class Tagged:
    """A span and the tag it got; ``person`` is the name's person number (same person, same
    number), ``candidates`` the people an ambiguous name could be."""

    span: Span
    tag: str
    person: int | None = None
    candidates: tuple[int, ...] = ()


class Tagger:
    """Replaces findings by tags such as ``[PERSOON-1]``. Names are resolved to people
    (``coreference``): "Fatima Bakker", "mevrouw Bakker" and "Fatima" get one tag, also across
    several texts tagged together (a case and its dilemma name the same people). Other kinds: the
    same text gets the same tag."""

    def __init__(self, choose: Chooser | None = None) -> None:
        self.choose = choose
        self.numbers: dict[tuple[str, str], int] = {}
        self.counters: dict[str, int] = {}

    def _other(self, span: Span) -> str:
        key = (span.kind, normalise(span.text))
        if key not in self.numbers:
            self.counters[span.kind] = self.counters.get(span.kind, 0) + 1
            self.numbers[key] = self.counters[span.kind]
        return f"[{TAGS.get(span.kind, span.kind.upper())}-{self.numbers[key]}]"

    def tag_all(
        self, texts: Mapping[str, str], findings: Mapping[str, list[Finding]]
    ) -> dict[str, tuple[str, list[Tagged]]]:
        """Every text with its findings replaced, and what each span got."""
        findings = with_more_names(texts, findings)
        found = {name: spans(text, findings.get(name, [])) for name, text in texts.items()}
        resolution = resolve(name_mentions(found.values()), self.choose)
        result = {}
        for name, text in texts.items():
            pieces, tagged, position = [], [], 0
            for span in found[name]:
                if span.mention is not None:
                    assignment = resolution.of(span.mention)
                    tag = f"[{TAGS['name']}-{assignment.person}]"
                    if assignment.possessive:
                        tag += "'s"
                    tagged.append(Tagged(span, tag, assignment.person, assignment.candidates))
                else:
                    tag = self._other(span)
                    tagged.append(Tagged(span, tag))
                pieces.append(text[position : span.start])
                pieces.append(tag)
                position = span.end
            pieces.append(text[position:])
            result[name] = ("".join(pieces), tagged)
        return result

    def tag(self, text: str, findings: list[Finding]) -> str:
        return self.tag_all({"": text}, {"": findings})[""][0]


def tag_text(text: str, findings: list[Finding]) -> str:
    """Replace each finding by a tag such as ``[PERSOON-1]``; one person gets one tag."""
    return Tagger().tag(text, findings)
