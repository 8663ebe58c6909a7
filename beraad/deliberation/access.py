"""Loading deliberations for a request, always through the user's membership of the team."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from beraad.accounts.access import get_membership, note_target
from beraad.accounts.models import Membership, Role
from beraad.deliberation.models import Deliberation


def get_deliberation(
    request: HttpRequest,
    team_slug: str,
    pk: int,
    *,
    role: str = Role.MEMBER,
    editable: bool = False,
    for_update: bool = False,
) -> tuple[Membership, Deliberation]:
    """The team's deliberation: 404 for anyone outside the team, 403 for a role too low.

    ``editable`` refuses changes to a concluded deliberation; ``for_update`` locks the row for the
    rest of the surrounding transaction.
    """
    membership = get_membership(request, team_slug)
    queryset = Deliberation.objects.for_team(membership.team)
    if for_update:
        queryset = queryset.select_for_update()
    deliberation = queryset.filter(pk=pk).first()
    if deliberation is None:
        # Another team's deliberation through one's own team's address: logged under its team.
        note_target(request, team__deliberations=pk)
        raise Http404("No such deliberation")
    if not membership.has_role(role):
        raise PermissionDenied
    if editable and deliberation.is_concluded:
        raise PermissionDenied(
            _(
                "This deliberation is concluded and can no longer be changed. "
                "A facilitator can reopen it."
            )
        )
    return membership, deliberation
