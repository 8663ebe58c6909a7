"""Any change to a deliberation or its parts moves its screen's version on."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from beraad.deliberation.models import (
    Deliberation,
    Option,
    OptionEffect,
    Stakeholder,
    ValueAtStake,
)


def _deliberation_changed(sender: Any, instance: Deliberation, **kwargs: Any) -> None:
    from beraad.live.models import Collecting, GuestInvite, LiveSession, PendingChoice, Seat
    from beraad.live.rounds import close_ratings

    LiveSession.bump(instance.pk)
    if instance.is_concluded:
        # A guest's access, and every link not yet used, ends for good: reopening the
        # deliberation later does not bring them back (the facilitator can invite again).
        GuestInvite.objects.filter(session_id=instance.pk, ended_at__isnull=True).update(
            ended_at=timezone.now()
        )
        # Never revealed, so never part of the record: they do not outlive the deliberation, and
        # a round still open is closed (reopened later, it can be collected afresh).
        PendingChoice.objects.filter(session_id=instance.pk).delete()
        close_ratings(instance.pk)  # sent ratings are kept, shuffled like the others
        if LiveSession.objects.filter(pk=instance.pk, collecting=Collecting.OPEN).update(
            collecting=Collecting.NOT_STARTED
        ):
            Seat.objects.filter(session_id=instance.pk).update(chose=False)


def _part_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
    from beraad.live.models import LiveSession

    deliberation_id = getattr(instance, "deliberation_id", None)
    if deliberation_id is None and isinstance(instance, OptionEffect):
        deliberation_id = (
            Option.objects.filter(pk=instance.option_id)
            .values_list("deliberation_id", flat=True)
            .first()
        )
    if deliberation_id is not None:
        LiveSession.bump(deliberation_id)


def connect() -> None:
    post_save.connect(_deliberation_changed, sender=Deliberation, dispatch_uid="live-d")
    for model in (Stakeholder, ValueAtStake, Option, OptionEffect):
        post_save.connect(_part_changed, sender=model, dispatch_uid=f"live-{model.__name__}-s")
        post_delete.connect(_part_changed, sender=model, dispatch_uid=f"live-{model.__name__}-d")
