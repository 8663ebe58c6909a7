from __future__ import annotations

import re
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

_STYLE_TAG = re.compile(r"<style(?=[\s>])")


@register.filter
def with_nonce(markup: SafeString, nonce: str | None) -> SafeString:
    """Our own trusted markup (a chart's SVG) with the CSP nonce on its ``<style>`` elements.

    Only for markup Beraad drew itself: the nonce marks a style as ours, and would do the same
    for a ``<style>`` someone typed. The nonce is the one of the response that carries it, so a
    chart belongs in a page, not in a fragment htmx swaps into a page with another nonce.
    """
    if not nonce:
        return markup
    return mark_safe(_STYLE_TAG.sub(f'<style nonce="{escape(nonce)}"', str(markup)))


@register.filter
def base_token(form: Any, name: str) -> str:
    """The token of the value this person started editing from (see deliberation.guard)."""
    return str(getattr(form, "bases", {}).get(name, ""))


@register.filter
def conflict_text(form: Any, name: str) -> str | None:
    return getattr(form, "conflicts", {}).get(name)


@register.simple_tag
def step_url(deliberation: Any, slug: str) -> str:
    return reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": slug},
    )


@register.simple_tag
def item_url(deliberation: Any, kind: str, action: str, item: int | None = None) -> str:
    kwargs: dict[str, Any] = {"team": deliberation.team.slug, "pk": deliberation.pk, "kind": kind}
    if item is not None:
        kwargs["item"] = item
    return reverse(f"deliberation:item_{action}", kwargs=kwargs)


@register.simple_tag
def autosave_url(deliberation: Any, step: str, field: str) -> str:
    return reverse(
        "deliberation:autosave",
        kwargs={
            "team": deliberation.team.slug,
            "pk": deliberation.pk,
            "step": step,
            "field": field,
        },
    )


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    return mapping.get(key) if mapping else None
