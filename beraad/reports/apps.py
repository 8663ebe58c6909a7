from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "beraad.reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from beraad.deliberation.signals import retention_applied
        from beraad.reports.jobs import purge_after_retention

        retention_applied.connect(purge_after_retention, dispatch_uid="reports-purge")
