"""Presentation mode: the deliberation on the wall, moved on by the facilitator."""

from __future__ import annotations

from typing import Any, cast
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import F, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beraad.accounts.models import Role
from beraad.audit.log import audited
from beraad.audit.models import Action
from beraad.deliberation.access import get_deliberation
from beraad.deliberation.grid import build_grid
from beraad.deliberation.method import STEPS, STEPS_BY_SLUG, next_step, previous_step
from beraad.deliberation.models import Deliberation
from beraad.live.content import recorded
from beraad.live.forms import GuestInviteForm
from beraad.live.models import (
    CODE_LETTERS,
    CONTRIBUTION_STEPS,
    Collecting,
    GuestInvite,
    LiveSession,
)
from beraad.live.rounds import NotNow, close_ratings, distribution, reveal
from beraad.web.prepared import Prepared


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
    # Everything a device is told is "on the screen" is listed here, whatever else is missing:
    # a stakeholder with how they see it, a value at stake with its norm (also of no particular
    # party), an option with its description (also before any value makes the table).
    data |= recorded(deliberation, step.slug)
    if step.slug in ("options", "decision"):
        grid = build_grid(deliberation)
        data["grid"] = grid if grid.rows and grid.values else None
    data["seats"] = list(session.seats.select_related("participant", "guest", "user"))
    # While people join, the QR code is large: at the first step, and as long as nobody follows.
    data["joining"] = step.slug == STEPS[0].slug or not data["seats"]
    data["sent"] = sum(seat.chose for seat in data["seats"])
    data["contribution_step"] = step.slug in CONTRIBUTION_STEPS
    if step.slug == "decision" and session.collecting == Collecting.REVEALED:
        data["distribution"] = distribution(deliberation)
    if step.slug == "evaluation":
        data["rating_count"] = deliberation.ratings.count() + session.pending_ratings.count()
    return data


@audited(Action.READ, "presentation")
@login_required
def present(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    membership, deliberation = get_deliberation(request, team, pk)
    session = LiveSession.for_deliberation(deliberation)
    return render(
        request,
        "live/present.html",
        {
            "team": membership.team,
            "membership": membership,
            "qr": join_qr(request, session.join_code or ""),
            **_screen(deliberation, session),
        },
    )


def _screen_versions(pk: int) -> QuerySet[LiveSession, tuple[int, int]]:
    return LiveSession.objects.filter(pk=pk).values_list("version", "room_version")[:1]


# Asked by every screen every two seconds: compiled once (beraad/web/prepared.py).
SCREEN_VERSIONS = Prepared(_screen_versions, int)


@audited(Action.READ, "presentation", only_denied=True)
@login_required
def state(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Polled every two seconds: 204 when nothing changed since ``v`` (both versions)."""
    membership, deliberation = get_deliberation(request, team, pk)
    versions = SCREEN_VERSIONS.first(deliberation.pk)
    if versions is not None and request.GET.get("v") == "{}.{}".format(*versions):
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
        if moved is not None and session.ratings_open:
            close_ratings(session.pk)
        if moved is not None:
            changes = {
                "step": moved.slug,
                "timer_started_at": None,
                "timer_used": 0,
                "timer_extra": 0,
                "contributions_open": False,
                "ratings_open": False,
            }
    elif command == "start":
        session.start_timer(timezone.now())
    elif command == "pause":
        session.pause_timer(timezone.now())
    elif command == "plus5":
        session.extend_timer(5)
    else:
        changes = _room_changes(request, session, command)
    if changes:
        LiveSession.objects.filter(pk=session.pk).update(version=F("version") + 1, **changes)
    if command in ("share-case", "unshare-case"):
        return redirect("live:guests", team=team, pk=deliberation.pk)
    return redirect("live:present", team=team, pk=deliberation.pk)


def _room_changes(request: HttpRequest, session: LiveSession, command: str) -> dict[str, Any]:
    """What participants may do from their devices right now."""
    if command in ("open-contributions", "close-contributions"):
        if session.step not in CONTRIBUTION_STEPS:
            return {}
        return {"contributions_open": command == "open-contributions"}
    if command in ("collect-named", "collect-anonymous"):
        if session.step != "decision":
            return {}
        if not session.deliberation.options.exists():
            messages.error(
                request, _("Add at least one option (step 6) before collecting choices.")
            )
            return {}
        # Only from "not started": a double tap on the other button cannot change a running round.
        started = LiveSession.objects.filter(pk=session.pk, collecting="").update(
            collecting=Collecting.OPEN,
            collect_by_name=command == "collect-named",
            version=F("version") + 1,
        )
        if not started:
            messages.error(
                request, _("The choices of this deliberation have been collected already.")
            )
        return {}
    if command == "reveal":
        if not session.pending_choices.exists():
            messages.error(request, _("Nobody has sent a choice yet: there is nothing to reveal."))
            return {}
        try:
            reveal(session)
        except NotNow:
            messages.error(request, _("There are no choices being collected to reveal."))
        return {}
    if command == "open-ratings":
        return {"ratings_open": session.step == "evaluation"}
    if command == "close-ratings":
        close_ratings(session.pk)
        return {"ratings_open": False}
    if command in ("share-case", "unshare-case"):
        return {"case_shared_with_guests": command == "share-case"}
    return {}


def join_qr(request: HttpRequest, code: str) -> SafeString:
    """A QR code (SVG, drawn on the server) that opens the join page with the code filled in."""
    url = request.build_absolute_uri(reverse("live:join")) + "?" + urlencode({"code": code})
    # segno writes the SVG itself from our own URL: no user text goes into it.
    # A viewBox and no fixed size: the stylesheet sizes it (large while people join).
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, dark="#1f2933", omitsize=True))


@login_required
@require_http_methods(["GET", "POST"])
def join(request: HttpRequest) -> HttpResponse:
    """A team member follows the screen on their own device by typing the code it shows."""
    code = str(request.POST.get("code") or request.GET.get("code", "")).strip().upper()[:8]
    problem = ""
    if request.method == "POST":
        # Only a code's own letters reach the database (PostgreSQL refuses a NUL character).
        session = (
            LiveSession.objects.select_related("deliberation__team")
            .filter(join_code=code, deliberation__team__memberships__user=cast(Any, request.user))
            .first()
            if code and all(letter in CODE_LETTERS for letter in code)
            else None
        )
        if session is not None:
            deliberation = session.deliberation
            return redirect("live:device", pk=deliberation.pk)
        # The same answer whether the code does not exist or belongs to another team.
        problem = _("No deliberation of your teams has this code. Check the code on the screen.")
    return render(
        request,
        "live/join.html",
        {"code": code, "problem": problem},
        status=400 if problem else 200,
    )


@audited({"GET": Action.READ, "POST": Action.CREATE}, "live-guest")
@login_required
@require_http_methods(["GET", "POST"])
def guests(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """The facilitator invites a guest to this deliberation only, with a single-use link."""
    membership, deliberation = get_deliberation(request, team, pk, role=Role.FACILITATOR)
    session = LiveSession.for_deliberation(deliberation)
    form = GuestInviteForm(request.POST or None)
    link = ""
    status = 200
    if request.method == "POST":
        if deliberation.is_concluded:
            form.add_error(None, _("This deliberation is concluded: guests can no longer join."))
        if form.is_valid():
            _invite, key = GuestInvite.issue(
                session,
                label=form.cleaned_data["label"],
                hours=form.cleaned_data["hours"],
                by=request.user,
            )
            link = request.build_absolute_uri(reverse("live:guest", kwargs={"key": key}))
            form = GuestInviteForm()
        else:
            status = 400
    return render(
        request,
        "live/guests.html",
        {
            "team": membership.team,
            "membership": membership,
            "deliberation": deliberation,
            "session": session,
            "form": form,
            "link": link,
            "invites": list(session.guests.select_related("seat").order_by("-id")),
        },
        status=status,
    )


@audited(Action.UPDATE, "live-guest")
@login_required
@require_POST
def guest_end(request: HttpRequest, team: str, pk: int, guest: int) -> HttpResponse:
    """End a guest's access now (the link, or the guest already in)."""
    _membership, deliberation = get_deliberation(request, team, pk, role=Role.FACILITATOR)
    ended = GuestInvite.objects.filter(
        pk=guest, session_id=deliberation.pk, ended_at__isnull=True
    ).update(ended_at=timezone.now())
    if ended:
        messages.success(request, _("The guest's access has ended."))
    return redirect("live:guests", team=team, pk=deliberation.pk)
