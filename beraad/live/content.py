"""What has been recorded in a step, as the screen and the devices show it.

One place for both, so that what a device is told is "on the screen" is on the screen: a
stakeholder with how they see it, a value at stake with its norm (also one of no particular
party), an option with its description (also before any value makes the options × values table).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from beraad.deliberation.models import Deliberation, Option, ValueAtStake
from beraad.web.prepared import Prepared


def _unattached(pk: int) -> QuerySet[ValueAtStake]:
    return (
        ValueAtStake.objects.filter(deliberation_id=pk, stakeholder__isnull=True)
        .select_related("value")
        .order_by("id")
    )


def _options(pk: int) -> QuerySet[Option]:
    return Option.objects.filter(deliberation_id=pk).order_by("id")


# Every device's changed poll reads them: compiled once (beraad/web/prepared.py).
UNATTACHED = Prepared(_unattached, int)
OPTIONS = Prepared(_options, int)


def recorded(deliberation: Deliberation, step: str) -> dict[str, Any]:
    """``stakeholders`` (with their values at stake), ``unattached`` values and ``options``."""
    data: dict[str, Any] = {}
    if step in ("stakeholders", "values"):
        data["stakeholders"] = list(
            deliberation.stakeholders.prefetch_related("values_at_stake__value").order_by("id")
        )
    if step == "values":
        data["unattached"] = UNATTACHED.objects(deliberation.pk)
    if step in ("options", "decision"):
        data["options"] = OPTIONS.objects(deliberation.pk)
    return data
