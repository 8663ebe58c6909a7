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
    show_names = models.BooleanField(_("show participants' names"), default=False)
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
