from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from beraad.accounts.access import get_membership
from beraad.accounts.models import Membership, Role
from beraad.audit.forms import LogFilterForm
from beraad.audit.log import audited
from beraad.audit.models import AccessLog, Action


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
