from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    """Running Beraad: the task queue's upkeep and schedule, the worker, and ``/healthz``."""

    name = "beraad.ops"
    verbose_name = _("Operations")
