from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from beraad.accounts.access import coordinated_organisations, library_organisations
from beraad.accounts.models import Membership

# The team whose links the menu keeps on pages outside a team (the case library, the account).
MENU_TEAM_SESSION_KEY = "menu_team"


def _menu_membership(request: HttpRequest) -> Membership | None:
    """The membership of the team last visited, else of the first team by name, else None."""
    memberships = Membership.objects.for_user(request.user).order_by("team__name")
    remembered = request.session.get(MENU_TEAM_SESSION_KEY)
    if remembered:
        found = memberships.filter(team__slug=remembered).first()
        if found is not None:
            return found
    return memberships.first()


def teams(request: HttpRequest) -> dict[str, Any]:
    """The teams the signed-in person belongs to, for the team switcher, and the organisations
    they coordinate or whose library they read (lazy querysets: no query unless a page shows
    them).

    A team page remembers its team (a slug in the session, checked against the person's own
    memberships when read), so the menu keeps that team's links on pages that belong to no
    team, such as the case library."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {}
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("team") if match is not None else None
    if isinstance(slug, str) and request.session.get(MENU_TEAM_SESSION_KEY) != slug:
        request.session[MENU_TEAM_SESSION_KEY] = slug
    return {
        "my_memberships": Membership.objects.for_user(request.user),
        "my_coordinated": coordinated_organisations(request.user),
        "my_libraries": library_organisations(request.user),
        "menu_membership": SimpleLazyObject(lambda: _menu_membership(request)),
    }
