"""Reads on the hottest paths: written by the ORM once per database, then run with new values.

Building and compiling a queryset costs far more CPU than running it. The live poll's version
check, which devices send every two seconds, took 0.6 ms to build and compile on PostgreSQL and
0.08 ms to run; the session's own read is the same story. A ``Prepared`` read asks the ORM for
its SQL once (per database connection alias and process), with a marker for each value, and then
only puts the request's values in the markers' places. The SQL stays the ORM's: a model change
reaches it as it reaches every other query.

What it refuses, at its first use, so a test finds it: a value the ORM changes on its way to the
database (a ``contains`` lookup wraps it in ``%``), a marker it cannot find or finds twice in one
place, and a selected column the ORM would convert on the way back (a date on SQLite comes back
as text; such a column needs the ORM).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

Value = int | str | datetime


def _marker(kind: type, index: int) -> Value:
    """A value nobody sends, of the kind the query takes in that place."""
    if kind is int:
        return -2_000_000_000 + index
    if kind is str:
        return f"\x1fprepared-{index}\x1f"
    if kind is datetime:
        return datetime(1901, 2, 3, 4, 5, 6, 700_000 + index, tzinfo=UTC)
    raise TypeError(f"A prepared read takes int, str or datetime values, not {kind.__name__}.")


def _adapt(connection: BaseDatabaseWrapper, kind: type, value: Any) -> Any:
    """As the ORM sends a value of that kind to this database."""
    if kind is datetime:
        return connection.ops.adapt_datetimefield_value(value)
    return value


@dataclass(frozen=True)
class _Statement:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[int | None, ...]  # for each parameter: which value goes there (None: as compiled)


class Prepared:
    """``Prepared(build, int, str)``: ``build`` makes the queryset from values of those kinds
    (called with markers); ``rows(…)`` and ``first(…)`` run it with real ones and return tuples
    of column values, as ``values_list`` would."""

    def __init__(self, build: Callable[..., QuerySet[Any, Any]], *kinds: type) -> None:
        self.build = build
        self.kinds = kinds
        self._statements: dict[str, _Statement] = {}
        self._lock = threading.Lock()

    def statement(self, connection: BaseDatabaseWrapper) -> _Statement:
        found = self._statements.get(connection.alias)
        if found is None:
            with self._lock:
                found = self._statements.get(connection.alias) or self._compile(connection)
                self._statements[connection.alias] = found
        return found

    def _compile(self, connection: BaseDatabaseWrapper) -> _Statement:
        markers = [_marker(kind, i) for i, kind in enumerate(self.kinds)]
        compiler = self.build(*markers).query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if compiler.get_converters([column for column, _sql, _alias in compiler.select]):
            raise ValueError("A prepared read selects only columns that need no conversion.")
        adapted = [_adapt(connection, kind, m) for kind, m in zip(self.kinds, markers, strict=True)]
        slots: list[int | None] = []
        for param in params:
            hits = [i for i, marker in enumerate(adapted) if param == marker]
            slots.append(hits[0] if hits else None)
        if set(range(len(markers))) - set(slots):
            raise ValueError(
                "A value of a prepared read reached the SQL changed (or not at all); "
                "use the ORM for this query."
            )
        return _Statement(sql, tuple(params), tuple(slots))

    def rows(self, *values: Value, using: str = DEFAULT_DB_ALIAS) -> list[tuple[Any, ...]]:
        connection = connections[using]
        statement = self.statement(connection)
        params = _fill(connection, statement, self.kinds, values)
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, params)
            return [tuple(row) for row in cursor.fetchall()]

    def first(self, *values: Value, using: str = DEFAULT_DB_ALIAS) -> tuple[Any, ...] | None:
        """The first row (the queryset should be sliced to one, as ``.first()`` does)."""
        found = self.rows(*values, using=using)
        return found[0] if found else None


def _fill(
    connection: BaseDatabaseWrapper,
    statement: _Statement,
    kinds: Sequence[type],
    values: Sequence[Value],
) -> list[Any]:
    if len(values) != len(kinds):
        raise TypeError(f"This prepared read takes {len(kinds)} values, not {len(values)}.")
    for kind, value in zip(kinds, values, strict=True):
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            raise TypeError(f"A prepared read's value must be {kind.__name__}.")
    return [
        param if slot is None else _adapt(connection, kinds[slot], values[slot])
        for param, slot in zip(statement.params, statement.slots, strict=True)
    ]
