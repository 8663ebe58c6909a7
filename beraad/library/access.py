"""Who may do what with library cases. Outsiders get 404, as everywhere."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from beraad.accounts.access import facilitator_memberships, is_trainer
from beraad.accounts.models import Membership, Organisation, Role, Team
from beraad.audit.log import note_membership
from beraad.library.models import LibraryCase

TRAINING = "training"


def practice_teams(user: Any, organisation: Organisation) -> list[tuple[str, str]]:
    """Where this person may practise: the teams they facilitate, and for a trainer the
    organisation's practice space."""
    teams = [
        (m.team.slug, m.team.name)
        for m in facilitator_memberships(user, organisation)
        if not m.team.is_training
    ]
    if is_trainer(user, organisation):
        teams.append((TRAINING, str(_("the practice space for trainers"))))
    return teams


def practice_team(user: Any, organisation: Organisation, choice: str) -> Team | None:
    """The team chosen for practice; the practice space is made on first use, with the trainer as
    its facilitator (it holds practice deliberations only)."""
    if choice == TRAINING and is_trainer(user, organisation):
        team, _created = Team.objects.get_or_create(
            organisation=organisation,
            is_training=True,
            defaults={
                "name": str(_("Practice space for trainers")),
                "slug": f"oefenen-{organisation.pk}-{organisation.slug}"[:60],
                "cadence_weeks": None,
            },
        )
        Membership.objects.get_or_create(user=user, team=team, defaults={"role": Role.FACILITATOR})
        return team
    for membership in facilitator_memberships(user, organisation):
        if membership.team.slug == choice and not membership.team.is_training:
            return membership.team
    return None


def may_edit(user: Any, case: LibraryCase) -> bool:
    """The proposing team's facilitators work on a draft; an imported case, the person who
    imported it."""
    if case.team_id is None:
        return case.proposed_by_id == user.pk
    return any(m.team_id == case.team_id for m in facilitator_memberships(user, case.organisation))


def may_review(user: Any, case: LibraryCase) -> bool:
    """A second pair of eyes: a trainer of the organisation or a facilitator of another of its
    teams; never the proposer, nor anyone who may edit the case."""
    if case.proposed_by_id == user.pk or may_edit(user, case):
        return False
    return is_trainer(user, case.organisation) or any(
        not m.team.is_training for m in facilitator_memberships(user, case.organisation)
    )


def note(request: HttpRequest, case: LibraryCase) -> None:
    """The access log names the proposing team for work on its draft."""
    if case.team is not None:
        note_membership(request, team_id=case.team.pk, team_slug=case.team.slug, role="library")
