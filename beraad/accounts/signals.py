"""What accounts does when someone signs in or changes their second factor, and after migrate."""

from __future__ import annotations

from typing import Any

from django.core.management import call_command
from django.http import HttpRequest

from beraad.accounts.middleware import note_second_factor, start_session


def on_signed_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    start_session(request.session, user=user)


def on_authenticator_changed(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    # This session knows at once; the person's other sessions within a minute (the middleware
    # decides again each time it notes activity).
    if request is not None and hasattr(request, "session"):
        note_second_factor(request.session, user=user)


def make_cache_table(sender: Any, using: str = "default", **kwargs: Any) -> None:
    """The database cache's table is no model: made (if missing) after every migrate, so a new
    installation, `make demo` and the test databases all have it."""
    call_command("createcachetable", database=using, verbosity=0)
