"""Replacing detected personal data: tags for a whole text, and pseudonyms within a deliberation."""

from __future__ import annotations

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


class Tagger:
    """Replaces findings by tags such as ``[PERSOON-1]``; the same text gets the same tag, also
    across several texts tagged by one Tagger (a case and its dilemma name the same people)."""

    def __init__(self) -> None:
        self.numbers: dict[tuple[str, str], int] = {}
        self.counters: dict[str, int] = {}

    def tag(self, text: str, findings: list[Finding]) -> str:
        for finding in sorted(findings):
            key = (finding.kind, normalise(finding.text))
            if key not in self.numbers:
                self.counters[finding.kind] = self.counters.get(finding.kind, 0) + 1
                self.numbers[key] = self.counters[finding.kind]
        pieces: list[str] = []
        position = 0
        for finding in sorted(findings):
            if finding.start < position:
                continue  # overlapping findings: the first one wins
            number = self.numbers[(finding.kind, normalise(finding.text))]
            pieces.append(text[position : finding.start])
            pieces.append(f"[{TAGS.get(finding.kind, finding.kind.upper())}-{number}]")
            position = finding.end
        pieces.append(text[position:])
        return "".join(pieces)


def tag_text(text: str, findings: list[Finding]) -> str:
    """Replace each finding by a tag such as ``[PERSOON-1]``; the same text gets the same tag."""
    return Tagger().tag(text, findings)
