from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest

from beraad.accounts.models import Membership, Organisation, OrganisationRole, Role


def teams(request: HttpRequest) -> dict[str, Any]:
    """The teams the signed-in person belongs to, for the team switcher, and the organisations
    they coordinate (lazy querysets: no query unless a page shows them)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    return {
        "my_memberships": Membership.objects.for_user(request.user),
        "my_coordinated": Organisation.objects.filter(
            roles__user=request.user, roles__role=OrganisationRole.Kind.COORDINATOR
        ),
        # Trainers, and facilitators of the organisation's teams, read its case library.
        "my_libraries": Organisation.objects.filter(
            Q(roles__user=request.user, roles__role=OrganisationRole.Kind.TRAINER)
            | Q(
                teams__memberships__user=request.user,
                teams__memberships__role__in=[Role.FACILITATOR, Role.TEAM_ADMIN],
            )
        ).distinct(),
    }
