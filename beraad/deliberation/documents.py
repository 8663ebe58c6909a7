"""Reading an uploaded ``beraad.deliberation/1`` document within bounds, before anything else looks
at it: the size, the parser's limits and the document's shape (counts, depth, numbers, text that a
database can store). Both import pages, the import command and the library's import read documents
this way; ``exchange`` then checks the schema and writes.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.defaultfilters import floatformat
from django.utils import formats
from django.utils.translation import gettext as _

from beraad.deliberation import exchange_labels


@dataclass(frozen=True)
class ImportProblem:
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"

    @property
    def place(self) -> str:
        """The field in words a person knows ("Belanghebbende 4 › Belangen"), not its JSON path."""
        return exchange_labels.place(self.path)


# An import page lists this many problems, and then how many more there are: a file with
# thousands of problems gives a short page, not one line per problem.
SHOWN_PROBLEMS = 20


class ImportRefused(Exception):
    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__(_("The document was not imported."))
        self.problems = problems

    @property
    def shown(self) -> list[ImportProblem]:
        return self.problems[:SHOWN_PROBLEMS]

    @property
    def not_shown(self) -> int:
        return max(0, len(self.problems) - SHOWN_PROBLEMS)

    def context(self) -> dict[str, Any]:
        """What the import pages show: the first problems and how many more there are."""
        return {
            "errors": self.shown,
            "more_errors": self.not_shown,
            "more_errors_text": formats.number_format(self.not_shown, force_grouping=True),
        }


# Bounded work per document, checked before anything else looks at it. A real deliberation is a
# few kB with lists of ten or twenty; the format nests five levels deep (document → options →
# option → effects → effect). Far above that, but low enough that checking and importing the
# largest accepted document takes a fraction of a second. The byte limit is a setting
# (BERAAD_IMPORT_MAX_BYTES) because the upload handler reads it too.
MAX_ENTRIES = 200  # items in one list, or fields in one object
MAX_ITEMS = 2000  # list items in the whole document: about the number of rows an import writes
MAX_VALUES = 20000  # list items and object fields together: bounds the work of checking
MAX_DEPTH = 10  # lists and objects inside each other
MAX_NUMBER_CHARS = 30  # digits of one number: no date, score or count needs more


class _Unreadable(ValueError):
    """Raised from inside the JSON parser; carries the plain message for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def refused(message: str, path: str = "$") -> ImportRefused:
    return ImportRefused([ImportProblem(path, message)])


def _megabytes(size: int) -> str:
    return str(floatformat(size / 1_000_000, -1))


def check_size(size: int) -> None:
    """ImportRefused when a file of ``size`` bytes is over the limit (before anything reads it)."""
    limit = settings.BERAAD_IMPORT_MAX_BYTES
    if size > limit:
        raise refused(
            _(
                "This file is %(size)s MB; Beraad imports files up to %(max)s MB. "
                "A deliberation is usually a few kB: is this the right file?"
            )
            % {"size": _megabytes(size), "max": _megabytes(limit)}
        )


def _number(text: str) -> float | int:
    if len(text) > MAX_NUMBER_CHARS:
        raise _Unreadable(_("The file holds a number that is too long."))
    value = float(text) if any(c in text for c in ".eE") else int(text)
    if not math.isfinite(value):
        raise _Unreadable(_("The file holds a number that is too large."))
    return value


def _constant(name: str) -> Any:
    raise _Unreadable(
        _("The file holds %(name)s, which is not a number in JSON.") % {"name": name[:9]}
    )


def loads(data: bytes) -> Any:
    """The JSON document in ``data``, or ImportRefused with a plain message: never another error,
    whatever the bytes are (a BOM is allowed)."""
    if not data.strip():
        raise refused(_("The file is empty."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise refused(_("This file is not UTF-8 text, so it is not a JSON export.")) from error
    try:
        return json.loads(text, parse_int=_number, parse_float=_number, parse_constant=_constant)
    except _Unreadable as error:
        raise refused(error.message) from error
    except RecursionError as error:  # the parser's own depth limit, far below the C stack's
        raise refused(
            _("Lists or objects are nested too deeply (at most %(max)s levels).")
            % {"max": MAX_DEPTH}
        ) from error
    except ValueError as error:  # JSONDecodeError is one
        raise refused(_("This file is not readable JSON.")) from error


def read_upload(upload: Any) -> Any:
    """The JSON document in an uploaded file (both import pages read it this way), or
    ImportRefused with a plain message. The size is checked before the file is read."""
    if upload is None:
        raise refused(_("Choose a file to import."))
    check_size(upload.size)
    return loads(upload.read())


def _storable(text: str) -> bool:
    """A database can store it: no NUL character, no half of a UTF-16 surrogate pair."""
    if "\x00" in text:
        return False
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_bounds(document: Any) -> list[ImportProblem]:
    """Sizes, depth and characters, checked without recursion before the schema is: a document
    with 100,000 items is refused here in milliseconds, and nothing deeper looks at it."""
    problems: list[ImportProblem] = []
    items = values = 0
    stack: list[tuple[Any, str, int]] = [(document, "$", 1)]
    while stack and len(problems) < 100:
        node, path, depth = stack.pop()
        if isinstance(node, str):
            if not _storable(node):
                problems.append(
                    ImportProblem(path, _("Holds a character that cannot be stored (e.g. NUL)."))
                )
            continue
        if not isinstance(node, dict | list):
            continue
        if depth > MAX_DEPTH:
            problems.append(
                ImportProblem(
                    path,
                    _("Nested too deeply: at most %(max)s levels of lists and objects.")
                    % {"max": MAX_DEPTH},
                )
            )
            continue
        if len(node) > MAX_ENTRIES:
            message = (
                _("%(count)s items in one list; at most %(max)s are allowed.")
                if isinstance(node, list)
                else _("%(count)s fields in one object; at most %(max)s are allowed.")
            )
            problems.append(ImportProblem(path, message % {"count": len(node), "max": MAX_ENTRIES}))
            continue
        values += len(node)
        if isinstance(node, list):
            items += len(node)
        if items > MAX_ITEMS or values > MAX_VALUES:
            problems.append(
                ImportProblem(
                    "$",
                    _("More than %(max)s items in all lists together.") % {"max": MAX_ITEMS}
                    if items > MAX_ITEMS
                    else _("More than %(max)s values in the whole document.") % {"max": MAX_VALUES},
                )
            )
            break
        if isinstance(node, list):
            stack.extend((child, f"{path}[{n}]", depth + 1) for n, child in enumerate(node))
        else:
            for key, child in node.items():
                if not _storable(key):
                    problems.append(
                        ImportProblem(
                            path, _("A field name holds a character that cannot be stored.")
                        )
                    )
                    continue
                stack.append((child, f"{path}.{key[:40]}", depth + 1))
    return sorted(problems, key=lambda problem: problem.path)
