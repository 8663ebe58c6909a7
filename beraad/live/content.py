"""What has been recorded in a step, as the screen and the devices show it.

One place for both, so that what a device is told is "on the screen" is on the screen: a
stakeholder with how they see it, a value at stake with its norm (also one of no particular
party), an option with its description (also before any value makes the options × values table).
"""

from __future__ import annotations

from typing import Any

from beraad.deliberation.models import Deliberation


def recorded(deliberation: Deliberation, step: str) -> dict[str, Any]:
    """``stakeholders`` (with their values at stake), ``unattached`` values and ``options``."""
    data: dict[str, Any] = {}
    if step in ("stakeholders", "values"):
        data["stakeholders"] = list(
            deliberation.stakeholders.prefetch_related("values_at_stake__value").order_by("id")
        )
    if step == "values":
        data["unattached"] = list(
            deliberation.values_at_stake.filter(stakeholder__isnull=True)
            .select_related("value")
            .order_by("id")
        )
    if step in ("options", "decision"):
        data["options"] = list(deliberation.options.order_by("id"))
    return data
