from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InsightsConfig(AppConfig):
    name = "beraad.insights"
    verbose_name = _("Insights")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from beraad.deliberation import listing, panels
        from beraad.insights import index, tallies
        from beraad.insights.panels import EARLIER_ACTIONS, SIMILAR, SIMILAR_CONCLUDED
        from beraad.insights.search import InsightsSearch

        index.connect_signals()
        tallies.connect_signals()
        # After an upgrade, deliberations made before the search existed get their entries.
        post_migrate.connect(index.build_missing, sender=self, dispatch_uid="insights-missing")
        listing.slot.register(InsightsSearch())
        panels.register("step:dilemma", SIMILAR)
        panels.register("detail", SIMILAR_CONCLUDED)
        panels.register("step:opening", EARLIER_ACTIONS)
