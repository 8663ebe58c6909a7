"""The one way views reach team and organisation data: always starting from the user's own
memberships and organisation roles.

Outsiders get 404 (no hint that the object exists); members whose role is too low get 403.
Every view, and the menu (context_processors.py), asks here.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.http import Http404, HttpRequest

from beraad.accounts.models import Membership, Organisation, OrganisationRole, Role, Team
from beraad.audit.log import context_for, note_membership
from beraad.web.prepared import Prepared


def get_membership(request: HttpRequest, team_slug: str, *, role: str = Role.MEMBER) -> Membership:
    membership = member_of(request, team__slug=team_slug)
    if not membership.has_role(role):
        raise PermissionDenied
    if request.session.get("team") != membership.team.slug:  # no session write on every poll
        request.session["team"] = membership.team.slug
    return membership


def member_of(request: HttpRequest, **team_lookup: Any) -> Membership:
    """The signed-in person's membership of the team that matches (``team__slug=…``,
    ``team__deliberations__pk=pk``), noted for the access log; 404 if they are not in it."""
    membership = membership_where(request.user, **team_lookup)
    if membership is None:
        note_target(request, **team_lookup)
        raise Http404("No such team")
    note_membership(
        request, team_id=membership.team.pk, team_slug=membership.team.slug, role=membership.role
    )
    return membership


def note_target(request: HttpRequest, **team_lookup: Any) -> None:
    """A refused attempt is logged under the team it was aimed at, so that team's admins see it on
    their log page. The person refused still gets the same 404 as for a team that does not exist.
    Someone not signed in is only worth it when known otherwise (a guest's invitation)."""
    if not request.user.is_authenticated and not context_for(request).actor:
        return
    lookups = {key.removeprefix("team__"): value for key, value in team_lookup.items()}
    target = Team.objects.filter(**lookups).values_list("pk", "slug").first()
    if target is not None:
        note_membership(request, team_id=target[0], team_slug=target[1], role="")


def current_team(request: HttpRequest) -> Team | None:
    memberships = Membership.objects.for_user(request.user)
    preferred = request.session.get("team")
    if preferred:
        chosen = memberships.filter(team__slug=preferred).first()
        if chosen:
            return chosen.team
    first = memberships.first()
    return first.team if first else None


def role_in(user: Any, team: OuterRef) -> Subquery:
    """The person's role in the team ``team`` points to, or None if they are not in it: an
    annotation that loads an object together with the right to see it, in one query (the live
    devices, polled by many at once). A None answers with ``member_of()``'s 404, like any other."""
    return Subquery(Membership.objects.for_user(user).filter(team=team).values("role")[:1])


def noted_role(request: HttpRequest, team: Team, role: str) -> None:
    """A role found by ``role_in()``, noted for the access log as ``member_of()`` notes it."""
    note_membership(request, team_id=team.pk, team_slug=team.slug, role=role)


def _membership_by_slug(user_id: int, slug: str) -> QuerySet[Membership]:
    person = get_user_model()(pk=user_id, is_active=True)
    return Membership.objects.for_user(person).filter(team__slug=slug)[:1]


# Every team page starts here: compiled once (beraad/web/prepared.py).
MEMBERSHIP_BY_SLUG = Prepared(_membership_by_slug, int, str)


def membership_where(user: Any, **lookups: Any) -> Membership | None:
    """The person's membership of the team that matches (``team__deliberations__pk=pk``), or None."""
    slug = lookups.get("team__slug")
    if len(lookups) == 1 and isinstance(slug, str) and user.is_authenticated and user.is_active:
        found: Membership | None = MEMBERSHIP_BY_SLUG.first_object(user.pk, slug)
        return found
    return Membership.objects.for_user(user).filter(**lookups).select_related("team").first()


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


# What counts as a second factor: recovery codes only back one of these up.
SECOND_FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def second_factor_required(user: Any) -> bool:
    """Whether this person must use a second factor: they have a team or organisation role in an
    organisation that requires one, or they are staff (who reach the admin, where the
    requirement is switched) and BERAAD_MFA_REQUIRED_FOR_STAFF is on."""
    if user.is_staff and settings.BERAAD_MFA_REQUIRED_FOR_STAFF:
        return True
    return Organisation.objects.filter(
        Q(teams__memberships__user=user) | Q(roles__user=user), mfa_required=True
    ).exists()


def must_set_up_second_factor(user: Any) -> bool:
    """True for someone signed in who needs a second factor and has none yet: they reach only the
    set-up pages (middleware.SessionPolicyMiddleware)."""
    if not user.is_authenticated or not second_factor_required(user):
        return False
    return not Authenticator.objects.filter(user=user, type__in=SECOND_FACTORS).exists()


def coordinated_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations this person coordinates (their overview shows counts only)."""
    return Organisation.objects.filter(
        roles__user=user, roles__role=OrganisationRole.Kind.COORDINATOR
    )


def library_organisations(user: Any) -> QuerySet[Organisation]:
    """The organisations whose case library this person reads: as a trainer, or as a
    facilitator (or team admin) of one of its teams."""
    return Organisation.objects.filter(
        Q(roles__user=user, roles__role=OrganisationRole.Kind.TRAINER)
        | Q(
            teams__memberships__user=user,
            teams__memberships__role__in=[Role.FACILITATOR, Role.TEAM_ADMIN],
        )
    ).distinct()


def coordinated_organisation(request: HttpRequest, slug: str) -> Organisation:
    """An organisation the signed-in person coordinates; 404 for anyone else."""
    found = coordinated_organisations(request.user).filter(slug=slug).first()
    if found is None:
        raise Http404("No such organisation")
    return found


def library_organisation(request: HttpRequest, slug: str) -> Organisation:
    """The organisation whose library this person may read: a trainer of it, or a facilitator
    of one of its teams; 404 for anyone else."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None or not request.user.is_authenticated:
        raise Http404("No such library")
    if not (
        is_trainer(request.user, organisation)
        or facilitator_memberships(request.user, organisation)
    ):
        raise Http404("No such library")
    return organisation
