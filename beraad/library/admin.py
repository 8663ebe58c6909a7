from __future__ import annotations

from django.contrib import admin

from beraad.library.models import LibraryCase


@admin.register(LibraryCase)
class LibraryCaseAdmin(admin.ModelAdmin):
    """For taking a published case down (e.g. after a privacy incident): delete it here."""

    list_display = ["title", "organisation", "status", "shared_beyond", "published_at"]
    list_filter = ["status", "shared_beyond", "organisation"]
    fields = ["title", "organisation", "status", "shared_beyond", "published_at"]
    readonly_fields = ["title", "organisation", "published_at"]
