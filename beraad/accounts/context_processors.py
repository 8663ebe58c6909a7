from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from beraad.accounts.access import coordinated_organisations, library_organisations
from beraad.accounts.models import Membership


def teams(request: HttpRequest) -> dict[str, Any]:
    """The teams the signed-in person belongs to, for the team switcher, and the organisations
    they coordinate or whose library they read (lazy querysets: no query unless a page shows
    them)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "my_memberships": Membership.objects.for_user(request.user),
        "my_coordinated": coordinated_organisations(request.user),
        "my_libraries": library_organisations(request.user),
    }
