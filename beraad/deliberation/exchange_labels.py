"""The exchange format's fields in words a person knows: an import problem names the field in
Dutch ("Belanghebbende 4 › Hoe deze partij het ziet"), not as a JSON path.

Keys are JSON paths without the leading "$." and with "[]" for any position in a list; a key ending
in "[]" names one item of that list and has "%(n)s" for its number (counted from 1). A test checks
that every field of the schema has a label here.
"""

from __future__ import annotations

import re

from django.utils.functional import Promise
from django.utils.translation import pgettext_lazy

LABELS: dict[str, str | Promise] = {
    "": pgettext_lazy("exchange field", "The file as a whole"),
    "format": pgettext_lazy("exchange field", "Format"),
    "exported_at": pgettext_lazy("exchange field", "Export date"),
    "title": pgettext_lazy("exchange field", "Title"),
    "held_on": pgettext_lazy("exchange field", "Date of the deliberation"),
    "language": pgettext_lazy("exchange field", "Language"),
    "themes": pgettext_lazy("exchange field", "Themes"),
    "themes[]": pgettext_lazy("exchange field", "Theme %(n)s"),
    "consent": pgettext_lazy("exchange field", "Client's consent"),
    "confidentiality_agreed": pgettext_lazy("exchange field", "Confidentiality agreed"),
    "participants": pgettext_lazy("exchange field", "Participants"),
    "participants[]": pgettext_lazy("exchange field", "Participant %(n)s"),
    "participants[].key": pgettext_lazy("exchange field", "Key"),
    "participants[].role": pgettext_lazy("exchange field", "Role"),
    "case": pgettext_lazy("exchange field", "Case"),
    "case.description": pgettext_lazy("exchange field", "Description of the case"),
    "case.questions": pgettext_lazy("exchange field", "Questions"),
    "case.questions[]": pgettext_lazy("exchange field", "Question %(n)s"),
    "case.questions[].question": pgettext_lazy("exchange field", "Question"),
    "case.questions[].answer": pgettext_lazy("exchange field", "Answer"),
    "dilemma": pgettext_lazy("exchange field", "Dilemma"),
    "dilemma.question": pgettext_lazy("exchange field", "Moral question"),
    "dilemma.owner": pgettext_lazy("exchange field", "Whose dilemma"),
    "dilemma.option_a": pgettext_lazy("exchange field", "Horn A"),
    "dilemma.harm_a": pgettext_lazy("exchange field", "What goes wrong with A"),
    "dilemma.option_b": pgettext_lazy("exchange field", "Horn B"),
    "dilemma.harm_b": pgettext_lazy("exchange field", "What goes wrong with B"),
    "dilemma.values_a": pgettext_lazy("exchange field", "Values behind horn A"),
    "dilemma.values_a[]": pgettext_lazy("exchange field", "Value %(n)s behind horn A"),
    "dilemma.values_b": pgettext_lazy("exchange field", "Values behind horn B"),
    "dilemma.values_b[]": pgettext_lazy("exchange field", "Value %(n)s behind horn B"),
    "stakeholders": pgettext_lazy("exchange field", "Stakeholders"),
    "stakeholders[]": pgettext_lazy("exchange field", "Stakeholder %(n)s"),
    "stakeholders[].key": pgettext_lazy("exchange field", "Key"),
    "stakeholders[].kind": pgettext_lazy("exchange field", "Kind of party"),
    "stakeholders[].label": pgettext_lazy("exchange field", "Role or pseudonym"),
    "stakeholders[].perspective": pgettext_lazy("exchange field", "How they see it"),
    "stakeholders[].interests": pgettext_lazy("exchange field", "Interests"),
    "stakeholders[].professional_secrecy": pgettext_lazy("exchange field", "Professional secrecy"),
    "values": pgettext_lazy("exchange field", "Values"),
    "values[]": pgettext_lazy("exchange field", "Value %(n)s"),
    "values[].value": pgettext_lazy("exchange field", "Value"),
    "values[].stakeholder": pgettext_lazy("exchange field", "Stakeholder"),
    "values[].norm": pgettext_lazy("exchange field", "Norm"),
    "options": pgettext_lazy("exchange field", "Options"),
    "options[]": pgettext_lazy("exchange field", "Option %(n)s"),
    "options[].key": pgettext_lazy("exchange field", "Key"),
    "options[].title": pgettext_lazy("exchange field", "Title"),
    "options[].description": pgettext_lazy("exchange field", "Description"),
    "options[].mitigation": pgettext_lazy("exchange field", "How to limit the harm"),
    "options[].effects": pgettext_lazy("exchange field", "Effects on values"),
    "options[].effects[]": pgettext_lazy("exchange field", "Effect %(n)s"),
    "options[].effects[].value": pgettext_lazy("exchange field", "Value"),
    "options[].effects[].effect": pgettext_lazy("exchange field", "Effect"),
    "choices": pgettext_lazy("exchange field", "Choices"),
    "choices[]": pgettext_lazy("exchange field", "Choice %(n)s"),
    "choices[].participant": pgettext_lazy("exchange field", "Participant"),
    "choices[].option": pgettext_lazy("exchange field", "Option"),
    "choices[].deciding_value": pgettext_lazy("exchange field", "Deciding value"),
    "choices[].harm": pgettext_lazy("exchange field", "Harm"),
    "choices[].mitigation": pgettext_lazy("exchange field", "How to limit it"),
    "choices[].needs": pgettext_lazy("exchange field", "What is needed to carry it"),
    "decision": pgettext_lazy("exchange field", "Decision"),
    "decision.outcome": pgettext_lazy("exchange field", "Conclusion"),
    "decision.option": pgettext_lazy("exchange field", "Chosen option"),
    "decision.rationale": pgettext_lazy("exchange field", "Rationale"),
    "decision.dissent": pgettext_lazy("exchange field", "Dissent"),
    "decision.follow_up_on": pgettext_lazy("exchange field", "Follow-up date"),
    "actions": pgettext_lazy("exchange field", "Actions"),
    "actions[]": pgettext_lazy("exchange field", "Action %(n)s"),
    "actions[].what": pgettext_lazy("exchange field", "What"),
    "actions[].who": pgettext_lazy("exchange field", "Who"),
    "actions[].due": pgettext_lazy("exchange field", "By when"),
    "actions[].done": pgettext_lazy("exchange field", "Done"),
    "actions[].done_note": pgettext_lazy("exchange field", "How it went"),
    "evaluation": pgettext_lazy("exchange field", "Evaluation"),
    "evaluation.learned": pgettext_lazy("exchange field", "What we learned"),
    "evaluation.takeaways": pgettext_lazy("exchange field", "What we take with us"),
    "evaluation.ratings": pgettext_lazy("exchange field", "Ratings"),
    "evaluation.ratings[]": pgettext_lazy("exchange field", "Rating %(n)s"),
    "library": pgettext_lazy("exchange field", "Library part"),
    "library.stakeholders": pgettext_lazy("exchange field", "Stakeholders (library)"),
    "library.options": pgettext_lazy("exchange field", "Options (library)"),
    "library.decision": pgettext_lazy("exchange field", "Decision (library)"),
    "library.values": pgettext_lazy("exchange field", "Values (library)"),
    "library.values[]": pgettext_lazy("exchange field", "Value %(n)s (library)"),
    "library.stakeholder_kinds": pgettext_lazy("exchange field", "Kinds of party (library)"),
    "library.stakeholder_kinds[]": pgettext_lazy("exchange field", "Kind of party %(n)s (library)"),
    "library.shared_beyond": pgettext_lazy("exchange field", "Shared beyond the organisation"),
}

_PART = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def _parts(path: str) -> list[str | int]:
    return [name if name else int(index) for name, index in _PART.findall(path.removeprefix("$"))]


def place(path: str) -> str:
    """Where a problem is, in words: "Optie 1 › Gevolg 2 › Waarde"; an unknown field by its name."""
    words: list[str] = []
    key: str | None = ""  # None: below a field the format does not know
    for part in _parts(path):
        if isinstance(part, int):
            key = f"{key}[]" if key is not None else None
            label = LABELS.get(key) if key is not None else None
            if label is None:
                words.append(str(part + 1))
            else:  # "Opties", 1 → "Optie 1"
                words[-1:] = [str(label) % {"n": part + 1}]
            continue
        key = (f"{key}.{part}" if key else part) if key is not None else None
        label = LABELS.get(key) if key is not None else None
        words.append(str(label) if label is not None else f"“{part[:40]}”")
        if label is None:
            key = None
    return " › ".join(words) if words else str(LABELS[""])


def field_name(path: str, name: str) -> str:
    """One field below ``path`` by its label: for "missing" and "unknown" messages."""
    key = re.sub(r"\[\d+\]", "[]", path.removeprefix("$").removeprefix("."))
    label = LABELS.get(f"{key}.{name}" if key else name)
    return str(label) if label is not None else f"“{name[:40]}”"
