from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from beraad.audit.models import AccessLog


@admin.register(AccessLog)
class AccessLogAdmin(admin.ModelAdmin):
    """Read-only: staff can look, nobody can change or delete."""

    list_display = [
        "at",
        "user_email",
        "team_slug",
        "role",
        "action",
        "object_type",
        "object_id",
        "outcome",
    ]
    list_filter = ["action", "outcome", "team_slug"]
    search_fields = ["user_email", "request_id", "object_id"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
