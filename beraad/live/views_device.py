"""A participant's own device: follow the step, choose privately, rate, contribute.

Team members are signed in as usual; a guest carries one invitation in their session and reaches
this deliberation's device pages and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from functools import wraps
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.views import redirect_to_login
from django.db.models import OuterRef, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from beraad.accounts.access import member_of, note_target, noted_role, role_in
from beraad.audit.log import audited, context_for, note_membership
from beraad.audit.models import Action
from beraad.deliberation.method import STEPS, STEPS_BY_SLUG
from beraad.deliberation.models import Deliberation, Status
from beraad.live.content import recorded
from beraad.live.forms import GuestWelcomeForm, LiveChoiceForm, RatingForm, contribution_form
from beraad.live.models import (
    CONTRIBUTION_STEPS,
    Collecting,
    GuestInvite,
    LiveSession,
    PendingChoice,
    Seat,
)
from beraad.live.rounds import NotNow, distribution, guest_seat, rate, submit_choice, take_seat
from beraad.web.prepared import Prepared

GUEST_KEY = "live_guest"


@dataclass
class Visitor:
    deliberation: Deliberation
    session: LiveSession
    seat: Seat
    guest: GuestInvite | None = None

    @property
    def is_guest(self) -> bool:
        return self.guest is not None

    def mode(self) -> str:
        """Changes when the panel with the forms must change (never while someone types)."""
        s = self.session
        return "-".join(
            str(x)
            for x in (
                s.step,
                int(s.contributions_open),
                s.collecting or "none",
                int(s.collect_by_name),
                int(s.ratings_open),
                int(self.seat.chose),
                int(self.seat.rated),
            )
        )


def _note_guest(request: HttpRequest, invite: GuestInvite) -> None:
    """The access log names a guest by invitation number, under the deliberation's team."""
    team = invite.session.deliberation.team
    note_membership(request, team_id=team.pk, team_slug=team.slug, role="guest")
    context = context_for(request)
    context.actor = context.actor or f"guest {invite.pk}"


def _guest_invite(request: HttpRequest, pk: int) -> GuestInvite | None:
    guest_id = request.session.get(GUEST_KEY)
    if not guest_id:
        return None
    return (
        GuestInvite.objects.select_related("session__deliberation__team")
        .filter(pk=guest_id, session_id=pk)
        .first()
    )


def _live_session(deliberation: Deliberation) -> LiveSession:
    """The deliberation's live session, loaded with it (``select_related("live")``) when it has
    one with a code already; else made (or given its code) now."""
    try:
        session = deliberation.live
    except LiveSession.DoesNotExist:
        session = None
    if session is not None and session.join_code:
        return session
    return LiveSession.for_deliberation(deliberation)


def _seat_query(pk: int, user_id: int) -> QuerySet[Seat]:
    """A member's seat and their right to it (``role``): every device page, changed poll and
    submission starts here."""
    person = get_user_model()(pk=user_id, is_active=True)
    return (
        Seat.objects.select_related("session__deliberation__team", "participant")
        .annotate(role=role_in(person, OuterRef("session__deliberation__team")))
        .filter(session_id=pk, user_id=user_id)[:1]
    )


def _deliberation_query(pk: int, user_id: int) -> QuerySet[Deliberation]:
    """The deliberation and the member's right to it (``role``), before they have a seat."""
    person = get_user_model()(pk=user_id, is_active=True)
    return (
        Deliberation.objects.select_related("team", "live")
        .annotate(role=role_in(person, OuterRef("team")))
        .filter(pk=pk)[:1]
    )


# Compiled once, not for each request (beraad/web/prepared.py).
SEAT_WITH_ROLE = Prepared(_seat_query, int, int)
DELIBERATION_WITH_ROLE = Prepared(_deliberation_query, int, int)


def device_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Resolves who is here: a member of the deliberation's team, or its guest; else nobody."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        context = context_for(request)
        context.object_id = str(pk)
        if request.user.is_authenticated:
            # The seat and the right to it in one query: every device page, changed poll and
            # submission starts here. Not seated yet, or no longer in the team: the long way.
            # Built for an active person (role_in): an account let in inactive (another
            # authentication backend) takes the long way, which refuses it (member_of).
            active = request.user.is_active
            found = SEAT_WITH_ROLE.first_object(pk, request.user.pk) if active else None
            seat: Seat | None = None
            if found is not None and found.role:
                seat, deliberation = found, found.session.deliberation
                noted_role(request, deliberation.team, found.role)
            else:  # the deliberation and the right to it in one query, as above
                with_role = (
                    DELIBERATION_WITH_ROLE.first_object(pk, request.user.pk) if active else None
                )
                role = getattr(with_role, "role", None)
                if with_role is not None and role:
                    deliberation = with_role
                    noted_role(request, deliberation.team, role)
                else:
                    membership = member_of(request, team__deliberations__pk=pk)  # 404 for others
                    deliberation = (
                        Deliberation.objects.for_team(membership.team)
                        .select_related("team", "live")
                        .get(pk=pk)
                    )
            if deliberation.is_concluded:  # nothing to follow: the record itself, read-only
                record = reverse(
                    "deliberation:detail", kwargs={"team": deliberation.team.slug, "pk": pk}
                )
                if request.htmx:  # type: ignore[attr-defined]
                    return HttpResponseClientRedirect(record)
                return redirect(record)
            if seat is None:
                session = _live_session(deliberation)
                session.deliberation = deliberation
                seat = take_seat(session, request.user)
            return view(request, Visitor(deliberation, seat.session, seat))
        if not request.session.get(GUEST_KEY):
            return redirect_to_login(request.get_full_path())
        invite = _guest_invite(request, pk)
        if invite is None:  # a guest of another deliberation: logged under the one they tried
            context.actor = f"guest {request.session[GUEST_KEY]}"
            note_target(request, team__deliberations__pk=pk)
            raise Http404("No such deliberation")
        _note_guest(request, invite)
        if not invite.valid:
            if request.htmx:  # type: ignore[attr-defined]
                return HttpResponseClientRedirect(request.path)  # the page says why, once
            return render(request, "live/guest_ended.html", status=403)
        session = invite.session
        return view(request, Visitor(session.deliberation, session, guest_seat(invite), invite))

    return wrapper


def _own_choice(visitor: Visitor) -> dict[str, Any]:
    """A choice sent by name can be changed until the reveal: the form starts from it."""
    if not (visitor.session.collect_by_name and visitor.seat.chose):
        return {}
    pending = PendingChoice.objects.filter(session=visitor.session, seat=visitor.seat).first()
    if pending is None:
        return {}
    return {name.removesuffix("_id"): value for name, value in pending.content().items()}


def _confirmation(visitor: Visitor) -> str:
    """What this person has sent in the current round, said once (also after a reload).

    The answer to a choice or a rating says nothing of its own: this is its confirmation.
    """
    session, seat = visitor.session, visitor.seat
    if session.step == "decision" and session.collecting == Collecting.OPEN and seat.chose:
        if session.collect_by_name:
            return _(
                "Your choice has been received. You can change it until the reveal: "
                "sending again replaces it."
            )
        return _("Your choice has been received. The facilitator reveals all choices at once.")
    if session.step == "evaluation" and session.ratings_open and seat.rated:
        return _("Thank you. Your rating has been received.")
    return ""


def _panel_context(visitor: Visitor, **forms_: Any) -> dict[str, Any]:
    session = visitor.session
    step = STEPS_BY_SLUG.get(session.step, STEPS[0])
    data: dict[str, Any] = {
        "visitor": visitor,
        "session": session,
        "step": step,
        "deliberation": visitor.deliberation,
        "mode": visitor.mode(),
    }
    collecting = session.collecting == Collecting.OPEN and session.step == "decision"
    data["confirmation"] = _confirmation(visitor)
    if collecting and (session.collect_by_name or not visitor.seat.chose):
        data["choice_form"] = forms_.get("choice_form") or LiveChoiceForm(
            deliberation=visitor.deliberation,
            initial=_own_choice(visitor),
            check_while_typing=not visitor.is_guest,
            guest=visitor.is_guest,
        )
    if session.ratings_open and session.step == "evaluation" and not visitor.seat.rated:
        data["rating_form"] = forms_.get("rating_form") or RatingForm()
    if session.contributions_open and session.step in CONTRIBUTION_STEPS:
        data["contribution_form"] = forms_.get("contribution_form") or contribution_form(
            session.step, visitor.deliberation, guest=visitor.is_guest
        )
    return data


def _info_context(visitor: Visitor) -> dict[str, Any]:
    session, deliberation = visitor.session, visitor.deliberation
    data: dict[str, Any] = {
        "visitor": visitor,
        "session": session,
        "deliberation": deliberation,
        "step": STEPS_BY_SLUG.get(session.step, STEPS[0]),
        "mode": visitor.mode(),
        "show_case": not visitor.is_guest or session.case_shared_with_guests,
    }
    data |= recorded(deliberation, session.step)
    if session.step == "decision" and session.collecting == Collecting.REVEALED:
        data["distribution"] = distribution(deliberation)
    return data


def _render(
    request: HttpRequest,
    visitor: Visitor,
    template: str = "live/device.html",
    *,
    status: int = 200,
    saved: str = "",
    typed: list[str] | None = None,
    **forms_: Any,
) -> HttpResponse:
    """The information and the panel: as a page, or as htmx's answer to a submission.

    Rendered after the view returns (a TemplateResponse): for a submission that is after its
    transaction has committed, so the seat and the live session's row are not kept locked (and
    the other devices of the room waiting) while the answer's template is rendered.
    """
    context = _info_context(visitor) | _panel_context(visitor, **forms_)
    context |= {"saved": saved, "typed": typed}
    return TemplateResponse(request, template, context, status=status)


@audited(Action.READ, "live-device")
@device_view
def device(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    return _render(request, visitor)


def _signed_in_id(request: HttpRequest) -> Any:
    """The signed-in person's id as the session names it (as ``request.user`` reads it), without
    loading them; None when no one is signed in."""
    user_id = request.session.get(SESSION_KEY)
    if user_id is None or request.session.get(BACKEND_SESSION_KEY) not in (
        settings.AUTHENTICATION_BACKENDS
    ):
        return None
    return get_user_model()._meta.pk.to_python(user_id)


def _member_version_query(pk: int, user_id: int) -> QuerySet[LiveSession, tuple[Any, ...]]:
    fields = get_user_model().SESSION_HASH_FIELDS  # type: ignore[attr-defined]
    return LiveSession.objects.filter(
        pk=pk,
        deliberation__team__memberships__user_id=user_id,
        deliberation__team__memberships__user__is_active=True,
    ).values_list("version", *(f"deliberation__team__memberships__user__{f}" for f in fields))[:1]


def _guest_version_query(pk: int, guest_id: int, now: datetime) -> QuerySet[LiveSession, Any]:
    return (
        LiveSession.objects.filter(
            pk=pk, guests__pk=guest_id, guests__ended_at__isnull=True, guests__expires_at__gt=now
        )
        .exclude(deliberation__status=Status.CONCLUDED)
        .values_list("version", flat=True)[:1]
    )


# Every device asks every two seconds: compiled once, not for each poll (beraad/web/prepared.py).
MEMBER_VERSION = Prepared(_member_version_query, int, int)
GUEST_VERSION = Prepared(_guest_version_query, int, int, datetime)


def _current_version(request: HttpRequest, pk: int) -> int | None:
    """The screen's version, if this visitor may follow it: one query, nothing written.

    A signed-in person is not loaded for it: their membership, their account being active and the
    fields their session's check value is made from (``User.SESSION_HASH_FIELDS``: the password,
    and the epoch that "sign out everywhere" moves on) come in the same row, and the session is
    checked against them as Django's sign-in checks it. Anything that does not hold answers
    None, and the poll takes the long way (``request.user``), which ends such a session.
    """
    user_id = _signed_in_id(request)
    if user_id is not None:
        row = MEMBER_VERSION.first(pk, user_id)
        if row is None:
            return None
        version, *values = row
        person = get_user_model()
        fields = person.SESSION_HASH_FIELDS  # type: ignore[attr-defined]
        signed_in_with = person(**dict(zip(fields, values, strict=True))).get_session_auth_hash()
        if not constant_time_compare(request.session.get(HASH_SESSION_KEY) or "", signed_in_with):
            return None
        return int(version)
    guest_id = request.session.get(GUEST_KEY)
    if isinstance(guest_id, int):
        found = GUEST_VERSION.first(pk, guest_id, timezone.now())
        return None if found is None else int(found[0])
    return None


def device_state(request: HttpRequest, pk: int) -> HttpResponse:
    """Polled every two seconds: 204 when nothing changed, answered before anything else."""
    version = _current_version(request, pk)
    if version is not None and request.GET.get("v") == str(version):
        return HttpResponse(status=204)
    return device_state_changed(request, pk=pk)


@audited(Action.READ, "live-device", only_denied=True)
@device_view
def device_state_changed(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    """Something changed: the new information, and the panel only when its forms change."""
    context = _info_context(visitor)
    if request.GET.get("m") != visitor.mode():
        context |= _panel_context(visitor) | {"panel_out_of_band": True}
    return render(request, "live/includes/_device_info.html", context)


def _answer(
    request: HttpRequest,
    visitor: Visitor,
    *,
    saved: str = "",
    typed: list[str] | None = None,
    status: int = 200,
    **forms_: Any,
) -> HttpResponse:
    """htmx gets the panel back; without JavaScript the page is loaded again."""
    if status != 200:  # refused or invalid: the facilitator may have moved on meanwhile
        visitor.seat.refresh_from_db()
        visitor.session.refresh_from_db()
    htmx = bool(request.htmx)  # type: ignore[attr-defined]
    if htmx or status != 200:
        # htmx: the panel, and the information with its polling address (the mode moved on).
        template = "live/includes/_device_answer.html" if htmx else "live/device.html"
        return _render(
            request, visitor, template, status=status, saved=saved, typed=typed, **forms_
        )
    if saved:  # shown on the page loaded next (a choice or rating: the panel confirms it)
        messages.success(request, saved)
    return redirect("live:device", pk=visitor.deliberation.pk)


def _not_now(
    request: HttpRequest, visitor: Visitor, form: forms.BaseForm | None = None
) -> HttpResponse:
    """Closed while they typed: say so, and give back what they wrote to copy elsewhere."""
    typed: list[str] = []
    if form is not None:
        typed = [
            str(form.data.get(form.add_prefix(name), "")).strip()
            for name, field in form.fields.items()
            if isinstance(field.widget, forms.Textarea | forms.TextInput)
        ]
    return _answer(
        request,
        visitor,
        saved=_("The facilitator has closed this, or you already sent yours. Nothing was saved."),
        typed=[text for text in typed if text],
        status=409,
    )


@audited(Action.CREATE, "live-choice")
@require_POST
@device_view
def device_choice(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    form = LiveChoiceForm(
        request.POST,
        deliberation=visitor.deliberation,
        check_while_typing=not visitor.is_guest,
        guest=visitor.is_guest,
    )
    if not form.is_valid():
        return _answer(request, visitor, status=400, choice_form=form)
    try:
        submit_choice(visitor.seat, form.cleaned_data)
    except NotNow:
        return _not_now(request, visitor, form)
    visitor.seat.chose = True
    return _answer(request, visitor)  # the panel confirms it, once


@audited(Action.CREATE, "live-rating")
@require_POST
@device_view
def device_rating(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    form = RatingForm(request.POST)
    if not form.is_valid():
        return _answer(request, visitor, status=400, rating_form=form)
    try:
        rate(visitor.seat, form.cleaned_data["score"])
    except NotNow:
        return _not_now(request, visitor)
    visitor.seat.rated = True
    return _answer(request, visitor)  # the panel confirms it, once


@audited(Action.CREATE, "live-contribution")
@require_POST
@device_view
def device_contribute(request: HttpRequest, visitor: Visitor) -> HttpResponse:
    session = visitor.session
    sent_for = request.POST.get("step", session.step)  # the facilitator may have moved on
    form = contribution_form(
        sent_for, visitor.deliberation, guest=visitor.is_guest, data=request.POST
    )
    if form is None or not session.contributions_open or sent_for != session.step:
        return _not_now(request, visitor, form)
    if not form.is_valid():
        return _answer(request, visitor, status=400, contribution_form=form)
    form.save()
    visitor.session.refresh_from_db()  # the contribution moved the version on
    return _answer(request, visitor, saved=_("Added. It is on the screen now."))


@audited({"GET": Action.READ, "POST": Action.CREATE}, "live-guest")
@require_http_methods(["GET", "POST"])
def guest(request: HttpRequest, key: str) -> HttpResponse:
    """A guest's single-use link. Opening it (GET) uses nothing up, so a link preview in a chat
    app cannot spend it; joining (POST, after agreeing to confidentiality) does."""
    invite = (
        GuestInvite.objects.select_related("session__deliberation__team")
        .filter(key_digest=GuestInvite.digest(key))
        .first()
    )
    context = context_for(request)
    problem, status = "", 200
    if invite is not None:
        context.object_id = str(invite.pk)
        if not request.user.is_authenticated:
            _note_guest(request, invite)  # whoever holds the link
        if request.session.get(GUEST_KEY) == invite.pk and invite.valid:
            return redirect("live:device", pk=invite.session_id)  # already in: same browser
    if request.user.is_authenticated:
        problem, status = "signed-in", 400
    elif invite is None:
        problem, status = "unknown", 404
    elif invite.used_at is not None:
        problem, status = "used", 410
    elif not invite.valid:
        problem, status = "ended", 410
    form = GuestWelcomeForm(request.POST or None)
    if not problem and request.method == "POST":
        assert invite is not None
        if form.is_valid():
            # Spent once, even if two devices press the button at the same moment.
            if GuestInvite.objects.filter(pk=invite.pk, used_at__isnull=True).update(
                used_at=timezone.now()
            ):
                request.session.cycle_key()
                request.session[GUEST_KEY] = invite.pk
                guest_seat(invite)
                return redirect("live:device", pk=invite.session_id)
            problem, status = "used", 410
        else:
            status = 400
    return render(
        request,
        "live/guest.html",
        {"invite": invite if not problem else None, "form": form, "problem": problem},
        status=status,
    )
