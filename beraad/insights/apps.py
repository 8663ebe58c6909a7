from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "beraad.insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from beraad.insights import index

        index.connect_signals()
        # After an upgrade, deliberations made before the search existed get their entries.
        post_migrate.connect(index.build_missing, sender=self, dispatch_uid="insights-missing")
