"""The state of a deliberation on the shared screen: its step, its time box, and a version that
changes whenever anything on the screen could have changed (screens poll it cheaply)."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.deliberation.method import STEPS_BY_SLUG
from beraad.deliberation.models import ChoiceContent, Deliberation, Option, Participant

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
    # Moves on for what only the facilitator's screen shows (who follows, who has sent a choice,
    # how many ratings): participants' devices poll `version` alone and are not re-sent their page.
    room_version = models.PositiveIntegerField(default=0)
    timer_started_at = models.DateTimeField(null=True, blank=True)  # set while running
    timer_used = models.PositiveIntegerField(default=0)  # seconds used before the last start
    timer_extra = models.PositiveIntegerField(default=0)  # seconds added ("+5 minutes")
    # Shown on the screen: team members type it on their own device to follow along.
    join_code = models.CharField(max_length=8, unique=True, null=True, blank=True)
    # Guests see the case description only when the facilitator says so: they are not bound by
    # professional secrecy.
    case_shared_with_guests = models.BooleanField(default=False)
    contributions_open = models.BooleanField(default=False)  # for the current step only
    collecting = models.CharField(max_length=10, blank=True, default="")  # see Collecting
    collect_by_name = models.BooleanField(default=False)
    ratings_open = models.BooleanField(default=False)

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
    def bump(cls, deliberation_id: int, *, room: bool = False) -> None:
        """Something on the screen changed: screens fetch it on their next poll.

        ``room``: only the facilitator's screen shows it (a seat taken, a choice or rating sent).
        """
        field = "room_version" if room else "version"
        cls.objects.filter(pk=deliberation_id).update(**{field: F(field) + 1})

    @property
    def screen_version(self) -> str:
        return f"{self.version}.{self.room_version}"

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

    def start_timer(self, now: datetime) -> None:
        """Start (or resume) the step's time box; nothing changes while it is running."""
        if self.running:
            return
        self._show(timer_started_at=now)

    def pause_timer(self, now: datetime) -> None:
        """Stop the clock and keep the seconds used so far; nothing changes while it is paused."""
        if self.timer_started_at is None:
            return
        used = self.timer_used + int((now - self.timer_started_at).total_seconds())
        # A clock set back between start and pause must not give a negative time used.
        self._show(timer_started_at=None, timer_used=max(0, used))

    def extend_timer(self, minutes: int) -> None:
        """Make the step's time box longer ("+5 minutes"), running or not."""
        if minutes <= 0:
            raise ValueError("minutes must be positive")
        self._show(timer_extra=self.timer_extra + minutes * 60)

    def _show(self, **changes: Any) -> None:
        """Save ``changes`` and move ``version`` on in the same UPDATE, so every screen fetches
        them on its next poll (``F()``: a bump by another request at that moment is not lost)."""
        for name, value in changes.items():
            setattr(self, name, value)
        type(self).objects.filter(pk=self.pk).update(version=F("version") + 1, **changes)

    def deadline_ms(self) -> int | None:
        """When the time box ends, for the screen's own countdown between polls."""
        if self.timer_started_at is None:
            return None
        return int((timezone.now().timestamp() + self.remaining()) * 1000)


class Collecting(models.TextChoices):
    """Step 7: everybody's own choice, collected privately and revealed together."""

    NOT_STARTED = "", _("not started")
    OPEN = "open", _("collecting")
    REVEALED = "revealed", _("revealed")


# Steps at which participants can add what the step records from their own device.
CONTRIBUTION_STEPS = ("stakeholders", "values", "options")


class GuestInvite(models.Model):
    """A single-use link for one outsider (a volunteer, a police officer) to one deliberation.

    Only a digest of the link's key is stored: the link is shown once, to the facilitator.
    """

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="guests")
    label = models.CharField(_("function"), max_length=80)
    key_digest = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("opened"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("guest invitation")
        verbose_name_plural = _("guest invitations")

    def __str__(self) -> str:
        return f"guest {self.pk}"

    @staticmethod
    def digest(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(
        cls, session: LiveSession, *, label: str, hours: int, by: Any
    ) -> tuple[GuestInvite, str]:
        """A new invitation and its key (shown once; only the digest is kept)."""
        key = secrets.token_urlsafe(24)
        invite = cls.objects.create(
            session=session,
            label=label,
            key_digest=cls.digest(key),
            created_by=by,
            expires_at=timezone.now() + timedelta(hours=hours),
        )
        return invite, key

    @property
    def expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def valid(self) -> bool:
        """The guest may (still) take part: not ended, not expired, deliberation not concluded."""
        return (
            self.ended_at is None
            and not self.expired
            and not self.session.deliberation.is_concluded
        )


class Seat(models.Model):
    """Someone following on their own device. It records *that* they submitted, never *what*."""

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="seats")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    guest = models.OneToOneField(
        GuestInvite, on_delete=models.CASCADE, null=True, related_name="seat"
    )
    # Their line on the deliberation's list of participants (named choices point to it).
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    chose = models.BooleanField(default=False)
    rated = models.BooleanField(default=False)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "user"],
                condition=models.Q(user__isnull=False),
                name="one_seat_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"seat {self.pk}"

    @property
    def name(self) -> str:
        if self.participant is not None and self.participant.name:
            return self.participant.name
        if self.guest is not None:
            return self.guest.label
        return str(self.user) if self.user is not None else ""


class PendingChoice(ChoiceContent):
    """A choice submitted before the reveal, kept apart so nobody can look at it early.

    A random key and no time of arrival: for an anonymous round nothing here, in its order or
    otherwise, ties it to the seat that sent it. At the reveal these become `Choice` rows in a
    shuffled order and are deleted.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="pending_choices"
    )
    # Someone chose it and nobody can see that yet: it cannot silently disappear from under them.
    # (RESTRICT: deleting the whole deliberation still takes both away together.)
    option = models.ForeignKey(
        Option, on_delete=models.RESTRICT, null=True, blank=True, verbose_name=_("option")
    )
    # Only when the round is collected by name: whose choice it is (and so which one they change).
    seat = models.ForeignKey(Seat, on_delete=models.CASCADE, null=True, related_name="+")
    participant = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["session", "seat"],
                condition=models.Q(seat__isnull=False),
                name="one_named_choice_per_seat",
            )
        ]

    def __str__(self) -> str:
        return "pending choice"


class PendingRating(models.Model):
    """A rating from a device, held until the ratings close so the order of arrival is lost.

    Written as `Rating` rows in a shuffled order when the facilitator closes the ratings, moves
    on, or the deliberation is concluded. No person, no time.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    session = models.ForeignKey(
        LiveSession, on_delete=models.CASCADE, related_name="pending_ratings"
    )
    score = models.PositiveSmallIntegerField()

    def __str__(self) -> str:
        return "pending rating"
