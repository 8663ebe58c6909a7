"""The state of a deliberation on the shared screen: its step, its time box, and a version that
changes whenever anything on the screen could have changed (screens poll it cheaply)."""

from __future__ import annotations

import secrets
from datetime import datetime

from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone

from beraad.deliberation.method import STEPS_BY_SLUG
from beraad.deliberation.models import Deliberation

# No 0/O, 1/I/L: easy to read from a wall and to type on a phone.
CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


def new_code() -> str:
    return "".join(secrets.choice(CODE_LETTERS) for _ in range(6))


class LiveSession(models.Model):
    deliberation = models.OneToOneField(
        Deliberation, on_delete=models.CASCADE, primary_key=True, related_name="live"
    )
    step = models.CharField(max_length=30)
    version = models.PositiveIntegerField(default=1)
    timer_started_at = models.DateTimeField(null=True, blank=True)  # set while running
    timer_used = models.PositiveIntegerField(default=0)  # seconds used before the last start
    timer_extra = models.PositiveIntegerField(default=0)  # seconds added ("+5 minutes")
    # Shown on the screen: team members type it on their own device to follow along.
    join_code = models.CharField(max_length=8, unique=True, null=True, blank=True)

    def __str__(self) -> str:
        return f"live {self.pk}"

    @classmethod
    def for_deliberation(cls, deliberation: Deliberation) -> LiveSession:
        session, _created = cls.objects.get_or_create(
            deliberation=deliberation, defaults={"step": deliberation.current_step}
        )
        for _attempt in range(5):
            if session.join_code:
                break
            try:
                with transaction.atomic():
                    cls.objects.filter(pk=session.pk, join_code__isnull=True).update(
                        join_code=new_code()
                    )
            except IntegrityError:  # the code was taken: draw another
                continue
            session.refresh_from_db(fields=["join_code"])
        return session

    @classmethod
    def bump(cls, deliberation_id: int) -> None:
        """Something on the screen changed: screens fetch it on their next poll."""
        cls.objects.filter(pk=deliberation_id).update(version=F("version") + 1)

    @property
    def running(self) -> bool:
        return self.timer_started_at is not None

    def remaining(self, now: datetime | None = None) -> int:
        """Seconds left in the step's time box (negative when over time)."""
        step = STEPS_BY_SLUG.get(self.step)
        box = (step.minutes * 60 if step else 0) + self.timer_extra
        used = self.timer_used
        if self.timer_started_at is not None:
            used += int(((now or timezone.now()) - self.timer_started_at).total_seconds())
        return box - used

    def deadline_ms(self) -> int | None:
        """When the time box ends, for the screen's own countdown between polls."""
        if self.timer_started_at is None:
            return None
        return int((timezone.now().timestamp() + self.remaining()) * 1000)
