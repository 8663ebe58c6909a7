from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "beraad.accounts"
    verbose_name = _("Organisations, teams and people")

    def ready(self) -> None:
        from allauth.mfa.signals import authenticator_added, authenticator_removed
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import post_migrate

        from beraad.accounts import signals

        user_logged_in.connect(signals.on_signed_in, dispatch_uid="accounts.start_session")
        authenticator_added.connect(
            signals.on_authenticator_changed, dispatch_uid="accounts.mfa_added"
        )
        authenticator_removed.connect(
            signals.on_authenticator_changed, dispatch_uid="accounts.mfa_removed"
        )
        post_migrate.connect(signals.make_cache_table, sender=self, dispatch_uid="accounts.cache")
