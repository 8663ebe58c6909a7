from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "beraad.insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from beraad.insights import index

        index.connect_signals()
