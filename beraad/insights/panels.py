"""What insights shows on the core's pages (registered in apps.py; see deliberation/panels.py)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from beraad.deliberation.models import Deliberation
from beraad.deliberation.panels import Panel
from beraad.insights.followup import open_earlier_actions
from beraad.insights.similar import similar_to


def _similar(request: HttpRequest, deliberation: Deliberation) -> dict[str, Any] | None:
    return {"similar": similar_to(deliberation)}


def _similar_once_concluded(
    request: HttpRequest, deliberation: Deliberation
) -> dict[str, Any] | None:
    return _similar(request, deliberation) if deliberation.is_concluded else None


def _earlier_actions(request: HttpRequest, deliberation: Deliberation) -> dict[str, Any] | None:
    if deliberation.is_concluded:
        return None
    return {
        "earlier_actions": open_earlier_actions(deliberation),
        "next": request.get_full_path(),
    }


# On the dilemma step while it is discussed; on the deliberation's page once concluded.
SIMILAR = Panel("similar", "insights/includes/_similar.html", _similar)
SIMILAR_CONCLUDED = Panel("similar", "insights/includes/_similar.html", _similar_once_concluded)
EARLIER_ACTIONS = Panel(
    "earlier-actions", "insights/includes/_earlier_actions.html", _earlier_actions
)
