"""Reads on the hottest paths: written by the ORM once per database, then run with new values.

Building and compiling a queryset costs far more CPU than running it. The live poll's version
check, which devices send every two seconds, took 0.6 ms to build and compile on PostgreSQL and
0.08 ms to run; a device's seat with its session, deliberation, team and the person's role took
1.7 ms to compile and 0.5 ms to run. A ``Prepared`` read asks the ORM for its SQL once (per
database connection alias and process), with a marker for each value, and then only puts the
request's values in the markers' places. The SQL stays the ORM's, and so does what is made of
the rows: the compiler of that first time converts them (a date on SQLite comes back as text) and
builds the model instances, with their ``select_related`` objects and annotations, as a queryset
would. Its converters depend on the kind of database and the settings, not on the connection.

What it refuses, at its first use, so a test finds it: a value the ORM changes on its way to the
database (a ``contains`` lookup wraps it in ``%``) or leaves out, SQL that depends on the values
(it is compiled twice, with two sets of markers, and must come out the same: a value outside a
field's range makes the ORM drop a condition), and what a queryset adds on its own (columns
that ``distinct()`` with an ordering adds to the select, objects known through a related manager,
``prefetch_related``). At run time: an int outside the database's integer range finds nothing
(as the ORM answers it, without asking), and a date without a time zone is refused (the ORM
would read it in the local time zone).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.db.models.query import get_related_populators  # type: ignore[attr-defined]
from django.db.models.sql.compiler import SQLCompiler
from django.utils import timezone

Value = int | str | datetime


def _marker(kind: type, index: int, round_: int) -> Value:
    """A value of the kind the query takes in that place, different in each of the two rounds of
    compiling; ints within every integer field's range (a small positive one too)."""
    if kind is int:
        return 20_011 + 97 * round_ + index
    if kind is str:
        return f"\x1fprepared-{round_}-{index}\x1f"
    if kind is datetime:
        return datetime(1901 + round_, 2, 3, 4, 5, 6, 700_000 + index, tzinfo=UTC)
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
    compiler: SQLCompiler  # its select, klass_info and converters: how rows become results
    populators: list[Any]  # for the select_related objects of a model read
    names: list[str]  # a model read's own columns (attnames), at row[start:end]
    start: int
    end: int


class Prepared:
    """``Prepared(build, int, str)``: ``build`` makes the queryset from values of those kinds
    (called with markers). ``rows(…)`` and ``first(…)`` run a ``values_list`` queryset with real
    values and return tuples; ``objects(…)`` runs a model queryset and returns its instances."""

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
        compiled = [self._compile_with(connection, round_) for round_ in (0, 1)]
        (sql, params, slots, compiler), (other_sql, _params, other_slots, _compiler) = compiled
        if sql != other_sql or slots != other_slots:
            raise ValueError(
                "A prepared read's SQL depends on its values (a value outside a field's range "
                "drops a condition); use the ORM for this query."
            )
        klass_info, populators, names, start, end = compiler.klass_info, [], [], 0, 0
        if klass_info:  # a model read: what ModelIterable works out for every query
            populators = get_related_populators(klass_info, compiler.select, connection.alias)
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            names = [column[0].target.attname for column in compiler.select[start:end]]
        return _Statement(sql, tuple(params), tuple(slots), compiler, populators, names, start, end)

    def _compile_with(
        self, connection: BaseDatabaseWrapper, round_: int
    ) -> tuple[str, list[Any], tuple[int | None, ...], SQLCompiler]:
        markers = [_marker(kind, i, round_) for i, kind in enumerate(self.kinds)]
        queryset = self.build(*markers)
        # Private to QuerySet (not in its stubs), read as ModelIterable reads them.
        added = getattr(queryset, "_known_related_objects", None)
        if added or getattr(queryset, "_prefetch_related_lookups", None):
            raise ValueError(
                "A prepared read starts from the model's manager, without prefetching."
            )
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        if compiler.has_extra_select:
            raise ValueError("A prepared read has no extra columns for its ordering.")
        adapted = [_adapt(connection, kind, m) for kind, m in zip(self.kinds, markers, strict=True)]
        slots = tuple(adapted.index(p) if p in adapted else None for p in params)
        # A marker inside another value (``%marker%``) was changed on its way.
        changed = any(
            _holds(p, m)
            for p, slot in zip(params, slots, strict=True)
            if slot is None
            for m in adapted
        )
        if changed or set(range(len(markers))) - set(slots):
            raise ValueError(
                "A value of a prepared read reached the SQL changed (or not at all); "
                "use the ORM for this query."
            )
        return sql, list(params), slots, compiler

    def _run(self, values: Sequence[Value], using: str) -> tuple[_Statement, list[Any]]:
        connection = connections[using]
        statement = self.statement(connection)
        params = _fill(connection, statement, self.kinds, values)
        if not _in_range(connection, self.kinds, values):
            return statement, []
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, params)
            fetched = cursor.fetchall()
        return statement, list(statement.compiler.results_iter([fetched]))

    def rows(self, *values: Value, using: str = DEFAULT_DB_ALIAS) -> list[tuple[Any, ...]]:
        return [tuple(row) for row in self._run(values, using)[1]]

    def first(self, *values: Value, using: str = DEFAULT_DB_ALIAS) -> tuple[Any, ...] | None:
        """The first row (the queryset should be sliced to one, as ``.first()`` does)."""
        found = self.rows(*values, using=using)
        return found[0] if found else None

    def objects(self, *values: Value, using: str = DEFAULT_DB_ALIAS) -> list[Any]:
        """The model instances, as iterating the queryset makes them (django.db.models.query's
        ModelIterable): the model's own columns, each select_related object, each annotation."""
        statement, rows = self._run(values, using)
        compiler = statement.compiler
        if not compiler.klass_info:
            raise ValueError("objects() is for a model queryset; use rows() for values_list().")
        model, start, end = compiler.klass_info["model"], statement.start, statement.end
        found = []
        for row in rows:
            obj = model.from_db(using, statement.names, row[start:end])
            for populator in statement.populators:
                populator.populate(row, obj)
            for name, position in compiler.annotation_col_map.items():
                setattr(obj, name, row[position])
            found.append(obj)
        return found

    def first_object(self, *values: Value, using: str = DEFAULT_DB_ALIAS) -> Any | None:
        """The first instance (the queryset should be sliced to one, as ``.first()`` does)."""
        found = self.objects(*values, using=using)
        return found[0] if found else None


def _holds(param: Any, marker: Any) -> bool:
    return isinstance(param, str) and isinstance(marker, str) and marker in param


def _in_range(
    connection: BaseDatabaseWrapper, kinds: Sequence[type], values: Sequence[Value]
) -> bool:
    """Whether every int fits the database's integers; the ORM finds nothing for one that does
    not, without asking (SQLite would raise an OverflowError)."""
    low, high = connection.ops.integer_field_range("BigIntegerField")
    return all(
        low <= value <= high
        for kind, value in zip(kinds, values, strict=True)
        if kind is int and isinstance(value, int)
    )


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
        if isinstance(value, datetime) and settings.USE_TZ and timezone.is_naive(value):
            raise ValueError("A prepared read's date needs its time zone (timezone.now()).")
    return [
        param if slot is None else _adapt(connection, kinds[slot], values[slot])
        for param, slot in zip(statement.params, statement.slots, strict=True)
    ]
