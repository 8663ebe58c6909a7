"""Loading deliberations for a request, always through the user's membership of the team."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _

from beraad.accounts.access import get_membership, note_target
from beraad.accounts.models import Membership, Role
from beraad.deliberation.models import Deliberation
from beraad.web.prepared import Prepared


def _teams_deliberation(team_id: int, pk: int) -> QuerySet[Deliberation]:
    return Deliberation.objects.filter(team_id=team_id, pk=pk)[:1]


# Every deliberation page starts here: compiled once (beraad/web/prepared.py).
TEAMS_DELIBERATION = Prepared(_teams_deliberation, int, int)


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
    if for_update:
        queryset = Deliberation.objects.for_team(membership.team).select_for_update()
        deliberation = queryset.filter(pk=pk).first()
    else:
        deliberation = TEAMS_DELIBERATION.first_object(membership.team_id, pk)
    if deliberation is None:
        # Another team's deliberation through one's own team's address: logged under its team.
        note_target(request, team__deliberations__pk=pk)
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
