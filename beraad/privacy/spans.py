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
