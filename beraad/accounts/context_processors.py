from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from beraad.accounts.models import Membership


def teams(request: HttpRequest) -> dict[str, Any]:
    """The teams the signed-in person belongs to, for the team switcher."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {"my_memberships": Membership.objects.for_user(request.user)}
