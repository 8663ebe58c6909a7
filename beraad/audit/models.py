"""The access log (in the style of NEN 7513): who did what with which case material, when, and how it ended.

Entries hold ids and names of actions only, never case text. The application cannot change or delete
them (the model and queryset refuse) and neither can anyone else (database triggers, see triggers.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, NoReturn

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    pass


class Action(models.TextChoices):
    READ = "read", _("read")
    CREATE = "create", _("create")
    UPDATE = "update", _("update")
    DELETE = "delete", _("delete")
    SEARCH = "search", _("search")
    EXPORT = "export", _("export")
    PRINT = "print", _("print")
    IMPORT = "import", _("import")
    CONCLUDE = "conclude", _("conclude")
    REOPEN = "reopen", _("reopen")
    ERASE = "erase", _("erase after retention period")


class Outcome(models.TextChoices):
    OK = "ok", _("ok")
    DENIED = "denied", _("denied")
    ERROR = "error", _("error")


class AccessLogQuerySet(models.QuerySet["AccessLog"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("The access log is append-only")

    def purge_older_than(self, cutoff: datetime) -> int:
        """Remove entries older than ``cutoff``; the database refuses anything under five years."""
        deleted, _rows = models.QuerySet.delete(self.filter(at__lt=cutoff))
        return deleted

    def for_team(self, team_id: int) -> AccessLogQuerySet:
        return self.filter(team_id=team_id)


class AccessLog(models.Model):
    at = models.DateTimeField(_("time (UTC)"), default=timezone.now, db_index=True)
    # Plain values rather than foreign keys: an entry outlives the person, team or deliberation.
    user_id = models.BigIntegerField(_("person id"), null=True, blank=True, db_index=True)
    user_email = models.CharField(_("person"), max_length=254, blank=True)
    team_id = models.BigIntegerField(_("team id"), null=True, blank=True, db_index=True)
    team_slug = models.CharField(_("team"), max_length=60, blank=True)
    role = models.CharField(_("role"), max_length=20, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    object_type = models.CharField(_("object type"), max_length=40)
    object_id = models.CharField(_("object id"), max_length=40, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    origin = models.GenericIPAddressField(_("origin (IP address)"), null=True, blank=True)
    request_id = models.CharField(_("request id"), max_length=40, blank=True)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.user_email} {self.action} {self.object_type}#{self.object_id} {self.outcome}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("The access log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only")
