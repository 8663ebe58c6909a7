"""Library cases between installations: ``beraad.deliberation/1`` documents with a ``library`` part.

An import is checked like any document, then by the personal-data detector: a document that still
holds a direct identifier is refused, with the JSON path and the kind of each (never the text).
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad.accounts.models import Organisation
from beraad.deliberation import catalogue
from beraad.deliberation.exchange import FORMAT, ImportProblem, ImportRefused, validate
from beraad.deliberation.models import Theme
from beraad.library.models import LibraryCase
from beraad.privacy.detector import check
from beraad.privacy.pseudonyms import TAGS
from beraad.privacy.spans import DIRECT

DILEMMA = {
    "question": "dilemma_question",
    "option_a": "option_a",
    "harm_a": "harm_a",
    "option_b": "option_b",
    "harm_b": "harm_b",
}


def _clean(mapping: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in mapping.items() if v not in (None, "", [])}


def export_case(case: LibraryCase) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        "title": case.title,
        "themes": sorted(t.slug for t in case.themes.all()),
        "case": _clean({"description": case.case_description}),
        "dilemma": {"question": case.dilemma_question}
        | _clean({key: getattr(case, name) for key, name in DILEMMA.items() if key != "question"}),
        "library": _clean(
            {
                "stakeholders": case.stakeholders,
                "options": case.options,
                "decision": case.decision,
                "values": list(case.value_slugs),
                "stakeholder_kinds": list(case.kinds),
            }
        )
        | {"shared_beyond": case.shared_beyond},
    }


def _texts(document: dict[str, Any]) -> list[tuple[str, str]]:
    """(JSON path, text) of every free text of a library document."""
    found = [("$.title", document.get("title", ""))]
    found.append(("$.case.description", document.get("case", {}).get("description", "")))
    found += [(f"$.dilemma.{key}", document["dilemma"].get(key, "")) for key in DILEMMA]
    library = document.get("library", {})
    found += [
        (f"$.library.{key}", library.get(key, ""))
        for key in ("stakeholders", "options", "decision")
    ]
    return [(path, text) for path, text in found if isinstance(text, str) and text]


def catalogue_problems(library: dict[str, Any]) -> list[ImportProblem]:
    """Values and stakeholder kinds must be catalogue slugs: free text there is never checked."""
    known: dict[str, Any] = {
        "values": catalogue.VALUES_BY_SLUG,
        "stakeholder_kinds": catalogue.KINDS_BY_SLUG,
    }
    return [
        ImportProblem(f"$.library.{key}[{n}]", _("Not a slug from the catalogue."))
        for key, slugs in known.items()
        for n, slug in enumerate(library.get(key, []))
        if slug not in slugs
    ]


def identifier_problems(document: dict[str, Any]) -> list[ImportProblem]:
    problems = []
    for path, text in _texts(document):
        found, complete = check(text)
        if not complete:  # a request never waits for deduce to load
            return [
                ImportProblem("$", _("The full check is still starting. Try again in a minute."))
            ]
        for finding in found:
            if finding.kind in DIRECT:
                tag = f"[{TAGS.get(finding.kind, finding.kind.upper())}]"
                problems.append(
                    ImportProblem(path, _("A direct identifier remains: %(kind)s.") % {"kind": tag})
                )
    return problems


def import_case(document: Any, *, organisation: Organisation, user: Any) -> LibraryCase:
    """A new library case in ``organisation``, waiting for a second person's review there."""
    problems = validate(document)
    if not problems and "library" not in document:
        problems = [ImportProblem("$", _("This is not a library case: it has no library part."))]
    if not problems:
        problems = catalogue_problems(document["library"]) + identifier_problems(document)
    if problems:
        raise ImportRefused(problems)
    library = document["library"]
    with transaction.atomic():
        case = LibraryCase.objects.create(
            organisation=organisation,
            status=LibraryCase.Status.IN_REVIEW,
            proposed_by=user,
            title=document["title"],
            case_description=document.get("case", {}).get("description", ""),
            stakeholders=library.get("stakeholders", ""),
            options=library.get("options", ""),
            decision=library.get("decision", ""),
            value_slugs=library.get("values", []),
            kinds=library.get("stakeholder_kinds", []),
            shared_beyond=False,  # each organisation decides for itself
            **{name: document["dilemma"].get(key, "") for key, name in DILEMMA.items()},
        )
        case.themes.set(Theme.objects.filter(slug__in=document.get("themes", [])))
    return case
