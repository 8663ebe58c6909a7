"""The team dashboard, the organisation overview, and the follow-up of actions."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beraad.accounts.access import coordinated_organisation, get_membership
from beraad.accounts.models import Role, Team
from beraad.audit.log import audited
from beraad.audit.models import Action as LogAction
from beraad.deliberation.models import Action, Deliberation
from beraad.insights import stats
from beraad.insights.dashboard import build_charts, team_table_body
from beraad.insights.forms import ActionMarkForm, CadenceForm, PeriodForm
from beraad.insights.overview import overview
from beraad.privacy.services import warnings_for


def _period(request: HttpRequest) -> tuple[PeriodForm, stats.Period]:
    form = PeriodForm(request.GET or None)
    start, end, by = form.period()
    return form, stats.Period(start, end, by)


@audited(LogAction.READ, "dashboard")
@login_required
def dashboard(request: HttpRequest, team: str) -> HttpResponse:
    membership = get_membership(request, team)
    form, period = _period(request)
    figures = stats.figures(Deliberation.objects.for_team(membership.team), period)
    teams = Team.objects.filter(pk=membership.team.pk)
    return render(
        request,
        "insights/dashboard.html",
        {
            "team": membership.team,
            "membership": membership,
            "form": form,
            "period": period,
            "figures": figures,
            "cadence": stats.cadence(teams, period),
            "charts": build_charts(figures, membership.team),
            "cadence_form": CadenceForm(instance=membership.team),
        },
        status=400 if form.errors else 200,
    )


@audited(LogAction.UPDATE, "team")
@login_required
@require_POST
def cadence_update(request: HttpRequest, team: str) -> HttpResponse:
    membership = get_membership(request, team, role=Role.TEAM_ADMIN)
    form = CadenceForm(request.POST, instance=membership.team)
    if form.is_valid():
        form.save()
        messages.success(request, _("The team's rhythm is saved."))
    else:
        messages.error(
            request,
            _("The rhythm was not saved: %(error)s")
            % {"error": " ".join(str(e) for e in form.errors.get("cadence_weeks", []))},
        )
    return redirect("insights:dashboard", team=membership.team.slug)


@audited(LogAction.READ, "organisation_dashboard")
@login_required
def organisation_dashboard(request: HttpRequest, organisation: str) -> HttpResponse:
    """The same figures across an organisation's teams: counts and catalogue labels only."""
    found = coordinated_organisation(request, organisation)
    form, period = _period(request)
    # From the monthly tallies (insights.overview): the same figures as stats.figures over the
    # raw rows, read from one row per organisation and month whatever the organisation's size.
    figures, cadence, team_rows = overview(found, period)
    return render(
        request,
        "insights/organisation.html",
        {
            "organisation": found,
            "form": form,
            "period": period,
            "figures": figures,
            "cadence": cadence,
            "charts": build_charts(figures),
            "team_rows": team_rows,
            "team_table_body": team_table_body(team_rows),
        },
        status=400 if form.errors else 200,
    )


ACTION_STATES = ("open", "overdue", "done", "all")
LIST_LIMIT = 200


def _actions_for(team: Team, user: Any, whose: str, state: str) -> Any:
    actions = (
        Action.objects.followed_up()
        .filter(deliberation__team=team)
        .select_related("deliberation", "assignee")
    )
    if whose == "mine":
        actions = actions.filter(assignee=user)
    if state == "overdue":
        actions = actions.overdue()
    elif state == "open":
        actions = actions.open()
    elif state == "done":
        actions = actions.filter(done=True)
    return actions.order_by("done", "due", "-deliberation__held_on", "id")


@audited(LogAction.READ, "actions")
@login_required
def action_list(request: HttpRequest, team: str) -> HttpResponse:
    membership = get_membership(request, team)
    whose = request.GET.get("whose", "all")
    whose = whose if whose in ("mine", "all") else "all"
    state = request.GET.get("state", "open")
    state = state if state in ACTION_STATES else "open"
    actions = list(_actions_for(membership.team, request.user, whose, state)[: LIST_LIMIT + 1])
    return render(
        request,
        "insights/actions.html",
        {
            "team": membership.team,
            "membership": membership,
            "actions": actions[:LIST_LIMIT],
            "more": len(actions) > LIST_LIMIT,
            "limit": LIST_LIMIT,
            "whose": whose,
            "state": state,
            "states": [
                ("open", _("open")),
                ("overdue", _("overdue")),
                ("done", _("done")),
                ("all", _("all")),
            ],
        },
    )


@audited(LogAction.UPDATE, "action")
@login_required
@require_http_methods(["POST"])
def action_mark(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Mark an agreed action done (with a note) or open again, also after its deliberation was
    concluded: following up is what the actions are for. Not once the texts were erased."""
    membership = get_membership(request, team)
    action = get_object_or_404(
        Action.objects.followed_up().select_related("deliberation"),
        pk=pk,
        deliberation__team=membership.team,
    )
    form = ActionMarkForm(request.POST)
    back = request.POST.get("next", "")
    # A path on this site only: redirect() would take anything else for a view name to reverse.
    if not (
        back.startswith("/")
        and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()})
    ):
        back = reverse("insights:actions", kwargs={"team": membership.team.slug})
    if not form.is_valid():
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(
            request, _("The action was not changed: %(problems)s") % {"problems": problems}
        )
        return redirect(back)
    done, note = form.cleaned_data["done"], form.cleaned_data["note"]
    was_done = action.done
    action.mark(done=done, user=request.user, note=note)
    if done and was_done:
        messages.success(request, _("The note is saved."))
    elif done:
        messages.success(request, _("The action is marked done."))
    else:
        messages.success(request, _("The action is open again."))
    found, _complete = warnings_for(action.deliberation, note) if done and note else ([], True)
    if found:
        messages.warning(
            request,
            _(
                "The note may contain personal data: %(what)s Rewrite it with a role or a "
                "pseudonym and save the note again."
            )
            % {"what": " ".join(sorted({str(w.message) for w in found}))},
        )
    return redirect(back)
