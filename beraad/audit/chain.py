"""The access log's hash chain: every entry carries a keyed hash over its own fields and the hash of
the entry before it, so a changed, deleted or inserted row breaks the chain where it happened.

The key is ``BERAAD_AUDIT_KEY`` (settings.ACCESS_LOG_KEY) or, without it, SECRET_KEY; a key derived
from it with Django's ``salted_hmac`` seals each entry with HMAC-SHA256. Without the key nobody can
make a row that fits the chain, also not someone who can write to the table directly.

Writers take one lock for the whole log (PostgreSQL: a transaction-scoped advisory lock; SQLite:
the IMMEDIATE transaction's write lock), read the last entry's hash, and insert: the chain stays a
single line with many requests writing at once. ``verify()`` walks it. An entry written outside a
transaction (a read's, after its page) goes on PostgreSQL in two round trips, not four (append).

A read's entry on PostgreSQL commits without waiting for the disk (``synchronous_commit`` off for
that one transaction, ``lock(durable=False)``): the lock is then held for the insert alone, not
for a disk flush, and the page does not wait for one either. A change's entry always waits: it is
on disk, with the change, before the answer leaves. The chain cannot get a gap from this: the
write-ahead log is one sequence, so the next durable commit (any change, or PostgreSQL's WAL
writer within about 0.6 s) flushes every read entry before it. What a crash of the database
server can lose is the last fraction of a second of read entries, the newest end of the chain
only, never an entry in the middle.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.utils.crypto import salted_hmac

# Bumped if the serialisation below ever changes; part of every sealed message.
VERSION = "beraad.accesslog/1"
GENESIS = "0" * 64  # the "previous hash" of the very first entry
SALT = "beraad.audit.chain"
# pg_advisory_xact_lock key: any constant bigint that nothing else uses ("beraadlog" in ASCII).
LOCK_KEY = 0x6265726161646C6F

# The entry's fields that are sealed, in this order (the hashes themselves are added after).
SEALED = [
    "at",
    "user_id",
    "user_email",
    "team_id",
    "team_slug",
    "role",
    "action",
    "object_type",
    "object_id",
    "outcome",
    "origin",
    "request_id",
]


def _keys() -> list[bytes]:
    """The current key first, then older ones still accepted when verifying (after a rotation)."""
    own = getattr(settings, "ACCESS_LOG_KEY", "")
    if own:
        secrets = [own, *getattr(settings, "ACCESS_LOG_KEY_FALLBACKS", [])]
    else:
        secrets = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    return [
        salted_hmac(SALT, "access-log-chain", secret, algorithm="sha256").digest()
        for secret in secrets
    ]


def _text(value: Any) -> Any:
    if value is None or isinstance(value, int):
        return value
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    return str(value)


def canonical(fields: dict[str, Any], prev_hash: str) -> bytes:
    """One entry as bytes that mean the same on SQLite and PostgreSQL.

    An address is sealed as its packed bytes: the databases write IPv6 addresses differently.
    """
    values = [_text(fields[name]) for name in SEALED]
    origin = fields.get("origin")
    values[SEALED.index("origin")] = ipaddress.ip_address(origin).packed.hex() if origin else None
    return json.dumps([VERSION, *values, prev_hash], separators=(",", ":")).encode()


def seal(fields: dict[str, Any], prev_hash: str, key: bytes | None = None) -> str:
    return hmac.new(key or _keys()[0], canonical(fields, prev_hash), hashlib.sha256).hexdigest()


def sealed_by_a_key(
    fields: dict[str, Any], prev_hash: str, entry_hash: str, keys: list[bytes]
) -> bool:
    return any(hmac.compare_digest(seal(fields, prev_hash, key), entry_hash) for key in keys)


def lock(using: str, *, then: str = "", durable: bool = True) -> tuple[Any, ...] | None:
    """Serialise writers of the chain until the surrounding transaction ends.

    ``then``: a query (no parameters) run once the lock is held; its first row is returned. On
    PostgreSQL both go in one round trip: the lock is held until the commit, so each round trip
    under it keeps every other writer of the log waiting. (In READ COMMITTED each statement of
    the pair takes its own snapshot, so the query sees what the writer before committed.)

    ``durable=False`` (PostgreSQL): this transaction's commit does not wait for the disk (see the
    module's docstring); only for a transaction that holds nothing but a read's entry.
    """
    connection = connections[using]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Under REPEATABLE READ or SERIALIZABLE the read after the lock would see the snapshot
            # from the transaction's start, not the entry written just before: the chain would fork.
            level = getattr(connection, "isolation_level", None)
            if getattr(level, "name", "") in ("REPEATABLE_READ", "SERIALIZABLE"):
                raise ImproperlyConfigured(
                    "The access log needs the READ COMMITTED isolation level."
                )
            # Two statements in one query need client-side binding (Django's default).
            relax = "" if durable else "SET LOCAL synchronous_commit TO OFF"
            one_trip = not connection.settings_dict["OPTIONS"].get("server_side_binding")
            if one_trip:
                statements = [s for s in (relax, "SELECT pg_advisory_xact_lock(%s)", then) if s]
                cursor.execute("; ".join(statements), [LOCK_KEY])
                if not then:
                    return None
                for _result in statements[1:]:
                    cursor.nextset()
                return cast("tuple[Any, ...] | None", cursor.fetchone())
            if relax:
                cursor.execute(relax)
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])
        # SQLite: the transaction began with BEGIN IMMEDIATE and holds the database's write lock.
        if then:
            cursor.execute(then)
            return cast("tuple[Any, ...] | None", cursor.fetchone())
    return None


def two_trips(using: str) -> bool:
    """Whether an entry written outside a transaction can go in two round trips (append):
    PostgreSQL with client-side binding (Django's default), which sends several statements as one
    query."""
    connection = connections[using]
    return connection.vendor == "postgresql" and not connection.settings_dict["OPTIONS"].get(
        "server_side_binding"
    )


def append(
    using: str,
    *,
    last: str,
    insert: Callable[[tuple[Any, ...] | None], tuple[str, Sequence[Any]]],
    durable: bool,
) -> tuple[Any, ...]:
    """Write one entry outside any transaction, on PostgreSQL (two_trips), in two round trips.

    The first opens the transaction, takes the lock and runs ``last`` (the last entry's hash,
    no parameters); ``insert`` gets its row and gives the sealed entry's INSERT (with RETURNING);
    the second runs it and commits. Through the ORM that is four: BEGIN, lock, insert, COMMIT.
    The lock is held from the first answer to the second query: one turn of this process, not
    two, keeps the other writers waiting. ``durable=False``: as lock(durable=False).

    Any failure rolls the transaction back before it is raised: the connection is left as it
    was found, outside a transaction, the lock released.
    """
    connection = connections[using]
    relax = "" if durable else "SET LOCAL synchronous_commit TO OFF"
    # READ COMMITTED as lock() needs it: the read after the lock sees the writer before.
    first = ["BEGIN ISOLATION LEVEL READ COMMITTED", relax, "SELECT pg_advisory_xact_lock(%s)"]
    statements = [s for s in (*first, last) if s]
    with connection.cursor() as cursor:
        try:
            cursor.execute("; ".join(statements), [LOCK_KEY])
            for _result in statements[1:]:
                cursor.nextset()
            sql, params = insert(cast("tuple[Any, ...] | None", cursor.fetchone()))
            cursor.execute(f"{sql}; COMMIT", params)
            return cast("tuple[Any, ...]", cursor.fetchone())
        except BaseException:
            _roll_back(connection)
            raise


def _roll_back(connection: Any) -> None:
    """End a transaction append began and could not finish (the server may already have)."""
    raw = connection.connection
    if raw is None or raw.closed or raw.info.transaction_status.name == "IDLE":
        return
    try:
        raw.execute("ROLLBACK")
    except Exception:  # a broken connection: not to be used again; the first error stands
        connection.close()


@dataclass(frozen=True)
class Anchor:
    """Where the chain starts after a purge: the hash of the last purged entry."""

    entry_hash: str
    last_id: int
    last_at: datetime
    purged_at: datetime
    count: int

    def fields(self) -> dict[str, Any]:
        return {
            "entry_hash": self.entry_hash,
            "last_id": self.last_id,
            "last_at": _text(self.last_at),
            "purged_at": _text(self.purged_at),
            "count": self.count,
        }

    def seal(self, key: bytes | None = None) -> str:
        message = json.dumps([VERSION, "anchor", self.fields()], separators=(",", ":")).encode()
        return hmac.new(key or _keys()[0], message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Break:
    """The first place where the chain does not hold: an entry's id and time, never its content."""

    entry_id: int
    at: datetime | None
    reason: str


def verify(
    rows: Iterable[dict[str, Any]], anchors: list[tuple[Anchor, str]], *, minimum_years: int
) -> tuple[int, Break | None, str]:
    """Walk ``rows`` (oldest first). Returns how many entries were checked, the first break, and
    the hash of the last entry (to note down elsewhere: ``verify_access_log --head``)."""
    keys = _keys()
    valid_starts = {GENESIS: 0}
    for anchor, anchor_hash in anchors:
        if not any(hmac.compare_digest(anchor.seal(key), anchor_hash) for key in keys):
            return 0, Break(anchor.last_id, anchor.purged_at, "purge record not sealed"), ""
        if _years_between(anchor.last_at, anchor.purged_at) < minimum_years:
            return 0, Break(anchor.last_id, anchor.purged_at, "purge record too young"), ""
        valid_starts[anchor.entry_hash] = anchor.last_id
    checked, expected = 0, ""
    for row in rows:
        prev = row["prev_hash"]
        if checked == 0:
            if prev not in valid_starts or row["id"] <= valid_starts[prev]:
                return checked, Break(row["id"], row["at"], "start of the log missing"), ""
        elif not hmac.compare_digest(prev, expected):
            return checked, Break(row["id"], row["at"], "entry before it missing"), ""
        if not sealed_by_a_key(row, prev, row["entry_hash"], keys):
            return checked, Break(row["id"], row["at"], "entry changed or forged"), ""
        checked += 1
        expected = row["entry_hash"]
    return checked, None, expected


def _years_between(start: datetime, end: datetime) -> float:
    return (end - start).days / 365.2425


def chained(rows: Iterable[dict[str, Any]], prev_hash: str) -> Iterator[tuple[int, str, str]]:
    """(id, prev_hash, entry_hash) for rows sealed one after the other (the data migration)."""
    for row in rows:
        entry_hash = seal(row, prev_hash)
        yield row["id"], prev_hash, entry_hash
        prev_hash = entry_hash
