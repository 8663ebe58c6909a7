from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "beraad.privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from beraad.deliberation import checks, signals
        from beraad.privacy.replacing import forget_stale_replacements
        from beraad.privacy.services import PrivacyCheck

        checks.slot.register(PrivacyCheck())
        signals.deliberation_changed.connect(
            forget_stale_replacements, dispatch_uid="privacy-stale-replacements"
        )
