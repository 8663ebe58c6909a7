"""The access log (in the style of NEN 7513): who did what with which case material, when, and how it ended.

Entries hold ids and names of actions only, never case text. The application cannot change or delete
them (the model and queryset refuse) and neither can anyone else (database triggers, see triggers.py).
Each entry is sealed into a hash chain (chain.py): ``verify_access_log`` finds a row that was changed,
deleted or slipped in, also by someone who removed the triggers first.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from datetime import datetime
from typing import Any, NoReturn

from django.db import connections, models, router, transaction
from django.db.models.sql import InsertQuery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.audit import chain


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

    def bulk_create(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Access-log entries are chained one at a time: use create()")

    def old_prefix(self, cutoff: datetime) -> AccessLogQuerySet:
        """The entries before the first one at or after ``cutoff``: a purge removes the chain's
        oldest part only, never entries from its middle."""
        keep_from = self.filter(at__gte=cutoff).order_by("id").values_list("id", flat=True).first()
        return self.all() if keep_from is None else self.filter(id__lt=keep_from)

    def purge_older_than(self, cutoff: datetime) -> int:
        """Remove the oldest entries, up to the first one at or after ``cutoff``; the database
        refuses anything under five years. The chain's new start is recorded (an anchor), so the
        rest still verifies; a broken chain is never purged (that would remove the evidence)."""
        from beraad.audit.triggers import MINIMUM_YEARS

        db = router.db_for_write(AccessLog)
        with transaction.atomic(using=db):
            chain.lock(db)
            doomed = self.old_prefix(cutoff)
            last = doomed.order_by("-id").values("id", "at", "entry_hash").first()
            if last is None:
                return 0
            rows = doomed.order_by("id").values(*CHAIN_FIELDS).iterator(chunk_size=2000)
            with closing(rows):
                _checked, broken, _head = chain.verify(
                    rows, AccessLogAnchor.objects.sealed(), minimum_years=MINIMUM_YEARS
                )
            if broken is not None:
                raise ChainBroken(broken)
            count, _rows = models.QuerySet.delete(doomed)
            AccessLogAnchor.record(
                chain.Anchor(
                    entry_hash=last["entry_hash"],
                    last_id=last["id"],
                    last_at=last["at"],
                    purged_at=timezone.now(),
                    count=count,
                )
            )
        return count

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
    # The hash chain (chain.py): the previous entry's hash, and this entry's keyed hash.
    prev_hash = models.CharField(_("previous hash"), max_length=64, editable=False)
    entry_hash = models.CharField(_("hash"), max_length=64, editable=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.user_email} {self.action} {self.object_type}#{self.object_id} {self.outcome}"

    def save(self, *args: Any, savepoint: bool = True, durable: bool = True, **kwargs: Any) -> None:
        """Append to the chain: lock, read the last entry's hash, seal, insert.

        The lock is held until the surrounding transaction commits, so every round trip between
        taking it and the commit keeps all other writers of the log waiting. ``savepoint=False``
        leaves out the savepoint (its release is one more round trip under the lock) for a caller
        whose whole transaction must fail with the entry anyway: a change and its entry
        (log.run_logged). ``durable=False``: the entry of a read, written in a transaction of its
        own, commits without waiting for the disk (chain.py); inside a larger transaction, which
        may hold a change, it is ignored.
        """
        if not self._state.adding:
            raise AppendOnlyError("The access log is append-only")
        self.normalise()
        db = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        # Outside any transaction: not in an atomic block, and autocommit not turned off (a
        # read's entry, written after its page, is).
        outside = connections[db].get_autocommit()
        if outside and chain.two_trips(db):
            self._append(db, durable=durable)
            return
        relaxed = not durable and outside
        with transaction.atomic(using=db, savepoint=savepoint):
            self._seal(db, chain.lock(db, then=self._last_hash(db), durable=not relaxed))
            super().save(*args, **kwargs)

    def _last_hash(self, db: str) -> str:
        """The query for the last entry's hash (no parameters), run under the chain's lock."""
        table = connections[db].ops.quote_name(self._meta.db_table)
        return f"SELECT entry_hash FROM {table} ORDER BY id DESC LIMIT 1"  # noqa: S608 - our own table name

    def _seal(self, db: str, last: tuple[Any, ...] | None) -> None:
        """Chain on to the last entry (``_last_hash``'s row), or to the last purge's record."""
        self.prev_hash = last[0] if last is not None else AccessLogAnchor.start(db)
        self.entry_hash = chain.seal(self.sealed_fields(), self.prev_hash)

    def _append(self, db: str, *, durable: bool) -> None:
        """What save() does, in two round trips instead of four (chain.append). The row is
        inserted as Model.save would insert it (no signals: nothing listens to this model)."""

        def insert(last: tuple[Any, ...] | None) -> tuple[str, Sequence[Any]]:
            self._seal(db, last)
            meta = self._meta
            query = InsertQuery(type(self))
            query.insert_values([f for f in meta.local_concrete_fields if f is not meta.pk], [self])
            compiler = query.get_compiler(using=db)
            compiler.returning_fields = [meta.pk]
            [(sql, params)] = compiler.as_sql()
            return sql, params

        (self.pk,) = chain.append(db, last=self._last_hash(db), insert=insert, durable=durable)
        self._state.adding, self._state.db = False, db

    def normalise(self) -> None:
        """The values as the database will give them back, so the seal verifies later."""
        if self.at is not None and timezone.is_naive(self.at):
            self.at = timezone.make_aware(self.at)
        for name in chain.SEALED:  # plain columns: no relations, so name and attname agree
            value = getattr(self, name)
            field = self._meta.get_field(name)
            if value is not None and isinstance(field, models.Field):
                setattr(self, name, field.to_python(value))

    def sealed_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in chain.SEALED}

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("The access log is append-only")


CHAIN_FIELDS = ["id", *chain.SEALED, "prev_hash", "entry_hash"]


class ChainBroken(Exception):
    def __init__(self, broken: chain.Break) -> None:
        super().__init__(f"The access log's chain is broken at entry {broken.entry_id}")
        self.broken = broken


class AccessLogAnchorQuerySet(models.QuerySet["AccessLogAnchor"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Purge records are append-only")

    def delete(self) -> NoReturn:
        raise AppendOnlyError("Purge records are append-only")

    def sealed(self) -> list[tuple[chain.Anchor, str]]:
        return [(anchor.as_anchor(), anchor.anchor_hash) for anchor in self.order_by("id")]


class AccessLogAnchor(models.Model):
    """A purge of the access log's oldest entries: where the remaining chain starts."""

    entry_hash = models.CharField(max_length=64)  # of the last purged entry
    last_id = models.BigIntegerField()
    last_at = models.DateTimeField()
    purged_at = models.DateTimeField()
    count = models.PositiveIntegerField()
    anchor_hash = models.CharField(max_length=64)  # the record itself, sealed with the same key

    objects = AccessLogAnchorQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("access log purge")
        verbose_name_plural = _("access log purges")

    def __str__(self) -> str:
        return f"purge up to entry {self.last_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("Purge records are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AppendOnlyError("Purge records are append-only")

    def as_anchor(self) -> chain.Anchor:
        return chain.Anchor(
            entry_hash=self.entry_hash,
            last_id=self.last_id,
            last_at=self.last_at,
            purged_at=self.purged_at,
            count=self.count,
        )

    @classmethod
    def record(cls, anchor: chain.Anchor) -> AccessLogAnchor:
        return cls.objects.create(
            entry_hash=anchor.entry_hash,
            last_id=anchor.last_id,
            last_at=anchor.last_at,
            purged_at=anchor.purged_at,
            count=anchor.count,
            anchor_hash=anchor.seal(),
        )

    @classmethod
    def start(cls, using: str) -> str:
        """The previous hash of the log's first entry: the last purge's, or the genesis."""
        latest = cls.objects.using(using).order_by("-id").values_list("entry_hash", flat=True)
        return latest.first() or chain.GENESIS
