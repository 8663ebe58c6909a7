"""Proposing a case for the library, reviewing it, publishing it, reading it, practising with it."""

from __future__ import annotations

import json
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beraad.accounts.access import library_organisation
from beraad.accounts.models import Role
from beraad.audit.log import audited, context_for
from beraad.audit.models import Action
from beraad.deliberation import catalogue
from beraad.deliberation.access import get_deliberation
from beraad.deliberation.documents import ImportRefused, read_upload
from beraad.deliberation.method import STEPS
from beraad.deliberation.models import Deliberation
from beraad.lib import stems as stemming
from beraad.library import access, copying, exchange, services
from beraad.library.copying import KIND_LABELS
from beraad.library.forms import DraftForm, PracticeForm, ReviewForm
from beraad.library.models import LibraryCase, LibraryRefusal
from beraad.web.http import attachment


@audited({"GET": Action.READ, "POST": Action.CREATE}, "library_proposal")
@login_required
@require_http_methods(["GET", "POST"])
def propose(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    membership, deliberation = get_deliberation(request, team, pk, role=Role.FACILITATOR)
    refused = copying.refusal(deliberation)
    earlier = LibraryCase.objects.filter(
        source_digest=copying.source_digest(deliberation.pk), team=membership.team
    ).first()
    if request.method == "POST" and refused is None and earlier is not None:
        messages.info(request, _("This deliberation was proposed before; here is that draft."))
        return redirect("library:draft", pk=earlier.pk)
    if request.method == "POST" and refused is None:
        with transaction.atomic():
            case = copying.make_draft(deliberation, request.user)
        context_for(request).object_id = f"library:{case.pk}"
        messages.success(
            request,
            _(
                "A library draft was made: a copy, with the personal data the check found replaced "
                "by tags. Now rewrite what could still identify the client."
            ),
        )
        return redirect("library:draft", pk=case.pk)
    return render(
        request,
        "library/propose.html",
        {
            "team": membership.team,
            "membership": membership,
            "deliberation": deliberation,
            "refusal": refused,
        },
        status=403 if refused and request.method == "POST" else 200,
    )


def _case_for_editor(request: HttpRequest, pk: int) -> LibraryCase:
    case = get_object_or_404(LibraryCase.objects.select_related("organisation", "team"), pk=pk)
    if not access.may_edit(request.user, case):
        raise Http404("No such library case")
    access.note(request, case)
    return case


@audited({"GET": Action.READ, "POST": Action.UPDATE}, "library_case")
@login_required
@require_http_methods(["GET", "POST"])
def draft(request: HttpRequest, pk: int) -> HttpResponse:
    """The proposer's side-by-side view: the original and the library version, what the check
    still finds marked."""
    case = _case_for_editor(request, pk)
    posted = request.POST if request.method == "POST" and case.editable else None
    form = DraftForm(posted, instance=case)
    if request.method == "POST" and not case.editable:
        messages.error(request, _("Nothing was changed: the case is no longer a draft."))
        return redirect("library:draft", pk=case.pk)
    if request.method == "POST" and form.is_valid():
        form.save()
        if "submit" not in request.POST:
            messages.success(request, _("The library version is saved."))
            return redirect("library:draft", pk=case.pk)
        try:
            services.library_case_submit(case=case)
        except LibraryRefusal as refused:
            messages.error(request, refused.message)
        else:
            context_for(request).object_type = "library_submission"
            messages.success(request, _("The case is waiting for a second person's review."))
        return redirect("library:draft", pk=case.pk)
    found, complete = copying.findings(case)
    source = copying.find_source(case)
    originals = copying.original_texts(source) if source else {}
    # Each text once: the original beside the library version (its edit field while a draft);
    # what the check still finds is listed under the field rather than in a third copy.
    rows = [
        (
            form[name],
            originals.get(name, ""),
            copying.marked(getattr(case, name), found.get(name, [])),
            sorted({f.kind for f in found.get(name, [])}),
            [
                (KIND_LABELS.get(f.kind, f.kind), f.text)
                for f in sorted(found.get(name, []), key=lambda f: f.start)
            ],
        )
        for name in LibraryCase.TEXT_FIELDS
    ]
    return render(
        request,
        "library/draft.html",
        {
            "case": case,
            "form": form,
            "rows": rows,
            "editable": case.editable,
            "has_source": source is not None,
            "direct": copying.direct_identifiers(found),
            "complete": complete,
            "kind_labels": KIND_LABELS,
        },
        status=400 if form.errors else 200,
    )


@audited({"GET": Action.READ, "POST": Action.UPDATE}, "library_case")
@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, pk: int) -> HttpResponse:
    # Only a case sent for review is there to review: a draft is its team's own work.
    case = get_object_or_404(
        LibraryCase.objects.select_related("organisation").prefetch_related("themes"),
        pk=pk,
        status__in=[LibraryCase.Status.IN_REVIEW, LibraryCase.Status.APPROVED],
    )
    if not access.may_review(request.user, case):
        # The proposing team is told why not; anyone else must not learn that the case exists.
        if access.may_edit(request.user, case):
            return render(request, "library/own_case.html", {"case": case}, status=403)
        raise Http404("No such library case")
    form = ReviewForm(request.POST or None)
    if request.method == "POST":
        try:
            if not form.is_valid():
                # Why the case cannot be reviewed now goes before what the form lacks.
                services.library_case_check_review(case=case)
            else:
                services.library_case_review(
                    case=case,
                    reviewer=request.user,
                    comment=form.cleaned_data["comment"],
                    send_back="return" in request.POST,
                )
        except LibraryRefusal as refused:
            messages.error(request, refused.message)
            return redirect("library:review", pk=case.pk)
        if form.is_valid():
            context_for(request).object_type = f"library_{case.status}"
            messages.success(
                request,
                _("The case is returned to the proposer.")
                if case.status == LibraryCase.Status.RETURNED
                else _("The case is approved; it can now be published."),
            )
            return redirect("library:review", pk=case.pk)
    found, complete = copying.findings(case)
    return render(
        request,
        "library/review.html",
        {
            "case": case,
            "form": form,
            "texts": [
                (
                    getattr(LibraryCase._meta.get_field(name), "verbose_name", name),
                    copying.marked(getattr(case, name), found.get(name, [])),
                )
                for name in LibraryCase.TEXT_FIELDS
            ],
            "direct": copying.direct_identifiers(found),
            "complete": complete,
            "kind_labels": KIND_LABELS,
        },
        status=400 if form.errors else 200,
    )


@audited(Action.UPDATE, "library_publication")
@login_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    """Publishing needs the second person's approval and a final scan without direct identifiers."""
    case = get_object_or_404(LibraryCase.objects.select_related("organisation"), pk=pk)
    if not (access.may_edit(request.user, case) or access.may_review(request.user, case)):
        raise Http404("No such library case")
    back = request.POST.get("back") == "review"
    target = reverse("library:review" if back else "library:draft", kwargs={"pk": case.pk})
    try:
        services.library_case_publish(case=case)
    except LibraryRefusal as refused:
        messages.error(request, refused.message)
        return redirect(target)
    messages.success(request, _("The case is published in the library."))
    return redirect("library:case", organisation=case.organisation.slug, pk=case.pk)


def _matches(case: LibraryCase, stems: list[str]) -> bool:
    """Every search word's stem starts a word of the case (as in the team search)."""
    words = stemming.stem_string(
        getattr(case, name) for name in LibraryCase.TEXT_FIELDS if name != "decision"
    )
    return all(f" {stem}" in words for stem in stems)


@audited({"GET": Action.READ, "POST": Action.SEARCH}, "library")
@login_required
@require_http_methods(["GET", "POST"])
def library(request: HttpRequest, organisation: str) -> HttpResponse:
    """The published cases: trainers and facilitators of the organisation. Never deliberations.
    Filters come in the address; search words only by POST."""
    found = library_organisation(request, organisation)
    params = request.POST if request.method == "POST" else request.GET
    theme, value, kind = (str(params.get(name, "")) for name in ("theme", "value", "kind"))
    query = " ".join(str(request.POST.get("q", "")).split())[:200]
    cases = LibraryCase.objects.published_for([found.pk]).prefetch_related("themes")
    if theme:  # an unknown theme (or one PostgreSQL cannot even compare) matches nothing
        known = theme in catalogue.THEMES_BY_SLUG
        cases = cases.filter(themes__slug=theme) if known else cases.none()
    chosen = [
        case
        for case in cases[:500]
        if (not value or value in case.value_slugs) and (not kind or kind in case.kinds)
    ]
    stems = stemming.query_stems(query)
    if stems:
        chosen = [case for case in chosen if _matches(case, stems)]
    waiting = [
        case
        for case in LibraryCase.objects.filter(
            organisation=found, status=LibraryCase.Status.IN_REVIEW
        )
        if access.may_review(request.user, case)
    ]
    return render(
        request,
        "library/list.html",
        {
            "organisation": found,
            "cases": chosen[:200],
            "theme": theme,
            "value": value,
            "kind": kind,
            "query": query,
            "waiting": waiting,
            "all_themes": catalogue.THEMES,
            "all_values": catalogue.VALUES,
            "all_kinds": catalogue.STAKEHOLDER_KINDS,
        },
    )


@audited(Action.READ, "library_case")
@login_required
def case_detail(request: HttpRequest, organisation: str, pk: int) -> HttpResponse:
    found = library_organisation(request, organisation)
    case = get_object_or_404(
        LibraryCase.objects.published_for([found.pk]).prefetch_related("themes"), pk=pk
    )
    teams = access.practice_teams(request.user, found)
    return render(
        request,
        "library/case.html",
        {
            "organisation": found,
            "case": case,
            "practice_form": PracticeForm(teams=teams) if teams else None,
            "value_labels": [
                catalogue.VALUES_BY_SLUG[slug].label
                for slug in case.value_slugs
                if slug in catalogue.VALUES_BY_SLUG
            ],
        },
    )


@audited(Action.CREATE, "practice_deliberation")
@login_required
@require_POST
def practice(request: HttpRequest, organisation: str, pk: int) -> HttpResponse:
    """A new deliberation pre-filled with the case and the dilemma, marked as practice."""
    found = library_organisation(request, organisation)
    case = get_object_or_404(LibraryCase.objects.published_for([found.pk]), pk=pk)
    form = PracticeForm(request.POST, teams=access.practice_teams(request.user, found))
    team = (
        access.practice_team(request.user, found, form.data.get("team", ""))
        if form.is_valid()
        else None
    )
    if team is None:
        raise Http404("No such team")
    deliberation = Deliberation.objects.create(
        team=team,
        title=_("Practice: %(title)s") % {"title": case.title},
        is_practice=True,
        created_by=cast(Any, request.user),
        case_description=case.case_description,
        dilemma_question=case.dilemma_question,
        option_a=case.option_a,
        harm_a=case.harm_a,
        option_b=case.option_b,
        harm_b=case.harm_b,
        consent="not_applicable",
    )
    deliberation.themes.set(case.themes.all())
    return redirect("deliberation:step", team=team.slug, pk=deliberation.pk, step=STEPS[0].slug)


@audited(Action.EXPORT, "library_case")
@login_required
def export(request: HttpRequest, organisation: str, pk: int) -> HttpResponse:
    found = library_organisation(request, organisation)
    case = get_object_or_404(
        LibraryCase.objects.published_for([found.pk]).prefetch_related("themes"), pk=pk
    )
    response = HttpResponse(
        json.dumps(exchange.export_case(case), ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = attachment(f"beraad-bibliotheek-{case.pk}.json")
    return response


@audited({"GET": Action.READ, "POST": Action.IMPORT}, "library_case")
@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest, organisation: str) -> HttpResponse:
    """A library case from another installation; it waits for a second person's review here."""
    found = library_organisation(request, organisation)
    problems: dict[str, Any] = {}
    if request.method == "POST":
        try:
            case = exchange.import_case(
                read_upload(request.FILES.get("document")),
                organisation=found,
                user=request.user,
            )
        except ImportRefused as refused:
            problems = refused.context()
        else:
            context_for(request).object_id = f"library:{case.pk}"
            messages.success(
                request,
                _("The case was imported. A second person reviews it before it is published."),
            )
            return redirect("library:list", organisation=found.slug)
    return render(
        request,
        "library/import.html",
        {"organisation": found, **problems},
        status=400 if problems else 200,
    )
