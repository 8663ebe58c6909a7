"""Anonymised cases for teaching: copies of concluded deliberations, never links to them."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beraad.accounts.models import Organisation, Team
from beraad.deliberation.models import LONG, MEDIUM, SHORT, Theme


class LibraryRefusal(Exception):
    """A library case may not make this move now; ``message`` says why, translated for the
    person who asked."""

    def __init__(self, message: str | Promise) -> None:
        self.message = str(message)
        super().__init__(self.message)


NOT_A_DRAFT = _("Nothing was changed: the case is no longer a draft.")
NOT_IN_REVIEW = _("Nothing was changed: the case is not waiting for review.")
NOT_APPROVED = _("Only a case that a second person approved can be published.")


class LibraryCaseQuerySet(models.QuerySet["LibraryCase"]):
    def published_for(self, organisation_ids: list[int]) -> LibraryCaseQuerySet:
        """What a reader in these organisations may read: their own published cases and the
        ones other organisations share beyond themselves."""
        return self.filter(status=LibraryCase.Status.PUBLISHED).filter(
            Q(organisation_id__in=organisation_ids) | Q(shared_beyond=True)
        )


class LibraryCase(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        IN_REVIEW = "in_review", _("waiting for review")
        RETURNED = "returned", _("returned with comments")
        APPROVED = "approved", _("approved")
        PUBLISHED = "published", _("published")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    # The team that proposed it, so its facilitators can work on the draft. Not the deliberation:
    # nothing here leads back to it. ``source_digest`` only lets the proposing team's own pages
    # show the original beside the draft (a keyed digest of the deliberation's id).
    team = models.ForeignKey(Team, on_delete=models.SET_NULL, null=True, related_name="+")
    source_digest = models.CharField(max_length=64, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    shared_beyond = models.BooleanField(_("share with other organisations"), default=False)

    title = models.CharField(_("title"), max_length=SHORT)
    case_description = models.TextField(_("the case"), max_length=LONG, blank=True)
    dilemma_question = models.TextField(_("the moral question"), max_length=500, blank=True)
    option_a = models.TextField(_("horn A"), max_length=MEDIUM, blank=True)
    harm_a = models.TextField(_("what goes wrong if we choose A"), max_length=MEDIUM, blank=True)
    option_b = models.TextField(_("horn B"), max_length=MEDIUM, blank=True)
    harm_b = models.TextField(_("what goes wrong if we choose B"), max_length=MEDIUM, blank=True)
    stakeholders = models.TextField(_("stakeholders and their values"), max_length=LONG, blank=True)
    options = models.TextField(_("options"), max_length=LONG, blank=True)
    decision = models.TextField(_("how the team decided"), max_length=LONG, blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="+")
    value_slugs = models.JSONField(default=list)
    kinds = models.JSONField(default=list)

    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_comment = models.TextField(_("comments"), max_length=MEDIUM, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = LibraryCaseQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("library case")
        verbose_name_plural = _("library cases")

    def __str__(self) -> str:
        return self.title

    TEXT_FIELDS = (
        "title",
        "case_description",
        "dilemma_question",
        "option_a",
        "harm_a",
        "option_b",
        "harm_b",
        "stakeholders",
        "options",
        "decision",
    )

    @property
    def editable(self) -> bool:
        """Its team may still change it: a draft, or a case returned with comments."""
        return self.status in (self.Status.DRAFT, self.Status.RETURNED)

    def submit_for_review(self) -> None:
        """Sent for a second person's review; its team can no longer change it meanwhile."""
        if not self.editable:
            raise LibraryRefusal(NOT_A_DRAFT)
        self.status = self.Status.IN_REVIEW
        self.save(update_fields=["status"])

    def approve(self, *, reviewer: Any, comment: str) -> None:
        """The second person agrees: the case may be published."""
        self._review(reviewer, comment, self.Status.APPROVED)

    def send_back(self, *, reviewer: Any, comment: str) -> None:
        """The second person returns the case to its team, saying what should change."""
        if not comment.strip():
            raise LibraryRefusal(_("Say what should change before the case can be approved."))
        self._review(reviewer, comment, self.Status.RETURNED)

    def _review(self, reviewer: Any, comment: str, status: str) -> None:
        if self.status != self.Status.IN_REVIEW:
            raise LibraryRefusal(NOT_IN_REVIEW)
        self.reviewed_by = reviewer
        self.review_comment = comment
        self.status = status
        self.save(update_fields=["reviewed_by", "review_comment", "status"])

    def return_to_proposer(self) -> None:
        """The final check before publishing still finds a direct identifier: the case goes back
        to its team to rewrite, and then to a second person again."""
        if self.status != self.Status.APPROVED:
            raise LibraryRefusal(NOT_APPROVED)
        self.status = self.Status.RETURNED
        self.save(update_fields=["status"])

    def publish(self, *, now: datetime) -> None:
        """Readable in the library. Published, it needs no way back to its source, not even its
        team's side-by-side view: the team and the source digest are dropped."""
        if self.status != self.Status.APPROVED:
            raise LibraryRefusal(NOT_APPROVED)
        self.status = self.Status.PUBLISHED
        self.published_at = now
        self.team = None
        self.source_digest = ""
        self.save(update_fields=["status", "published_at", "team", "source_digest"])
