from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LiveConfig(AppConfig):
    name = "beraad.live"
    verbose_name = _("Live facilitation")

    def ready(self) -> None:
        from beraad.live import signals

        signals.connect()
