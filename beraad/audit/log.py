"""Writing the access log: one entry per request that touches case material, and per denial."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse

from beraad.audit.models import AccessLog, Action, Outcome


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
            return view(request, *args, **kwargs)

        return wrapper

    return decorate


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


def write_entry(request: HttpRequest, status: int) -> AccessLog | None:
    context = getattr(request, "audit", None)
    if context is None or not context.action:
        return None
    outcome = outcome_for(request, status)
    if context.only_denied and outcome != Outcome.DENIED:
        return None
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        user = None
    return AccessLog.objects.create(
        user_id=user.pk if user is not None else None,
        user_email=user.email if user is not None else context.actor,
        team_id=context.team_id,
        team_slug=context.team_slug[:60],
        role=context.role,
        action=context.action,
        object_type=context.object_type,
        object_id=context.object_id[:40],
        outcome=outcome,
        origin=request.META.get("REMOTE_ADDR") or None,
        request_id=getattr(request, "request_id", ""),
    )


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
