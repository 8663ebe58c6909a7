"""Home, the team's members and invitations, and accepting an invitation."""

from __future__ import annotations

from collections import Counter
from typing import Any, cast

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beraad.accounts.access import current_team, get_membership, second_factor_required
from beraad.accounts.forms import AcceptInvitationForm, InvitationForm, MembershipForm
from beraad.accounts.models import Invitation, Membership, OrganisationRole, Role, User
from beraad.audit.forms import LogFilterForm
from beraad.audit.log import audited
from beraad.audit.models import AccessLog, Action


@login_required
def home(request: HttpRequest) -> HttpResponse:
    team = current_team(request)
    if team is not None:
        return redirect("deliberation:list", team=team.slug)
    coordinated = OrganisationRole.objects.filter(
        user=cast(Any, request.user), role=OrganisationRole.Kind.COORDINATOR
    ).first()
    if coordinated is not None:
        return redirect("insights:organisation", organisation=coordinated.organisation.slug)
    trainer = OrganisationRole.objects.filter(
        user=cast(Any, request.user), role=OrganisationRole.Kind.TRAINER
    ).first()
    if trainer is not None:
        return redirect("library:list", organisation=trainer.organisation.slug)
    return render(request, "accounts/no_team.html")


@audited(Action.READ, "team_members", only_denied=True)
@login_required
@require_http_methods(["GET", "POST"])
def members(request: HttpRequest, team: str) -> HttpResponse:
    membership = get_membership(request, team, role=Role.TEAM_ADMIN)
    form = InvitationForm(request.POST or None, team=membership.team)
    if request.method == "POST" and form.is_valid():
        form.instance.team = membership.team
        form.instance.invited_by = request.user
        invitation = form.save()
        link = request.build_absolute_uri(
            reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
        )
        messages.success(
            request,
            _(
                "Invitation made. Send this link to %(email)s; it works once, until %(date)s: %(link)s"
            )
            % {
                "email": invitation.email,
                "date": formats.date_format(timezone.localtime(invitation.expires_at), "j F Y"),
                "link": link,
            },
        )
        return redirect("accounts:members", team=team)
    context = {
        "team": membership.team,
        "membership": membership,
        "form": form,
        "members": Membership.objects.filter(team=membership.team).select_related("user"),
        "invitations": membership.team.invitations.open(),
        "roles": Role.choices,
    }
    return render(request, "accounts/members.html", context, status=400 if form.errors else 200)


def _confirm(
    request: HttpRequest, membership: Membership, question: str, consequence: str, button: str
) -> HttpResponse:
    """The page that asks before a member is removed or an invitation withdrawn (the members
    page links to it, so it asks with and without JavaScript)."""
    return render(
        request,
        "accounts/confirm.html",
        {
            "team": membership.team,
            "membership": membership,
            "question": question,
            "consequence": consequence,
            "button": button,
            "back": reverse("accounts:members", kwargs={"team": membership.team.slug}),
        },
    )


@audited(Action.READ, "team_members", only_denied=True)
@login_required
@require_http_methods(["GET", "POST"])
def member_update(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """GET: asks whether to remove this member; POST: changes the role, or removes."""
    membership = get_membership(request, team, role=Role.TEAM_ADMIN)
    target = Membership.objects.filter(team=membership.team, pk=pk).select_related("user").first()
    if target is None:
        raise Http404("No such member")
    if request.method == "GET":
        return _confirm(
            request,
            membership,
            _("Remove %(name)s from the team?") % {"name": target.user},
            _("They can no longer open this team's deliberations. You can invite them again."),
            _("Yes, remove from the team"),
        )
    if "remove" in request.POST:
        if target.role == Role.TEAM_ADMIN and not (
            Membership.objects.filter(team=membership.team, role=Role.TEAM_ADMIN)
            .exclude(pk=target.pk)
            .exists()
        ):
            messages.error(request, _("A team needs at least one team admin."))
        else:
            target.delete()
            messages.success(request, _("%(name)s is no longer a member.") % {"name": target.user})
        return redirect("accounts:members", team=team)
    form = MembershipForm(request.POST, instance=target)
    if form.is_valid():
        form.save()
        messages.success(request, _("Role changed."))
    else:
        for error in form.errors.get("role", []):
            messages.error(request, str(error))
    return redirect("accounts:members", team=team)


@audited(Action.READ, "team_members", only_denied=True)
@login_required
@require_http_methods(["GET", "POST"])
def invitation_revoke(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """GET: asks whether to withdraw the invitation; POST: withdraws it."""
    membership = get_membership(request, team, role=Role.TEAM_ADMIN)
    if request.method == "GET":
        invitation = membership.team.invitations.filter(pk=pk).first()
        if invitation is None:
            raise Http404("No such invitation")
        return _confirm(
            request,
            membership,
            _("Withdraw the invitation for %(email)s?") % {"email": invitation.email},
            _("The link stops working. You can make a new one."),
            _("Yes, withdraw"),
        )
    deleted, _rows = membership.team.invitations.filter(pk=pk).delete()
    if not deleted:
        raise Http404("No such invitation")
    messages.success(request, _("The invitation was withdrawn."))
    return redirect("accounts:members", team=team)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = Invitation.objects.select_related("team").filter(token=token).first()
    if invitation is None or not invitation.is_usable:
        return render(
            request, "accounts/invitation_invalid.html", status=410 if invitation else 404
        )
    if request.user.is_authenticated and request.user.email.lower() != invitation.email.lower():
        return render(request, "accounts/invitation_invalid.html", {"wrong_user": True}, status=403)
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is not None:
        if not request.user.is_authenticated:
            messages.info(
                request, _("You already have an account. Log in to accept the invitation.")
            )
            return redirect(f"{reverse('account_login')}?next={request.path}")
        if request.method == "POST":
            invitation.accept(existing)
            messages.success(request, _("Welcome to %(team)s.") % {"team": invitation.team})
            return redirect("deliberation:list", team=invitation.team.slug)
        return render(request, "accounts/invitation_accept.html", {"invitation": invitation})
    form = AcceptInvitationForm(request.POST or None, email=invitation.email)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            user = User.objects.create_user(
                invitation.email,
                form.cleaned_data["password1"],
                name=form.cleaned_data["name"],
            )
            invitation.accept(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, _("Welcome to %(team)s.") % {"team": invitation.team})
        return redirect("deliberation:list", team=invitation.team.slug)
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    """The person's own account: second factor, password, and signing out everywhere."""
    user = cast(User, request.user)
    kinds = Counter(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    return render(
        request,
        "accounts/account.html",
        {
            "totp": kinds[Authenticator.Type.TOTP],
            "passkeys": kinds[Authenticator.Type.WEBAUTHN],
            "recovery_codes": kinds[Authenticator.Type.RECOVERY_CODES],
            "required": second_factor_required(user),
            "idle_minutes": settings.BERAAD_SESSION_IDLE_MINUTES,
            "max_hours": settings.BERAAD_SESSION_MAX_HOURS,
        },
    )


@login_required
@require_POST
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """Ends every session of this person, on every device and server, this one included."""
    cast(User, request.user).end_all_sessions()
    logout(request)
    messages.success(request, _("You are signed out everywhere, on every device."))
    return redirect("account_login")


@audited(Action.READ, "access_log")
@login_required
def team_log(request: HttpRequest, team: str) -> HttpResponse:
    """The team's access log for its team admins; reading it is itself logged."""
    membership = get_membership(request, team, role=Role.TEAM_ADMIN)
    entries = AccessLog.objects.for_team(membership.team.pk)
    logged: set[tuple[int, str]] = {
        (user_id, email)
        for user_id, email in entries.values_list("user_id", "user_email").distinct()
        if user_id is not None
    }
    members = {
        (m.user.pk, m.user.email)
        for m in Membership.objects.filter(team=membership.team).select_related("user")
    }
    people = sorted(members | logged, key=lambda person: person[1])
    form = LogFilterForm(request.GET or None, people=people)
    if form.is_valid():
        entries = form.apply(entries)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "audit/log.html",
        {
            "team": membership.team,
            "membership": membership,
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )
