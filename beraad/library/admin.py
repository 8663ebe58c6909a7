from __future__ import annotations

from django.contrib import admin

from beraad.audit.admin import AuditedAdmin
from beraad.library.models import LibraryCase


@admin.register(LibraryCase)
class LibraryCaseAdmin(AuditedAdmin):
    """For taking a published case down (e.g. after a privacy incident): delete it here.

    The list and the case show its title, so staff reading them is logged like any other read of a
    library case, under the team that proposed it.
    """

    audit_object_type = "library_case"
    list_display = ["title", "organisation", "status", "shared_beyond", "published_at"]
    list_filter = ["status", "shared_beyond", "organisation"]
    fields = ["title", "organisation", "status", "shared_beyond", "published_at"]
    readonly_fields = ["title", "organisation", "published_at"]

    def audit_team(self, object_id: str) -> tuple[int, str] | None:
        if not object_id.isdigit():
            return None
        found = (
            LibraryCase.objects.filter(pk=int(object_id), team__isnull=False)
            .values_list("team_id", "team__slug")
            .first()
        )
        return (found[0], found[1]) if found else None
