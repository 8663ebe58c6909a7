"""The privacy check while typing, one-click replacement, dismissal, and the list of open warnings."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from beraad.accounts.models import Membership
from beraad.audit.log import audited
from beraad.audit.models import Action
from beraad.deliberation.access import get_deliberation
from beraad.deliberation.items import ITEM_KINDS_BY_SLUG
from beraad.deliberation.models import Deliberation
from beraad.privacy.replacing import (
    ReplaceRefusal,
    last_replacement,
    replace_all,
    replace_targets,
    undo_replace_all,
)
from beraad.privacy.services import (
    apply_replacement,
    checked_item_fields,
    choose_person,
    dismiss,
    is_digest,
    open_warnings,
    warnings_for,
)
from beraad.web.http import HtmxHttpRequest

MAX_CHECK = 25_000


def _back(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Back to the page the person came from (a local path only), else the privacy overview."""
    following = request.POST.get("next", "")
    if following.startswith("/") and url_has_allowed_host_and_scheme(
        following, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(following)
    return redirect("privacy:review", team=team, pk=pk)


@audited(Action.READ, "deliberation", only_denied=True)
@login_required
@require_POST
def check_text(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Checks the text a person is typing (htmx, debounced) and answers with the warnings."""
    _membership, deliberation = get_deliberation(request, team, pk)
    field = request.POST.get("field", "")
    target = request.POST.get("target", "")
    text = request.POST.get(field, "")[:MAX_CHECK]
    warnings, complete = warnings_for(deliberation, text, persist=False)
    return render(
        request,
        "privacy/includes/_warnings.html",
        {
            "deliberation": deliberation,
            "warnings": warnings,
            "complete": complete,
            "target": target,
            "mode": "live",
        },
    )


@audited(Action.UPDATE, "deliberation")
@login_required
@require_POST
def replace_in_item(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Replaces one finding in a stored item text by its pseudonym (works without JavaScript)."""
    kind = ITEM_KINDS_BY_SLUG.get(request.POST.get("kind", ""))
    field = request.POST.get("field", "")
    with transaction.atomic():
        _membership, deliberation = get_deliberation(
            request, team, pk, editable=True, for_update=True
        )
        if kind is None or field not in checked_item_fields(kind.slug):
            raise Http404("No such field")
        item_id = request.POST.get("item", "")
        known = item_id.isascii() and item_id.isdigit()  # "²" is a digit to isdigit() alone
        item = kind.queryset(deliberation).filter(pk=item_id).first() if known else None
        if item is None:
            raise Http404("No such item")
        replaced = apply_replacement(
            deliberation, getattr(item, field), request.POST.get("digest", "")
        )
        if replaced is None:
            messages.info(request, _("That text was already changed."))
        else:
            setattr(item, field, replaced)
            item.save(update_fields=[field])
            messages.success(request, _("Replaced by a pseudonym."))
    return _back(request, team, pk)


@audited(Action.UPDATE, "deliberation")
@login_required
@require_POST
def dismiss_warning(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Marks a warning as "not personal data" for this deliberation."""
    _membership, deliberation = get_deliberation(request, team, pk)
    key = request.POST.get("digest", "")
    if not is_digest(key):
        raise Http404("No such warning")
    dismiss(deliberation, key)
    if request.headers.get("HX-Request"):
        return HttpResponse("")
    messages.success(request, _("The warning is hidden for this deliberation."))
    return _back(request, team, pk)


def _review_context(membership: Membership, deliberation: Deliberation) -> dict[str, object]:
    found, complete = open_warnings(deliberation)
    return {
        "team": membership.team,
        "membership": membership,
        "deliberation": deliberation,
        "found": found,
        "complete": complete,
        "targets": replace_targets(deliberation, found) if not deliberation.is_concluded else [],
        "undoable": last_replacement(deliberation) is not None,
        "editable": not deliberation.is_concluded,
    }


@audited(Action.READ, "deliberation")
@login_required
def review(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Every open warning in the deliberation, with a link to where it is, and "Vervang alle"."""
    membership, deliberation = get_deliberation(request, team, pk)
    return render(request, "privacy/review.html", _review_context(membership, deliberation))


def _after_change(request: HtmxHttpRequest, team: str, pk: int) -> HttpResponse:
    """htmx: the review's region again (with its message); without JavaScript: back to the page."""
    if request.htmx:
        membership, deliberation = get_deliberation(request, team, pk)
        context = _review_context(membership, deliberation) | {"fragment": True}
        return render(request, "privacy/includes/_review_region.html", context)
    return redirect("privacy:review", team=team, pk=pk)


@audited(Action.UPDATE, "deliberation")
@login_required
@require_POST
def replace_everywhere(request: HtmxHttpRequest, team: str, pk: int) -> HttpResponse:
    """ "Vervang alle": one person (every form of their name) or one identifier, replaced by its
    pseudonym in every checked text of the deliberation."""
    with transaction.atomic():
        _membership, deliberation = get_deliberation(
            request, team, pk, editable=True, for_update=True
        )
        try:
            summary = replace_all(deliberation=deliberation, target=request.POST.get("target", ""))
        except ReplaceRefusal as refusal:
            messages.error(request, str(refusal))
        else:
            replacements = ngettext(
                "%(n)s replacement", "%(n)s replacements", summary.replacements
            ) % {"n": summary.replacements}
            fields = ngettext("in %(n)s field", "in %(n)s fields", summary.fields) % {
                "n": summary.fields
            }
            messages.success(
                request,
                _("%(replacements)s %(fields)s. You can undo this until the texts are saved again.")
                % {"replacements": replacements, "fields": fields},
            )
    return _after_change(request, team, pk)


@audited(Action.UPDATE, "deliberation")
@login_required
@require_POST
def undo_replace(request: HtmxHttpRequest, team: str, pk: int) -> HttpResponse:
    """Undoes the last "Vervang alle", unless one of its texts was saved since."""
    with transaction.atomic():
        _membership, deliberation = get_deliberation(
            request, team, pk, editable=True, for_update=True
        )
        try:
            summary = undo_replace_all(deliberation=deliberation)
        except ReplaceRefusal as refusal:
            messages.error(request, str(refusal))
        else:
            messages.success(
                request,
                ngettext(
                    "Undone: %(n)s field is as it was.",
                    "Undone: %(n)s fields are as they were.",
                    summary.fields,
                )
                % {"n": summary.fields},
            )
    return _after_change(request, team, pk)


@audited(Action.UPDATE, "deliberation")
@login_required
@require_POST
def choose(request: HttpRequest, team: str, pk: int) -> HttpResponse:
    """Who an ambiguous name is ("Henk": Henk de Boer or Henk Smit), or "someone else"."""
    name, person = request.POST.get("name", ""), request.POST.get("person", "")
    if not is_digest(name) or (person and not is_digest(person)):
        raise Http404("No such name")
    # One choice at a time per deliberation: two at once would both try to create the row.
    with transaction.atomic():
        _membership, deliberation = get_deliberation(
            request, team, pk, editable=True, for_update=True
        )
        saved = choose_person(deliberation=deliberation, name=name, person=person)
    if saved:
        messages.success(request, _("Your choice is saved."))
    else:
        messages.error(
            request,
            _("This deliberation has too many choices of who a name is. Nothing was saved."),
        )
    return _back(request, team, pk)
