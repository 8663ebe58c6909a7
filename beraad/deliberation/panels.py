"""Panels that features add to the core's pages: an extension point.

A panel is a template and a function that gives its context. The core's step page shows the
panels registered for its step (``"step:<slug>"``), the deliberation page those for
``"detail"``. insights registers *Eerder besproken* (``step:dilemma`` and ``detail``) and the
open actions of earlier deliberations (``step:opening``) in its ``AppConfig.ready()``.
A panel whose function returns None is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string

from beraad.deliberation.models import Deliberation


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: Callable[[HttpRequest, Deliberation], dict[str, Any] | None]
    order: int = 100


_panels: dict[str, dict[str, Panel]] = {}


def register(place: str, panel: Panel) -> None:
    """Show ``panel`` at ``place``; registering the same name again replaces it."""
    _panels.setdefault(place, {})[panel.name] = panel


def unregister(place: str, name: str) -> None:
    _panels.get(place, {}).pop(name, None)


def for_place(place: str, request: HttpRequest, deliberation: Deliberation) -> list[str]:
    """The panels for this place, rendered by their templates (escaped as any page; each gets
    ``team`` and ``deliberation``)."""
    shown: list[str] = []
    for panel in sorted(_panels.get(place, {}).values(), key=lambda p: (p.order, p.name)):
        context = panel.context(request, deliberation)
        if context is not None:
            context = {"team": deliberation.team, "deliberation": deliberation, **context}
            shown.append(render_to_string(panel.template, context, request=request))
    return shown
