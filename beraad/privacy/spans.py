from __future__ import annotations

from dataclasses import dataclass

KINDS = (
    "name",
    "bsn",
    "phone",
    "email",
    "address",
    "postcode",
    "iban",
    "date_of_birth",
    "age",
    "licence_plate",
    "case_number",
    "street",
    "url",
    # A town, city, village or neighbourhood: it narrows down who a case is about, but alone
    # identifies nobody, so it is no direct identifier and gives way to every other kind.
    "place",
)
DIRECT = frozenset(
    {"name", "bsn", "phone", "email", "address", "postcode", "iban", "date_of_birth"}
)


@dataclass(frozen=True, order=True)
class Finding:
    start: int
    end: int
    kind: str
    text: str
