"""Session reports (PDF and a printable page) and the team's exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_http_methods

from beraad.accounts.access import get_membership
from beraad.audit.log import audited, context_for
from beraad.audit.models import Action
from beraad.deliberation.access import get_deliberation
from beraad.deliberation.models import Deliberation
from beraad.deliberation.views import render_refusal
from beraad.insights import stats
from beraad.insights.forms import PeriodForm
from beraad.reports import jobs, session
from beraad.reports import team as team_report
from beraad.reports.forms import SessionReportForm
from beraad.reports.models import ReportJob, ReportPreference
from beraad.web.http import attachment
from beraad.web.tasks import TaskState


@audited({"GET": Action.READ, "POST": Action.EXPORT}, "session_report")
@login_required
@require_http_methods(["GET", "POST"])
def session_report(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Choose what goes in, then download the PDF. The choice is remembered for the team."""
    membership, deliberation = get_deliberation(request, team, pk)
    refusal = deliberation.sharing_refusal()
    if refusal:
        return render_refusal(request, membership, deliberation, refusal)
    preference = ReportPreference.for_team(membership.team)
    form = SessionReportForm(
        request.POST if request.method == "POST" else None,
        initial={"sections": preference.sections},
    )
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["sections"]
        if membership.is_facilitator and chosen != preference.sections:
            # The facilitator's choice is the team's default; a member's is for this report only.
            preference.sections = chosen
            preference.save()
        # Names are never a default: each report asks again.
        options = session.Options(chosen, form.cleaned_data["show_names"])
        if "print" in request.POST:
            return _print(request, deliberation, options)
        return _download(
            session.render_pdf(deliberation, options),
            "application/pdf",
            session.filename(deliberation),
        )
    return render(
        request,
        "reports/session_form.html",
        {
            "team": membership.team,
            "membership": membership,
            "deliberation": deliberation,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


def _print(
    request: HttpRequest, deliberation: Deliberation, options: session.Options
) -> HttpResponse:
    """The same report as a page that prints cleanly from the browser (logged as print)."""
    context_for(request).action = Action.PRINT
    back = reverse(
        "reports:session", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
    )
    nonce = str(getattr(request, "csp_nonce", ""))
    return HttpResponse(
        session.render_html(deliberation, options, for_pdf=False, back_url=back, csp_nonce=nonce)
    )


def _download(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = attachment(name)
    return response


@audited({"GET": Action.READ, "POST": Action.EXPORT}, "team_report")
@login_required
@require_http_methods(["GET", "POST"])
def team_reports(request: HttpRequest, team: str) -> HttpResponse:
    """The period report (PDF) and the CSV exports, for a chosen period."""
    membership = get_membership(request, team)
    form = PeriodForm(request.POST or request.GET or None)
    start, end, by = form.period()
    period = stats.Period(start, end, by)
    if request.method == "POST" and form.is_valid():
        chosen = membership.team
        if "deliberations_csv" in request.POST:
            context_for(request).object_type = "deliberations_csv"
            return _download(
                team_report.deliberations_csv(chosen, period),
                "text/csv; charset=utf-8",
                team_report.filename(chosen, period, "beraden") + ".csv",
            )
        if "actions_csv" in request.POST:
            context_for(request).object_type = "actions_csv"
            return _download(
                team_report.actions_csv(chosen, period),
                "text/csv; charset=utf-8",
                team_report.filename(chosen, period, "acties") + ".csv",
            )
        language = translation.get_language() or "nl"
        if jobs.needs_background(chosen, period):
            job = jobs.submit(chosen, request.user, period, language)
            return redirect("reports:job", team=chosen.slug, pk=job.pk)
        return _download(
            team_report.render_pdf(chosen, period, language),
            "application/pdf",
            team_report.filename(chosen, period, "periodeverslag") + ".pdf",
        )
    return render(
        request,
        "reports/team_form.html",
        {"team": membership.team, "membership": membership, "form": form, "period": period},
        status=400 if form.errors else 200,
    )


@audited({"GET": Action.READ, "POST": Action.EXPORT}, "report_job")
@login_required
@require_http_methods(["GET", "POST"])
def report_job(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """The state of a background report; once done, its download (then the file is gone)."""
    membership = get_membership(request, team)
    if request.method == "GET":
        context_for(request).only_denied = True  # the page polls itself: log refusals only
    job = get_object_or_404(
        ReportJob.objects.defer("content").annotate(has_content=~Q(content=None)),
        pk=pk,
        team=membership.team,
        requested_by_id=request.user.pk,
        created_at__gte=timezone.now() - jobs.KEEP,
    )
    state = jobs.state(job)
    ready = getattr(job, "has_content", False)
    if request.method == "POST" and state == TaskState.DONE and ready:
        content = bytes(ReportJob.objects.values_list("content", flat=True).get(pk=job.pk) or b"")
        ReportJob.objects.filter(pk=job.pk).update(content=None)
        period = stats.Period(job.start, job.end, job.by)
        return _download(
            content,
            "application/pdf",
            team_report.filename(membership.team, period, "periodeverslag") + ".pdf",
        )
    finished = state in (TaskState.DONE, TaskState.FAILED)
    return render(
        request,
        "reports/job.html",
        {
            "team": membership.team,
            "membership": membership,
            "job": job,
            "state": state,
            "finished": finished,
            "ready": ready,
            "slow": not finished and job.created_at < timezone.now() - jobs.SLOW_AFTER,
        },
    )
