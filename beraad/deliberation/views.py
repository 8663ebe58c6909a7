"""The deliberation list and the eight step pages."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Avg, Count
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from beraad.accounts.access import get_membership
from beraad.accounts.models import Membership, Role
from beraad.audit.log import audited, context_for
from beraad.audit.models import Action
from beraad.deliberation import checks, documents, exchange, listing, panels
from beraad.deliberation.access import get_deliberation
from beraad.deliberation.forms import (
    CaseForm,
    ConclusionForm,
    DilemmaForm,
    EvaluationForm,
    NewDeliberationForm,
    OpeningForm,
    TeamValueForm,
)
from beraad.deliberation.grid import build_grid
from beraad.deliberation.guard import GuardedModelForm, describe, stored_value
from beraad.deliberation.items import ItemKind, kinds_for_step
from beraad.deliberation.method import STEPS, STEPS_BY_SLUG, Step, next_step, previous_step
from beraad.deliberation.models import Deliberation, Theme, Value
from beraad.web.http import attachment

STEP_FORMS: dict[str, type[GuardedModelForm]] = {
    "opening": OpeningForm,
    "case": CaseForm,
    "dilemma": DilemmaForm,
    "decision": ConclusionForm,
    "evaluation": EvaluationForm,
}


def step_url(deliberation: Deliberation, step: Step | str) -> str:
    slug = step if isinstance(step, str) else step.slug
    return reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": slug},
    )


def item_sections(
    deliberation: Deliberation,
    step: Step,
    *,
    membership: Membership,
    bound: dict[str, Any] | None = None,
    editing: dict[str, tuple[int, Any]] | None = None,
    adding: str | None = None,
) -> list[dict[str, Any]]:
    """One section per kind of item on this step: its items, its add form, any row being edited.
    The add form of ``adding`` stays open: the team is adding several in a row."""
    bound = bound or {}
    editing = editing or {}
    return [
        section_context(
            deliberation,
            kind,
            membership=membership,
            add_form=bound.get(kind.slug),
            editing=editing.get(kind.slug),
            adding=kind.slug == adding,
        )
        for kind in kinds_for_step(step.slug)
    ]


def section_context(
    deliberation: Deliberation,
    kind: ItemKind,
    *,
    membership: Membership,
    add_form: Any = None,
    editing: tuple[int, Any] | None = None,
    adding: bool = False,
) -> dict[str, Any]:
    items = list(kind.queryset(deliberation))
    return {
        "kind": kind,
        "items": items,
        "item_warnings": checks.current().item_warnings(deliberation, kind.slug, items),
        "add_form": add_form
        or kind.form_class(
            deliberation=deliberation, membership=membership, prefix=f"add-{kind.slug}"
        ),
        "editing_id": editing[0] if editing else None,
        "editing_form": editing[1] if editing else None,
        "adding": adding,
    }


def readonly_rows(form: GuardedModelForm) -> list[tuple[Any, str]]:
    """The step's fields as label and text, for a concluded deliberation."""
    rows = []
    for name, field in form.fields.items():
        display = getattr(form.instance, f"get_{name}_display", None)
        value = stored_value(form.instance, name)
        if display is not None:
            text = str(display()) if value else ""
        elif isinstance(value, bool):
            text = _("yes") if value else _("no")
        elif isinstance(value, date):
            text = formats.date_format(value)
        else:
            text = describe(value)
        rows.append((field.label, text))
    return rows


def describe_save_state(form: GuardedModelForm) -> None:
    """Each field that saves itself is described by its own save state (``<id>_save``, right below
    the field), so a screen reader reads "saved" or "not saved" with the field it belongs to."""
    for name, field in form.fields.items():
        bound = form[name]
        if bound.use_fieldset or field.widget.is_hidden:
            continue  # a group of radios or checkboxes: its live save state speaks for itself
        ids = str(
            field.widget.attrs.get("aria-describedby") or bound.aria_describedby or ""
        ).split()
        if field.help_text and f"{bound.auto_id}_helptext" not in ids:
            ids.insert(0, f"{bound.auto_id}_helptext")
        field.widget.attrs["aria-describedby"] = " ".join([*ids, f"{bound.auto_id}_save"])


def render_step(
    request: HttpRequest,
    membership: Membership,
    deliberation: Deliberation,
    step: Step,
    *,
    form: GuardedModelForm | None = None,
    status: int = 200,
    **sections: Any,
) -> HttpResponse:
    form_class = STEP_FORMS.get(step.slug)
    if form is None and form_class is not None:
        form = form_class(instance=deliberation)
    if form is not None and not deliberation.is_concluded:
        describe_save_state(form)
    context = {
        "team": membership.team,
        "membership": membership,
        "deliberation": deliberation,
        "step": step,
        "steps": deliberation.steps_done(),
        "previous_step": previous_step(step),
        "next_step": next_step(step),
        "form": form,
        "readonly": readonly_rows(form) if form is not None else [],
        "editable": not deliberation.is_concluded,
        "sections": item_sections(deliberation, step, membership=membership, **sections),
        "grid": build_grid(deliberation) if step.slug == "options" else None,
        "field_warnings": checks.current().field_warnings(
            deliberation, [text.name for text in step.texts]
        ),
        "glossary": Value.objects.available_to(deliberation.team)
        if step.slug in ("values", "decision")
        else None,
        "panels": panels.for_place(f"step:{step.slug}", request, deliberation),
    }
    return render(request, "deliberation/step.html", context, status=status)


@audited({"GET": Action.READ, "POST": Action.SEARCH}, "deliberation_list")
@login_required
@require_http_methods(["GET", "POST"])
def deliberation_list(request: HttpRequest, team: str) -> HttpResponse:
    """The team's deliberations, newest first, with filters and full-text search.

    Filters may come in the URL (the dashboard links to them); search words only by POST, so
    they stay out of URLs and server logs (someone may search for a name).
    """
    membership = get_membership(request, team)
    data = request.POST if request.method == "POST" else request.GET.copy()
    if request.method == "GET":
        data.pop("q", None)
    form = listing.FilterForm(data or None, team=membership.team)
    valid = form.is_valid() if form.is_bound else True
    filters = form.filters() if form.is_bound and valid else listing.Filters()
    query = form.cleaned_data.get("q", "") if form.is_bound and valid else ""
    if request.method == "POST" and valid and not query:
        # Filters alone are no secret: put them in the address, so paging and links keep them.
        chosen = {name: value for name, value in request.POST.items() if name in form.fields}
        chosen = {name: value for name, value in chosen.items() if value and name != "q"}
        url = reverse("deliberation:list", kwargs={"team": membership.team.slug})
        return redirect(f"{url}?{urlencode(chosen)}" if chosen else url)
    result, page = None, None
    searcher = listing.searcher()
    if query and searcher is not None:
        result = searcher.search(membership.team, query, filters)
    else:
        deliberations = filters.apply(Deliberation.objects.for_team(membership.team))
        page = Paginator(
            deliberations.order_by("-held_on", "-id").prefetch_related("themes"), 50
        ).get_page(request.GET.get("page"))
    kept = {name: value for name, value in request.GET.items() if name not in ("page", "q")}
    return render(
        request,
        "deliberation/list.html",
        {
            "team": membership.team,
            "membership": membership,
            "form": form,
            "filtered": filters.active,
            "query": query,
            "result": result,
            "page": page,
            "kept": urlencode(kept),
        },
        status=200 if valid else 400,
    )


@audited({"GET": Action.READ, "POST": Action.CREATE}, "deliberation")
@login_required
@require_http_methods(["GET", "POST"])
def deliberation_create(request: HttpRequest, team: str) -> HttpResponse:
    membership = get_membership(request, team, role=Role.FACILITATOR)
    form = NewDeliberationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.instance.team = membership.team
            form.instance.created_by = request.user
            deliberation = form.save()
        context_for(request).object_id = str(deliberation.pk)
        return redirect(step_url(deliberation, STEPS[0]))
    return render(
        request,
        "deliberation/create.html",
        {"team": membership.team, "membership": membership, "form": form},
        status=400 if form.errors else 200,
    )


@audited(Action.READ, "deliberation")
@login_required
def deliberation_detail(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    membership, deliberation = get_deliberation(request, team, pk)
    return render(
        request,
        "deliberation/detail.html",
        {
            "team": membership.team,
            "membership": membership,
            "deliberation": deliberation,
            "steps": deliberation.steps_done(),
            "resume_step": STEPS_BY_SLUG.get(deliberation.current_step, STEPS[0]),
            "grid": build_grid(deliberation),
            "ratings": deliberation.ratings.aggregate(count=Count("id"), average=Avg("score")),
            "panels": panels.for_place("detail", request, deliberation),
            "actions": deliberation.actions.select_related("deliberation", "assignee"),
            "open_warning_count": len(checks.current().open_warnings(deliberation)[0]),
        },
    )


@audited({"GET": Action.READ, "POST": Action.UPDATE}, "deliberation")
@login_required
@require_http_methods(["GET", "POST"])
def step_view(request: HttpRequest, team: str, pk: int, step: str) -> HttpResponse:
    current = STEPS_BY_SLUG.get(step)
    if current is None:
        raise Http404("No such step")
    if request.method == "POST":
        form_class = STEP_FORMS.get(current.slug)
        if form_class is None:
            return redirect(request.path)
        with transaction.atomic():
            membership, deliberation = get_deliberation(
                request, team, pk, editable=True, for_update=True
            )
            data = request.POST.copy()
            reload = checks.current().apply_choices(deliberation, data, form_class.base_fields)
            form = form_class(data, instance=deliberation)
            if form.is_valid():
                form.save()
                if "consent" in form.changed_data:
                    deliberation.note_consent_change(request.user)
                messages.success(request, _("Saved."))
                if reload:
                    return redirect(step_url(deliberation, current))
                following = next_step(current)
                if "save_next" in request.POST and following:
                    return redirect(step_url(deliberation, following))
                return redirect(step_url(deliberation, current))
        return render_step(request, membership, deliberation, current, form=form, status=400)
    membership, deliberation = get_deliberation(request, team, pk)
    if not deliberation.is_concluded and deliberation.current_step != current.slug:
        deliberation.current_step = current.slug
        deliberation.save(update_fields=["current_step"])
    adding = request.GET.get("adding")
    return render_step(request, membership, deliberation, current, adding=adding)


@audited(Action.UPDATE, "deliberation")
@login_required
@require_POST
def autosave(request: HttpRequest, team: str, pk: int, step: str, field: str) -> HttpResponse:
    """Saves one field of a step as it changes (htmx), answering with the field and its state."""
    current = STEPS_BY_SLUG.get(step)
    form_class = STEP_FORMS.get(current.slug) if current else None
    if current is None or form_class is None or field not in form_class.base_fields:
        raise Http404("No such field")
    with transaction.atomic():
        _membership, deliberation = get_deliberation(
            request, team, pk, editable=True, for_update=True
        )
        form = form_class(request.POST, instance=deliberation)
        if field not in form.fields:  # e.g. consent, which a practice deliberation does not ask
            raise Http404("No such field")
        for name in list(form.fields):
            if name != field:
                del form.fields[name]
        saved = form.is_valid()
        if saved:
            # Only this field is written, and the listeners hear which (see signals.py).
            form.save(commit=False)
            concrete = {f.name for f in Deliberation._meta.concrete_fields}
            deliberation.save(update_fields=[n for n in (field, "updated_at") if n in concrete])
            form.save_m2m()
            if "consent" in form.changed_data:
                deliberation.note_consent_change(request.user)
            form.refresh_bases()
    describe_save_state(form)
    return render(
        request,
        "deliberation/includes/_field.html",
        {
            "form": form,
            "field": form[field],
            "deliberation": deliberation,
            "step": current,
            "editable": True,
            "state": "saved" if saved else "error",
            "field_warnings": checks.current().field_warnings(
                deliberation, [field] if saved else []
            ),
        },
    )


@audited({"GET": Action.READ, "POST": Action.CONCLUDE}, "deliberation")
@login_required
@require_http_methods(["GET", "POST"])
def conclude(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    membership, deliberation = get_deliberation(request, team, pk, role=Role.FACILITATOR)
    missing = deliberation.missing_for_conclusion()
    found, complete = (
        checks.current().open_warnings(deliberation)
        if not deliberation.is_concluded
        else ([], True)
    )
    if request.method == "POST":
        if deliberation.is_concluded:
            messages.info(request, _("This deliberation was already concluded."))
            return redirect("deliberation:detail", team=team, pk=pk)
        if not missing:
            deliberation.conclude(request.user)
            messages.success(request, _("The deliberation is concluded. It is now read-only."))
            return redirect("deliberation:detail", team=team, pk=pk)
    return render(
        request,
        "deliberation/conclude.html",
        {
            "team": membership.team,
            "membership": membership,
            "deliberation": deliberation,
            "steps": deliberation.steps_done(),
            "missing": missing,
            "found": found,
            "complete": complete,
        },
        status=400 if request.method == "POST" else 200,
    )


def render_refusal(
    request: HttpRequest, membership: Membership, deliberation: Deliberation, reason: str
) -> HttpResponse:
    return render(
        request,
        "deliberation/refused.html",
        {
            "team": membership.team,
            "membership": membership,
            "deliberation": deliberation,
            "reason": reason,
        },
        status=403,
    )


@audited({"GET": Action.READ, "POST": Action.UPDATE}, "deliberation")
@login_required
@require_http_methods(["GET", "POST"])
def withdraw_consent(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Any team member records that the client withdrew consent; it cannot be undone here."""
    membership, deliberation = get_deliberation(request, team, pk)
    if deliberation.is_practice:
        raise Http404("A practice deliberation has no client")
    if request.method == "POST" and not deliberation.consent_withdrawn:
        deliberation.withdraw_consent(request.user)
        messages.success(
            request,
            _("The withdrawal is recorded. This deliberation can no longer be exported or reused."),
        )
        return redirect("deliberation:detail", team=team, pk=pk)
    return render(
        request,
        "deliberation/withdraw_consent.html",
        {"team": membership.team, "membership": membership, "deliberation": deliberation},
    )


@audited(Action.REOPEN, "deliberation")
@login_required
@require_POST
def reopen(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    _membership, deliberation = get_deliberation(request, team, pk, role=Role.FACILITATOR)
    if deliberation.is_concluded:
        deliberation.reopen()
        messages.success(request, _("The deliberation is open for changes again."))
    return redirect("deliberation:detail", team=team, pk=pk)


@audited({"GET": Action.READ, "POST": Action.DELETE}, "deliberation")
@login_required
@require_http_methods(["GET", "POST"])
def delete(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    membership, deliberation = get_deliberation(request, team, pk, role=Role.FACILITATOR)
    if request.method == "POST":
        deliberation.delete()
        messages.success(request, _("The deliberation was deleted."))
        return redirect("deliberation:list", team=team)
    return render(
        request,
        "deliberation/delete.html",
        {"team": membership.team, "membership": membership, "deliberation": deliberation},
    )


@audited(Action.EXPORT, "deliberation")
@login_required
def export(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    membership, deliberation = get_deliberation(request, team, pk)
    refusal = deliberation.sharing_refusal()
    if refusal:
        return render_refusal(request, membership, deliberation, refusal)
    document = exchange.export_deliberation(deliberation)
    response = HttpResponse(
        json.dumps(document, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = attachment(f"beraad-{deliberation.pk}.json")
    return response


@audited({"GET": Action.READ, "POST": Action.IMPORT}, "deliberation")
@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest, team: str) -> HttpResponse:
    membership = get_membership(request, team, role=Role.FACILITATOR)
    problems: dict[str, Any] = {}
    if request.method == "POST":
        try:
            deliberation = exchange.import_deliberation(
                documents.read_upload(request.FILES.get("document")),
                team=membership.team,
                user=request.user,
            )
        except exchange.ImportRefused as refused:
            problems = refused.context()
        else:
            context_for(request).object_id = str(deliberation.pk)
            messages.success(request, _("The deliberation was imported."))
            return redirect("deliberation:detail", team=team, pk=deliberation.pk)
    return render(
        request,
        "deliberation/import.html",
        {"team": membership.team, "membership": membership, **problems},
        status=400 if problems else 200,
    )


@audited(Action.READ, "team_values", only_denied=True)
@login_required
@require_http_methods(["GET", "POST"])
def catalogue(request: HttpRequest, team: str) -> HttpResponse:
    """The values and themes with their explanations; facilitators add the team's own values."""
    role = Role.FACILITATOR if request.method == "POST" else Role.MEMBER
    membership = get_membership(request, team, role=role)
    form = TeamValueForm(request.POST or None, team=membership.team)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The value was added to your team's values."))
        return redirect("deliberation:catalogue", team=team)
    return render(
        request,
        "deliberation/catalogue.html",
        {
            "team": membership.team,
            "membership": membership,
            "builtin_values": Value.objects.filter(team__isnull=True),
            "team_values": Value.objects.filter(team=membership.team),
            "themes": Theme.objects.all(),
            "form": form,
        },
        status=400 if form.errors else 200,
    )
