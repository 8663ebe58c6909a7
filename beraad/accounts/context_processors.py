from __future__ import annotations

from functools import cached_property
from typing import Any, cast

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from beraad.accounts.models import Membership, Organisation, OrganisationRole, Role
from beraad.web.prepared import Prepared

# The team whose links the menu keeps on pages outside a team (the case library, the account).
MENU_TEAM_SESSION_KEY = "menu_team"


def _memberships(user_id: int) -> QuerySet[Membership]:
    return Membership.objects.for_user(get_user_model()(pk=user_id, is_active=True))  # by team


def _roles(user_id: int) -> QuerySet[OrganisationRole]:
    """What coordinated_organisations() and the trainer half of library_organisations() ask
    (beraad/accounts/access.py), in one query."""
    return OrganisationRole.objects.filter(user_id=user_id).select_related("organisation")


# Every page has the menu: its two reads are compiled once (beraad/web/prepared.py).
MEMBERSHIPS = Prepared(_memberships, int)
ROLES = Prepared(_roles, int)


class Menu:
    """What the menu shows of the signed-in person, read when a page first shows it: their
    memberships (with team and organisation) and their organisation roles, two queries for the
    four things below. Every page has the menu, the live devices too, so they add up."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self.user_id = cast(int, request.user.pk)  # made for a signed-in person only

    @cached_property
    def memberships(self) -> list[Membership]:
        return MEMBERSHIPS.objects(self.user_id)  # by team name

    @cached_property
    def roles(self) -> list[OrganisationRole]:
        return ROLES.objects(self.user_id)

    def membership(self) -> Membership | None:
        """Of the team last visited, else of the first team by name, else None."""
        remembered = self.request.session.get(MENU_TEAM_SESSION_KEY)
        found = [m for m in self.memberships if remembered and m.team.slug == remembered]
        return next(iter(found or self.memberships), None)

    def coordinated(self) -> list[Organisation]:
        """The organisations they coordinate (their overview shows counts only)."""
        return _by_name(
            r.organisation for r in self.roles if r.role == OrganisationRole.Kind.COORDINATOR
        )

    def libraries(self) -> list[Organisation]:
        """Whose case library they read: as a trainer, or as a facilitator (or team admin) of
        one of its teams (access.library_organisations)."""
        trainer = [r.organisation for r in self.roles if r.role == OrganisationRole.Kind.TRAINER]
        leading = [
            m.team.organisation
            for m in self.memberships
            if m.role in (Role.FACILITATOR, Role.TEAM_ADMIN)
        ]
        return _by_name([*trainer, *leading])


def _by_name(organisations: Any) -> list[Organisation]:
    """Each once, in the organisations' own order (by name), as the database would give them."""
    unique = {o.pk: o for o in organisations}
    return sorted(unique.values(), key=lambda o: (o.name, o.pk))


def teams(request: HttpRequest) -> dict[str, Any]:
    """The teams the signed-in person belongs to, for the team switcher, and the organisations
    they coordinate or whose library they read (lazy: no query unless a page shows them).

    A team page remembers its team (a slug in the session, checked against the person's own
    memberships when read), so the menu keeps that team's links on pages that belong to no
    team, such as the case library."""
    user = getattr(request, "user", None)
    if not user or not user.is_authenticated or not user.is_active:  # Menu's reads assume both
        return {}
    match = getattr(request, "resolver_match", None)
    slug = match.kwargs.get("team") if match is not None else None
    if isinstance(slug, str) and request.session.get(MENU_TEAM_SESSION_KEY) != slug:
        request.session[MENU_TEAM_SESSION_KEY] = slug
    menu = Menu(request)
    return {
        "my_memberships": SimpleLazyObject(lambda: menu.memberships),
        "my_coordinated": SimpleLazyObject(menu.coordinated),
        "my_libraries": SimpleLazyObject(menu.libraries),
        "menu_membership": SimpleLazyObject(menu.membership),
    }
