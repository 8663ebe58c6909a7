"""Every request's session policy: the idle timeout, the absolute lifetime, and the second
factor an organisation requires before anything else opens.

Live screens and devices poll every two seconds, so nothing here writes the session or asks the
database on an ordinary request: the last activity is noted at most once a minute, and the
second-factor decision is taken again at that same moment (or at once when the person adds or
removes an authenticator, beraad/accounts/signals.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.sessions.backends.base import SessionBase
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from beraad.accounts.access import must_set_up_second_factor

STARTED = "beraad.started"  # when the person signed in (seconds since the epoch)
SEEN = "beraad.seen"  # the last noted activity, at most a minute old
SECOND_FACTOR_OK = "beraad.mfa_ok"  # when the second-factor check last passed

REFRESH_SECONDS = 60


def start_session(session: SessionBase, *, user: Any) -> None:
    """At sign-in: the lifetime starts now, and the second factor is checked at once."""
    now = int(time.time())
    session[STARTED] = now
    session[SEEN] = now
    note_second_factor(session, user=user, now=now)


def note_second_factor(session: SessionBase, *, user: Any, now: int | None = None) -> bool:
    """Decide again whether this person may go past the set-up pages, and remember a yes."""
    ok = not must_set_up_second_factor(user)
    if ok:
        session[SECOND_FACTOR_OK] = int(time.time()) if now is None else now
    else:
        session.pop(SECOND_FACTOR_OK, None)
    return ok


def set_up_paths() -> tuple[str, ...]:
    """What someone who still has to set up a second factor may open."""
    return (
        reverse("mfa_index"),  # every page of allauth.mfa lies under it
        reverse("account_logout"),
        reverse("account_reauthenticate"),  # adding an authenticator may ask for the password
        reverse("account_login"),
        reverse("set_language"),
        settings.STATIC_URL,
    )


class SessionPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.allowed: tuple[str, ...] | None = None

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = request.session
        if not session.keys():  # no session, or an empty one: nothing to end
            return self.get_response(request)
        now = int(time.time())
        signed_in = SESSION_KEY in session
        # A session from before this policy, or a guest's, starts counting now.
        started = session.setdefault(STARTED, now)
        seen = session.setdefault(SEEN, now)
        reason = self.why_ended(now, started=started, seen=seen, signed_in=signed_in)
        if reason:
            self.end(request, signed_in, reason)
            if getattr(request, "htmx", False):
                return away(request, reverse("account_login"), reason, status=401)
            return self.get_response(request)
        refresh = now - seen >= REFRESH_SECONDS
        if refresh:
            session[SEEN] = now
        if signed_in and not self.second_factor_ok(request, now, refresh):
            return self.to_set_up(request)
        return self.get_response(request)

    def why_ended(self, now: int, *, started: int, seen: int, signed_in: bool) -> str | None:
        """Guests have no idle timeout: their device may rest between two rounds, and their
        single-use link cannot bring them back. The lifetime holds for every session."""
        if now - started > settings.BERAAD_SESSION_MAX_HOURS * 3600:
            return _(
                "You were signed out because you signed in more than %(hours)s hours ago. "
                "Sign in again to go on."
            ) % {"hours": settings.BERAAD_SESSION_MAX_HOURS}
        if signed_in and now - seen > settings.BERAAD_SESSION_IDLE_MINUTES * 60:
            return _(
                "You were signed out because you did nothing for %(minutes)s minutes. "
                "Sign in again to go on."
            ) % {"minutes": settings.BERAAD_SESSION_IDLE_MINUTES}
        return None

    def end(self, request: HttpRequest, signed_in: bool, message: str) -> None:
        """End the session. A page request goes on as anyone's who is not signed in, so each page
        answers as it always does then (most: to the login page, which shows the message)."""
        if signed_in:
            logout(request)
            messages.info(request, message)
        else:
            request.session.flush()

    def second_factor_ok(self, request: HttpRequest, now: int, refresh: bool) -> bool:
        if request.session.get(SECOND_FACTOR_OK) and not refresh:
            return True
        return note_second_factor(request.session, user=request.user, now=now)

    def to_set_up(self, request: HttpRequest) -> HttpResponse:
        if self.allowed is None:
            self.allowed = set_up_paths()
        if request.path.startswith(self.allowed):
            return self.get_response(request)
        message = _(
            "Your organisation asks for a second step when you sign in, because Beraad holds "
            "information about clients. Set up an authenticator app or a passkey first; after "
            "that you can use Beraad as usual."
        )
        messages.warning(request, message)
        if getattr(request, "htmx", False):
            return away(request, reverse("mfa_index"), message, status=403)
        return redirect("mfa_index")


def away(request: HttpRequest, target: str, message: str, *, status: int) -> HttpResponse:
    """The answer to htmx. A save (POST) is refused, so htmx keeps the typed text in its field
    and shows that it was not saved; anything else (a poll, a swap) takes the page to `target`."""
    if request.method != "GET":
        return HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    page = request.htmx.current_url_abs_path if request.htmx else None  # type: ignore[attr-defined]
    if page and target == reverse("account_login"):
        target = f"{target}?{urlencode({'next': page})}"
    return HttpResponseClientRedirect(target)
