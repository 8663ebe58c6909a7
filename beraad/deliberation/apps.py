from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def ensure_catalogue(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    """Make sure the built-in values and themes exist.

    The data migration loads them once; this also restores them after a database flush (as in
    transactional tests), the way Django restores content types and permissions.
    """
    from beraad.deliberation import catalogue
    from beraad.deliberation.models import Theme, Value

    for entry in catalogue.VALUES:
        Value.objects.using(using).get_or_create(team=None, slug=entry.slug)
    for entry in catalogue.THEMES:
        Theme.objects.using(using).get_or_create(slug=entry.slug)


class DeliberationConfig(AppConfig):
    name = "beraad.deliberation"
    verbose_name = _("Deliberations")

    def ready(self) -> None:
        from beraad.deliberation import signals

        post_migrate.connect(ensure_catalogue, sender=self)
        signals.connect()
