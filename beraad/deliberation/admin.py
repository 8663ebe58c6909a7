"""The admin shows deliberations without any case text: platform staff see which team holds how
many deliberations and in what state, never what they are about. (The title is free text too.)
Changing or deleting a deliberation is the team's own work, in the application, where it is logged.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from beraad.audit.admin import ReadOnlyAdmin
from beraad.deliberation.models import Deliberation, Value


@admin.register(Deliberation)
class DeliberationAdmin(ReadOnlyAdmin):
    list_display = [
        "id",
        "team",
        "held_on",
        "status",
        "current_step",
        "is_practice",
        "concluded_at",
        "erased_at",
    ]
    list_display_links = None  # no page per deliberation: it would show its title
    list_filter = ["team", "status", "themes"]
    date_hierarchy = "held_on"
    actions = None

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is None and super().has_view_permission(request, obj)


@admin.register(Value)
class ValueAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "team"]
    list_filter = ["team"]
