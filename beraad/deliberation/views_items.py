"""Inline items (stakeholders, values, options, …) and the option × value grid.

With htmx the answer is the changed section only; without JavaScript, a redirect back to the
step, or the whole step page with the form and its errors.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import RestrictedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from beraad.accounts.models import Membership
from beraad.audit.log import audited
from beraad.audit.models import Action
from beraad.deliberation.access import get_deliberation
from beraad.deliberation.grid import build_grid, save_grid
from beraad.deliberation.items import ITEM_KINDS_BY_SLUG, ItemKind
from beraad.deliberation.method import STEPS_BY_SLUG
from beraad.deliberation.models import Deliberation
from beraad.deliberation.views import render_step, section_context, step_url
from beraad.web.http import HtmxHttpRequest


def _kind(slug: str) -> ItemKind:
    kind = ITEM_KINDS_BY_SLUG.get(slug)
    if kind is None:
        raise Http404("No such list")
    return kind


def _item(kind: ItemKind, deliberation: Deliberation, item: int):  # type: ignore[no-untyped-def]
    found = kind.queryset(deliberation).filter(pk=item).first()
    if found is None:
        raise Http404("No such item")
    return found


def _section(
    request: HttpRequest,
    deliberation: Deliberation,
    kind: ItemKind,
    membership: Membership,
    **extra: object,
) -> HttpResponse:
    context = {
        "deliberation": deliberation,
        "editable": not deliberation.is_concluded,
        "section": section_context(deliberation, kind, membership=membership, **extra),  # type: ignore[arg-type]
    }
    response = render(request, "deliberation/includes/_items.html", context)
    # The option × value grid follows its rows and columns.
    response["HX-Trigger"] = "items-changed"
    return response


@audited(Action.UPDATE, "deliberation")
@login_required
@require_POST
def item_add(request: HtmxHttpRequest, team: str, pk: int, kind: str) -> HttpResponse:
    item_kind = _kind(kind)
    with transaction.atomic():
        membership, deliberation = get_deliberation(
            request, team, pk, editable=True, for_update=True
        )
        form = item_kind.form_class(
            request.POST,
            deliberation=deliberation,
            membership=membership,
            prefix=f"add-{item_kind.slug}",
        )
        saved = form.is_valid()
        if saved:
            form.save()
    if request.htmx:
        return _section(
            request,
            deliberation,
            item_kind,
            membership,
            add_form=None if saved else form,
            adding=saved,
        )
    if saved:
        messages.success(request, _("Added."))
        # The add form stays open for the next one.
        url = step_url(deliberation, item_kind.step)
        return redirect(f"{url}?adding={item_kind.slug}#add-{item_kind.slug}")
    step = STEPS_BY_SLUG[item_kind.step]
    return render_step(
        request, membership, deliberation, step, bound={item_kind.slug: form}, status=400
    )


@audited({"GET": Action.READ, "POST": Action.UPDATE}, "deliberation")
@login_required
@require_http_methods(["GET", "POST"])
def item_edit(request: HtmxHttpRequest, team: str, pk: int, kind: str, item: int) -> HttpResponse:
    item_kind = _kind(kind)
    if not item_kind.editable:
        raise Http404("These items cannot be changed, only removed")
    prefix = f"edit-{item_kind.slug}-{item}"
    if request.method == "GET":
        membership, deliberation = get_deliberation(request, team, pk, editable=True)
        form = item_kind.form_class(
            instance=_item(item_kind, deliberation, item),
            deliberation=deliberation,
            membership=membership,
            prefix=prefix,
        )
        saved = False
    else:
        with transaction.atomic():
            membership, deliberation = get_deliberation(
                request, team, pk, editable=True, for_update=True
            )
            form = item_kind.form_class(
                request.POST,
                instance=_item(item_kind, deliberation, item),
                deliberation=deliberation,
                membership=membership,
                prefix=prefix,
            )
            saved = form.is_valid()
            if saved:
                form.save()
    if request.htmx:
        return _section(
            request, deliberation, item_kind, membership, editing=None if saved else (item, form)
        )
    if saved:
        messages.success(request, _("Saved."))
        return redirect(step_url(deliberation, item_kind.step) + f"#items-{item_kind.slug}")
    step = STEPS_BY_SLUG[item_kind.step]
    return render_step(
        request,
        membership,
        deliberation,
        step,
        editing={item_kind.slug: (item, form)},
        status=400 if form.is_bound else 200,
    )


@audited({"GET": Action.READ, "POST": Action.UPDATE}, "deliberation")
@login_required
@require_http_methods(["GET", "POST"])
def item_delete(request: HtmxHttpRequest, team: str, pk: int, kind: str, item: int) -> HttpResponse:
    """GET: the confirmation page for a browser without JavaScript (with it, htmx asks first and
    posts); POST: the item is removed."""
    item_kind = _kind(kind)
    if request.method == "GET":
        membership, deliberation = get_deliberation(request, team, pk, editable=True)
        return render(
            request,
            "deliberation/item_delete.html",
            {
                "team": membership.team,
                "membership": membership,
                "deliberation": deliberation,
                "kind": item_kind,
                "item": _item(item_kind, deliberation, item),
                "back": step_url(deliberation, item_kind.step) + f"#items-{item_kind.slug}",
            },
        )
    try:
        with transaction.atomic():
            membership, deliberation = get_deliberation(
                request, team, pk, editable=True, for_update=True
            )
            _item(item_kind, deliberation, item).delete()
    except RestrictedError:  # an option chosen in a round still being collected on devices
        messages.error(
            request,
            _(
                "Participants chose this option in the round being collected on their devices. "
                "Reveal the choices on the presentation screen first, then remove it."
            ),
        )
        back = step_url(deliberation, item_kind.step) + f"#items-{item_kind.slug}"
        return HttpResponseClientRedirect(back) if request.htmx else redirect(back)
    if request.htmx:
        return _section(request, deliberation, item_kind, membership)
    messages.success(request, _("Removed."))
    return redirect(step_url(deliberation, item_kind.step) + f"#items-{item_kind.slug}")


@audited({"GET": Action.READ, "POST": Action.UPDATE}, "deliberation")
@login_required
@require_http_methods(["GET", "POST"])
def grid_save(request: HtmxHttpRequest, team: str, pk: int) -> HttpResponse:
    if request.method == "GET":
        _membership, deliberation = get_deliberation(request, team, pk)
        if not request.htmx:
            return redirect(step_url(deliberation, "options") + "#grid")
        return render(
            request,
            "deliberation/includes/_grid.html",
            {
                "deliberation": deliberation,
                "grid": build_grid(deliberation),
                "editable": not deliberation.is_concluded,
            },
        )
    with transaction.atomic():
        _membership, deliberation = get_deliberation(
            request, team, pk, editable=True, for_update=True
        )
        grid = save_grid(deliberation, request.POST)
    cell = grid.cells.get(request.POST.get("cell", ""))
    if request.htmx and cell is not None:
        # One cell was changed: the answer is its new base token and the table's status, or the
        # cell as stored when the change was refused (someone else changed it meanwhile).
        refused = request.POST.get(cell.name, "") != cell.effect
        return render(
            request,
            "deliberation/includes/_grid_answer.html",
            {
                "deliberation": deliberation,
                "grid": grid,
                "cell": cell,
                "editable": True,
                "refused": refused,
            },
        )
    if request.htmx:
        return render(
            request,
            "deliberation/includes/_grid.html",
            {"deliberation": deliberation, "grid": grid, "editable": True, "saved": True},
        )
    for problem in [*grid.conflicts, *grid.errors]:
        messages.warning(request, problem)
    if not grid.conflicts and not grid.errors:
        messages.success(request, _("The table was saved."))
    return redirect(step_url(deliberation, "options") + "#grid")
