"""The one way views reach team data: always starting from the user's memberships.

Outsiders get 404 (no hint that the object exists); members whose role is too low get 403.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from beraad.accounts.models import Membership, Role, Team
from beraad.audit.log import note_membership


def get_membership(request: HttpRequest, team_slug: str, *, role: str = Role.MEMBER) -> Membership:
    membership = Membership.objects.for_user(request.user).filter(team__slug=team_slug).first()
    if membership is None:
        raise Http404("No such team")
    note_membership(
        request, team_id=membership.team.pk, team_slug=membership.team.slug, role=membership.role
    )
    if not membership.has_role(role):
        raise PermissionDenied
    if request.session.get("team") != membership.team.slug:  # no session write on every poll
        request.session["team"] = membership.team.slug
    return membership


def current_team(request: HttpRequest) -> Team | None:
    memberships = Membership.objects.for_user(request.user)
    preferred = request.session.get("team")
    if preferred:
        chosen = memberships.filter(team__slug=preferred).first()
        if chosen:
            return chosen.team
    first = memberships.first()
    return first.team if first else None
