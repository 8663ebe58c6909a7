"""Writing the access log: one entry per request that touches case material, and per denial.

A change is stored together with its entry or not at all: for a request that changes something
(an unsafe method whose action is a change), ``audited()`` runs the view inside a transaction and
writes the entry in it, before the commit. If the entry cannot be written, the change is rolled
back and the person is told that nothing was saved (503). Reads and denials are logged by the
middleware after the view: if that fails, the page is not sent (500). Their entries commit
without waiting for the disk flush (PostgreSQL; chain.py says why the chain stays whole).
"""

from __future__ import annotations

import ipaddress
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.contrib import messages
from django.db import DatabaseError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template import loader
from django.utils.translation import gettext as _

from beraad.audit.models import AccessLog, Action, Outcome

# Actions that change stored data; the others only read (search, export and print included).
CHANGES = frozenset(
    {
        Action.CREATE,
        Action.UPDATE,
        Action.DELETE,
        Action.IMPORT,
        Action.CONCLUDE,
        Action.REOPEN,
        Action.ERASE,
    }
)
logger = logging.getLogger(__name__)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


class AccessLogUnavailable(Exception):
    """The entry for a change could not be written: the change must not be stored either."""


@dataclass
class AuditContext:
    """What the current request is doing, filled in by the view decorator and the access helpers."""

    action: str = ""
    object_type: str = ""
    object_id: str = ""
    team_id: int | None = None
    team_slug: str = ""
    role: str = ""
    only_denied: bool = False
    actor: str = ""  # someone without an account, e.g. "guest 12": a guest invitation's number
    written: bool = False  # the entry is written (or, for a change that failed, not needed)


def context_for(request: HttpRequest) -> AuditContext:
    context = getattr(request, "audit", None)
    if context is None:
        context = AuditContext()
        request.audit = context  # type: ignore[attr-defined]
    return context


def audited(
    action: str | dict[str, str], object_type: str, *, only_denied: bool = False
) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    """Declare what a view does with case material. Put it above ``login_required``.

    ``action`` may map request methods to actions (``{"GET": "read", "POST": "update"}``).
    ``only_denied`` logs the view only when access is refused (pages without case material).
    """

    def decorate(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            context = context_for(request)
            method = request.method or "GET"
            context.action = action if isinstance(action, str) else action.get(method, Action.READ)
            context.object_type = object_type
            context.object_id = str(kwargs.get("pk", ""))
            context.team_slug = str(kwargs.get("team", ""))
            context.only_denied = only_denied
            return run_logged(request, lambda: view(request, *args, **kwargs))

        return wrapper

    return decorate


def is_change(request: HttpRequest) -> bool:
    return (request.method or "GET") not in SAFE_METHODS and context_for(request).action in CHANGES


def run_logged(request: HttpRequest, view: Callable[[], HttpResponse]) -> HttpResponse:
    """Run a view whose audit context is set. A change runs in one transaction with its entry.

    An exception from the view (404, 403) rolls its transaction back and leaves the entry to the
    middleware, like any denial. Waiting too long for the database (SQLite's "database is locked",
    a PostgreSQL lock timeout) or failing to write the entry answers 503: nothing was stored.
    """
    if not is_change(request):
        return view()
    try:
        with transaction.atomic():
            response = view()
            write_entry(request, response.status_code, strict=True)
    except (AccessLogUnavailable, OperationalError) as error:
        # The kind of failure only: a database message may quote what was sent.
        logger.warning("A change was rolled back: %s", type(error.__cause__ or error).__name__)
        return not_saved(request)
    return response


def not_saved(request: HttpRequest) -> HttpResponse:
    """The answer to a change that was rolled back. Rendered without the database (it may be the
    reason), in Dutch first like every page. A form post is offered again as it was sent, so
    nothing typed is lost; htmx shows its own "not saved" next to the field (beraad.js)."""
    context_for(request).written = True  # nothing was stored, so there is nothing to log
    for _message in messages.get_messages(request):  # "Saved." must not show on the next page
        pass
    if getattr(request, "htmx", False):
        body = _("Something went wrong: your change was not saved. Please try again.")
        response = HttpResponse(body, status=503, content_type="text/plain; charset=utf-8")
    else:
        fields = [
            (name, value)
            for name, values in request.POST.lists()
            if name != "csrfmiddlewaretoken"
            for value in values
        ]
        page = loader.get_template("audit/not_saved.html").render(
            {
                "action": request.get_full_path(),
                "fields": fields,
                "had_files": bool(request.FILES),
                "csrf_token": get_token(request),
                "LANGUAGE_CODE": getattr(request, "LANGUAGE_CODE", "nl"),
            }
        )
        response = HttpResponse(page, status=503)
    response["Retry-After"] = "5"
    response["Cache-Control"] = "no-store"
    return response


def note_membership(request: HttpRequest, *, team_id: int, team_slug: str, role: str) -> None:
    context = context_for(request)
    context.team_id, context.team_slug, context.role = team_id, team_slug, role


def outcome_for(request: HttpRequest, status: int) -> str:
    user = getattr(request, "user", None)
    known = (user is not None and user.is_authenticated) or context_for(request).actor
    if not known or status in (401, 403, 404, 405):
        return Outcome.DENIED
    if status >= 400:
        return Outcome.ERROR
    return Outcome.OK


def write_entry(request: HttpRequest, status: int, *, strict: bool = False) -> AccessLog | None:
    """The request's entry, once. ``strict``: raise AccessLogUnavailable if it cannot be written."""
    context = getattr(request, "audit", None)
    if context is None or not context.action or context.written:
        return None
    context.written = True
    outcome = outcome_for(request, status)
    if context.only_denied and outcome != Outcome.DENIED:
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        user = None
    entry = AccessLog(
        user_id=user.pk if user is not None else None,
        user_email=user.email if user is not None else context.actor,
        team_id=context.team_id,
        team_slug=context.team_slug[:60],
        role=context.role,
        action=context.action,
        object_type=context.object_type,
        object_id=context.object_id[:40],
        outcome=outcome,
        origin=_address(request.META.get("REMOTE_ADDR")),
        request_id=getattr(request, "request_id", ""),
    )
    if not strict:
        # A read (or a refused request, which stored nothing) need not wait for the disk before
        # its answer leaves; an entry that records a change does (chain.py).
        entry.save(durable=context.action in CHANGES and outcome == Outcome.OK)
        return entry
    try:
        entry.save(savepoint=False)  # the change's transaction fails with it (run_logged)
    except DatabaseError as error:
        raise AccessLogUnavailable from error
    return entry


def _address(remote: str | None) -> str | None:
    """REMOTE_ADDR if it is an address (a test client or proxy may send anything)."""
    try:
        ipaddress.ip_address(remote or "")
    except ValueError:
        return None
    return remote


def log_command(
    *,
    action: str,
    object_type: str,
    object_id: Any = "",
    team: Any = None,
    outcome: str = Outcome.OK,
) -> AccessLog:
    """An entry for a management command run on the server (no person, no IP address)."""
    return AccessLog.objects.create(
        team_id=team.pk if team is not None else None,
        team_slug=team.slug if team is not None else "",
        role="command",
        action=action,
        object_type=object_type,
        object_id=str(object_id)[:40],
        outcome=outcome,
        request_id=f"cli-{uuid.uuid4().hex[:16]}",
    )
