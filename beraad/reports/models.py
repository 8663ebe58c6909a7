"""What a team chose to put in its session reports, remembered for the next report."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from beraad.accounts.models import Team
from beraad.reports import sections


def all_sections() -> list[str]:
    return list(sections.SLUGS)


class ReportPreference(models.Model):
    team = models.OneToOneField(Team, on_delete=models.CASCADE, related_name="report_preference")
    sections = models.JSONField(default=all_sections)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("report preference")
        verbose_name_plural = _("report preferences")

    def __str__(self) -> str:
        return f"report preference {self.team_id}"

    @classmethod
    def for_team(cls, team: Team) -> ReportPreference:
        found = cls.objects.filter(team=team).first()
        return found or cls(team=team)


class ReportJob(models.Model):
    """A period report made by a background task (``reports.tasks.make_period_report``), because it
    covers many deliberations: who asked for which period, the task doing it, and its PDF.

    The task's result holds the state (queued, running, done, failed); the finished PDF is kept
    only until it is downloaded or a day has passed.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    start = models.DateField()
    end = models.DateField()
    by = models.CharField(max_length=10, default="quarter")
    language = models.CharField(max_length=5, default="nl")
    task_id = models.CharField(max_length=64, blank=True, default="")
    content = models.BinaryField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"report job {self.pk}"
