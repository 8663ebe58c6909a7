from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import admin
from django.http import HttpRequest, HttpResponse

from beraad.audit.log import context_for, run_logged
from beraad.audit.models import AccessLog, Action


class ReadOnlyAdmin(admin.ModelAdmin):
    """Staff can look; nobody adds, changes or deletes here."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class AuditedAdmin(admin.ModelAdmin):
    """An admin whose pages show case material: every page is logged like any other read, and every
    change is stored in one transaction with its entry (``run_logged``).

    ``audit_team()`` names the team an object belongs to, so that team's admins see on their log
    page that platform staff opened it.
    """

    audit_object_type = ""

    def audit_team(self, object_id: str) -> tuple[int, str] | None:
        return None

    def _logged(
        self,
        request: HttpRequest,
        action: str,
        object_id: str | None,
        view: Callable[[], HttpResponse],
    ) -> HttpResponse:
        context = context_for(request)
        context.action = action
        context.object_type = self.audit_object_type or self.model._meta.model_name or ""
        context.object_id = str(object_id or "")
        context.role = "staff"
        team = self.audit_team(str(object_id)) if object_id else None
        if team is not None:
            context.team_id, context.team_slug = team
        return run_logged(request, view)

    def changelist_view(
        self, request: HttpRequest, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        action: str = Action.READ
        if request.method == "POST" and request.POST.get("action") == "delete_selected":
            # The first post only asks for confirmation, listing what would go.
            action = Action.DELETE if request.POST.get("post") == "yes" else Action.READ
        elif request.method == "POST":
            action = Action.UPDATE
        parent = super().changelist_view
        return self._logged(request, action, None, lambda: parent(request, extra_context))

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: dict[str, Any] | None = None,
    ) -> HttpResponse:
        action = Action.UPDATE if request.method == "POST" else Action.READ
        parent = super().change_view
        return self._logged(
            request, action, object_id, lambda: parent(request, object_id, form_url, extra_context)
        )

    def add_view(
        self, request: HttpRequest, form_url: str = "", extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        action = Action.CREATE if request.method == "POST" else ""  # an empty form reads nothing
        parent = super().add_view
        return self._logged(request, action, None, lambda: parent(request, form_url, extra_context))

    def delete_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        action = Action.DELETE if request.method == "POST" else Action.READ
        parent = super().delete_view
        return self._logged(
            request, action, object_id, lambda: parent(request, object_id, extra_context)
        )

    def history_view(
        self, request: HttpRequest, object_id: str, extra_context: dict[str, Any] | None = None
    ) -> HttpResponse:
        parent = super().history_view
        return self._logged(
            request, Action.READ, object_id, lambda: parent(request, object_id, extra_context)
        )


@admin.register(AccessLog)
class AccessLogAdmin(ReadOnlyAdmin, AuditedAdmin):
    """Read-only: staff can look, nobody can change or delete. Looking is logged, as on the team's
    log page."""

    audit_object_type = "access_log"
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
