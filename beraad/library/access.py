"""Who may do what with library cases. Outsiders get 404, as everywhere."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest

from beraad.accounts.models import Membership, Organisation, OrganisationRole, Role
from beraad.audit.log import note_membership
from beraad.library.models import LibraryCase


def facilitator_memberships(user: Any, organisation: Organisation) -> list[Membership]:
    return [
        m
        for m in Membership.objects.for_user(user).filter(team__organisation=organisation)
        if m.has_role(Role.FACILITATOR)
    ]


def is_trainer(user: Any, organisation: Organisation) -> bool:
    return OrganisationRole.objects.filter(
        user=user, organisation=organisation, role=OrganisationRole.Kind.TRAINER
    ).exists()


def reader_organisation(request: HttpRequest, slug: str) -> Organisation:
    """The organisation whose library this person may read: a trainer of it, or a facilitator
    of one of its teams."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not request.user.is_authenticated:
        raise Http404("No such library")
    if not (
        is_trainer(request.user, organisation)
        or facilitator_memberships(request.user, organisation)
    ):
        raise Http404("No such library")
    return organisation


def may_edit(user: Any, case: LibraryCase) -> bool:
    """The proposing team's facilitators work on a draft."""
    if case.team_id is None:
        return False
    return any(m.team_id == case.team_id for m in facilitator_memberships(user, case.organisation))


def may_review(user: Any, case: LibraryCase) -> bool:
    """Another facilitator of the organisation, or one of its trainers; never the proposer."""
    if case.proposed_by_id == user.pk:
        return False
    return is_trainer(user, case.organisation) or bool(
        facilitator_memberships(user, case.organisation)
    )


def note(request: HttpRequest, case: LibraryCase) -> None:
    """The access log names the proposing team for work on its draft."""
    if case.team is not None:
        note_membership(request, team_id=case.team.pk, team_slug=case.team.slug, role="library")
