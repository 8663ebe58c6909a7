"""Presentation mode: the deliberation on the wall, moved on by the facilitator."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import F
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from beraad.accounts.models import Role
from beraad.audit.log import audited
from beraad.audit.models import Action
from beraad.deliberation.access import get_deliberation
from beraad.deliberation.grid import build_grid
from beraad.deliberation.method import STEPS, STEPS_BY_SLUG, next_step, previous_step
from beraad.deliberation.models import Deliberation
from beraad.live.models import LiveSession


def clock(seconds: int) -> str:
    """ "12:05", or "−1:30" when over time."""
    sign = "−" if seconds < 0 else ""
    minutes, rest = divmod(abs(seconds), 60)
    return f"{sign}{minutes}:{rest:02d}"


def _screen(deliberation: Deliberation, session: LiveSession) -> dict[str, Any]:
    step = STEPS_BY_SLUG.get(session.step, STEPS[0])
    data: dict[str, Any] = {
        "deliberation": deliberation,
        "session": session,
        "step": step,
        "remaining": session.remaining(),
        "clock": clock(session.remaining()),
        "deadline": session.deadline_ms(),
    }
    if step.slug in ("stakeholders", "values"):
        data["stakeholders"] = list(
            deliberation.stakeholders.prefetch_related("values_at_stake__value").order_by("id")
        )
    if step.slug in ("options", "decision"):
        data["grid"] = build_grid(deliberation)
    return data


@audited(Action.READ, "presentation")
@login_required
def present(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    membership, deliberation = get_deliberation(request, team, pk)
    session = LiveSession.for_deliberation(deliberation)
    return render(
        request,
        "live/present.html",
        {"team": membership.team, "membership": membership, **_screen(deliberation, session)},
    )


@audited(Action.READ, "presentation", only_denied=True)
@login_required
def state(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Polled every two seconds: 204 when nothing changed since version ``v``."""
    membership, deliberation = get_deliberation(request, team, pk)
    version = (
        LiveSession.objects.filter(pk=deliberation.pk).values_list("version", flat=True).first()
    )
    if version is not None and request.GET.get("v") == str(version):
        return HttpResponse(status=204)
    session = LiveSession.for_deliberation(deliberation)
    return render(
        request,
        "live/includes/_screen.html",
        {"team": membership.team, "membership": membership, **_screen(deliberation, session)},
    )


@audited(Action.UPDATE, "presentation")
@login_required
@require_POST
def control(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """The facilitator moves the screen on: step forward or back, and the time box."""
    _membership, deliberation = get_deliberation(request, team, pk, role=Role.FACILITATOR)
    session = LiveSession.for_deliberation(deliberation)
    step = STEPS_BY_SLUG.get(session.step, STEPS[0])
    command = request.POST.get("do", "")
    changes: dict[str, Any] = {}
    if command in ("next", "previous"):
        moved = next_step(step) if command == "next" else previous_step(step)
        if moved is not None:
            changes = {
                "step": moved.slug,
                "timer_started_at": None,
                "timer_used": 0,
                "timer_extra": 0,
            }
    elif command == "start" and not session.running:
        changes = {"timer_started_at": timezone.now()}
    elif command == "pause" and session.running:
        changes = {
            "timer_started_at": None,
            "timer_used": max(
                0,
                session.timer_used
                + int(
                    (timezone.now() - session.timer_started_at).total_seconds()  # type: ignore[operator]
                ),
            ),
        }
    elif command == "plus5":
        changes = {"timer_extra": session.timer_extra + 300}
    if changes:
        LiveSession.objects.filter(pk=session.pk).update(version=F("version") + 1, **changes)
    return redirect("live:present", team=team, pk=deliberation.pk)
