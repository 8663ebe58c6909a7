"""Session reports (PDF and a printable page) and the team's exports."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from beraad.audit.log import audited, context_for
from beraad.audit.models import Action
from beraad.deliberation.access import get_deliberation
from beraad.deliberation.models import Deliberation
from beraad.deliberation.views import render_refusal
from beraad.reports import session
from beraad.reports.forms import SessionReportForm
from beraad.reports.models import ReportPreference


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
        request.POST or None,
        initial={"sections": preference.sections, "show_names": preference.show_names},
    )
    if request.method == "POST" and form.is_valid():
        preference.sections = form.cleaned_data["sections"]
        preference.show_names = form.cleaned_data["show_names"]
        preference.save()
        options = session.Options(preference.sections, preference.show_names)
        if "print" in request.POST:
            return _print(request, deliberation, options)
        response = HttpResponse(
            session.render_pdf(deliberation, options), content_type="application/pdf"
        )
        response["Content-Disposition"] = f'attachment; filename="{session.filename(deliberation)}"'
        return response
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
    return HttpResponse(session.render_html(deliberation, options, for_pdf=False, back_url=back))
