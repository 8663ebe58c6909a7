"""A library case's moves that depend on more than the case: its source deliberation (consent
withdrawn, texts erased) and the final check of its texts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad.library import copying
from beraad.library.models import NOT_APPROVED, NOT_IN_REVIEW, LibraryCase, LibraryRefusal


def _refuse_if_source_refuses(case: LibraryCase) -> None:
    stopped = copying.source_refusal(case)
    if stopped:
        raise LibraryRefusal(stopped)


def library_case_submit(*, case: LibraryCase) -> None:
    """Send a draft for a second person's review, unless its source now refuses."""
    with transaction.atomic():
        _refuse_if_source_refuses(case)
        case.submit_for_review()


def library_case_check_review(*, case: LibraryCase) -> None:
    """Raise ``LibraryRefusal`` when the case cannot be reviewed now: it is not waiting for
    review, or its source now refuses."""
    if case.status != LibraryCase.Status.IN_REVIEW:
        raise LibraryRefusal(NOT_IN_REVIEW)
    _refuse_if_source_refuses(case)


def library_case_review(*, case: LibraryCase, reviewer: Any, comment: str, send_back: bool) -> None:
    """The second person's verdict: approved, or sent back to its team with comments."""
    with transaction.atomic():
        library_case_check_review(case=case)
        if send_back:
            case.send_back(reviewer=reviewer, comment=comment)
        else:
            case.approve(reviewer=reviewer, comment=comment)


def library_case_publish(*, case: LibraryCase, now: datetime | None = None) -> None:
    """Publish an approved case once the full check ran and finds no direct identifier. With one
    left, the case goes back to its team (kept) and the refusal names what was found."""
    if case.status != LibraryCase.Status.APPROVED:
        raise LibraryRefusal(NOT_APPROVED)
    # The check runs before the transaction: on SQLite a transaction holds the write lock from
    # its start (IMMEDIATE), and the whole team would wait for the detector.
    found, complete = copying.findings(case)
    remaining = copying.direct_identifiers(found)
    with transaction.atomic():
        _refuse_if_source_refuses(case)
        if not complete:
            raise LibraryRefusal(
                _("Not published: the full check is still starting. Try again in a minute.")
            )
        if not remaining:
            case.publish(now=now or timezone.now())
            return
        case.return_to_proposer()
    # Raised once the transaction committed: the return to the team stays.
    raise LibraryRefusal(
        _(
            "Not published: the final check still finds %(count)s direct identifier(s) "
            "(%(kinds)s). Rewrite them and have the case reviewed again."
        )
        % {
            "count": len(remaining),
            "kinds": ", ".join(
                sorted({copying.KIND_LABELS.get(kind, kind) for _f, kind in remaining})
            ),
        }
    )
