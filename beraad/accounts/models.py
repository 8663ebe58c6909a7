"""Organisations, teams, people and what they may do."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from datetime import timedelta
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> User:
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A professional who uses Beraad. Clients are never users."""

    email = models.EmailField(_("e-mail address"), unique=True)
    name = models.CharField(_("name"), max_length=150, blank=True)
    is_staff = models.BooleanField(_("staff"), default=False)
    is_active = models.BooleanField(_("active"), default=True)
    date_joined = models.DateTimeField(_("joined"), default=timezone.now)
    # Part of every session's check value (get_session_auth_hash): moving it on ends all of the
    # person's sessions at their next request, on every server, with no list of sessions to find.
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.name or self.email

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email

    # The fields the session's check value is made from: a poll that checks a session without
    # loading the person reads exactly these (beraad/live/views_device.py).
    SESSION_HASH_FIELDS = ("password", "session_epoch")

    def get_session_auth_hash(self) -> str:
        return self._session_hash(secret=None)

    def get_session_auth_fallback_hash(self) -> Iterator[str]:
        for fallback_secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret=fallback_secret)

    def _session_hash(self, *, secret: str | bytes | None) -> str:
        # Django's own value (so sessions from before the epoch existed stay valid), with the
        # epoch added once "sign out everywhere" has been used.
        value = self.password if not self.session_epoch else f"{self.password}:{self.session_epoch}"
        return salted_hmac(
            "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash",
            value,
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def end_all_sessions(self) -> None:
        """Sign this person out on every device: each session's check value stops matching."""
        User.objects.filter(pk=self.pk).update(session_epoch=models.F("session_epoch") + 1)
        self.refresh_from_db(fields=["session_epoch"])


def mfa_required_default() -> bool:
    """New organisations require a second factor unless BERAAD_MFA_REQUIRED_DEFAULT says not
    (it does not with DEBUG=true, for local work)."""
    return bool(settings.BERAAD_MFA_REQUIRED_DEFAULT)


class Organisation(models.Model):
    """A municipality or care provider."""

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    retention_months = models.PositiveSmallIntegerField(
        _("retention period (months after conclusion)"),
        default=24,
        help_text=_("After this, the free texts of a concluded deliberation are erased."),
    )
    mfa_required = models.BooleanField(
        _("two-factor authentication required for case access"),
        default=mfa_required_default,
        help_text=_(
            "Everyone with a role in this organisation must set up an authenticator app or a "
            "passkey before they can open anything else."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    cadence_weeks = models.PositiveSmallIntegerField(
        _("we deliberate every … weeks"),
        null=True,
        blank=True,
        default=6,
        validators=[MinValueValidator(1), MaxValueValidator(52)],
        help_text=_("Leave empty if the team has not agreed a rhythm."),
    )
    # The organisation's practice space for trainers: only practice deliberations from the case
    # library, left out of the organisation's figures.
    is_training = models.BooleanField(default=False, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    """Team roles, from least to most rights: each role may do what the ones before it may."""

    MEMBER = "member", _("member")
    FACILITATOR = "facilitator", _("facilitator")
    TEAM_ADMIN = "team_admin", _("team admin")

    @classmethod
    def rank(cls, role: str) -> int:
        return [choice.value for choice in cls].index(role)


class MembershipQuerySet(models.QuerySet["Membership"]):
    def for_user(self, user: Any) -> MembershipQuerySet:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(user=user).select_related("team", "team__organisation")


class Membership(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["team__name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "team"], name="one_membership_per_team")
        ]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} · {self.team} · {self.get_role_display()}"

    def has_role(self, role: str) -> bool:
        return Role.rank(self.role) >= Role.rank(role)

    @property
    def is_facilitator(self) -> bool:
        return self.has_role(Role.FACILITATOR)

    @property
    def is_team_admin(self) -> bool:
        return self.has_role(Role.TEAM_ADMIN)


class OrganisationRole(models.Model):
    """A role that spans an organisation rather than one team."""

    class Kind(models.TextChoices):
        TRAINER = "trainer", _("trainer")
        COORDINATOR = "coordinator", _("coordinator")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="organisation_roles"
    )
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=20, choices=Kind.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="one_organisation_role_each"
            )
        ]
        verbose_name = _("organisation role")
        verbose_name_plural = _("organisation roles")

    def __str__(self) -> str:
        return f"{self.user} · {self.organisation} · {self.get_role_display()}"


def _new_token() -> str:
    return secrets.token_urlsafe(32)


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        return self.filter(accepted_at__isnull=True, expires_at__gt=timezone.now())


class Invitation(models.Model):
    """An expiring link by which a team admin lets a person join a team."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail address"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.team}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.expires_at:
            self.expires_at = timezone.now() + timedelta(days=settings.INVITATION_VALID_DAYS)
        super().save(*args, **kwargs)

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.expires_at > timezone.now()

    def accept(self, user: User) -> Membership:
        membership, created = Membership.objects.get_or_create(
            user=user, team=self.team, defaults={"role": self.role}
        )
        if not created and Role.rank(self.role) > Role.rank(membership.role):
            membership.role = self.role
            membership.save(update_fields=["role"])
        self.accepted_at = timezone.now()
        self.save(update_fields=["accepted_at"])
        return membership
