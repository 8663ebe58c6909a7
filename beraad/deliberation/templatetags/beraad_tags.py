from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse

register = template.Library()


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
