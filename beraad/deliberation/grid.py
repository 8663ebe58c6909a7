"""The option × value grid of step 6: rows are options, columns the distinct values at stake."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from beraad.deliberation.guard import BASE_PREFIX, token
from beraad.deliberation.models import Deliberation, Effect, Option, OptionEffect, Value

# Each cell's choices: what is sent, the symbol shown, and what a screen reader says.
EFFECT_MARKS: tuple[tuple[str, str, str | Promise], ...] = (
    ("", "—", gettext_lazy("not assessed")),
    ("serves", "+", gettext_lazy("serves")),
    ("harms", "−", gettext_lazy("harms")),
    ("neutral", "○", gettext_lazy("neutral")),
)


@dataclass
class Cell:
    option: Option
    value: Value
    effect: str

    @property
    def name(self) -> str:
        return f"cell-{self.option.pk}-{self.value.pk}"

    @property
    def base(self) -> str:
        return token(self.effect)


@dataclass
class Grid:
    values: list[Value]
    rows: list[tuple[Option, list[Cell]]]
    conflicts: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    effects = EFFECT_MARKS

    @property
    def cells(self) -> dict[str, Cell]:
        return {cell.name: cell for _option, cells in self.rows for cell in cells}


def build_grid(deliberation: Deliberation) -> Grid:
    values = deliberation.values_in_play()
    options = list(deliberation.options.prefetch_related("effects").order_by("id"))
    rows = []
    for option in options:
        effects = {effect.value_id: effect.effect for effect in option.effects.all()}
        rows.append((option, [Cell(option, value, effects.get(value.pk, "")) for value in values]))
    return Grid(values=values, rows=rows)


def save_grid(deliberation: Deliberation, data: Any) -> Grid:
    """Saves the posted cells, keeping a cell another person changed in the meantime."""
    with transaction.atomic():
        grid = build_grid(deliberation)
        valid = {"", *Effect.values}
        numbers = {option.pk: n for n, (option, _cells) in enumerate(grid.rows, start=1)}
        for name, cell in grid.cells.items():
            if name not in data:
                continue
            new = data.get(name, "")
            if new not in valid:
                grid.errors.append(_("An unknown effect was sent for one cell; it was not saved."))
                continue
            base = data.get(BASE_PREFIX + name)
            if base and token(new) == base:
                continue  # this person did not touch the cell
            if base and token(cell.effect) != base and new != cell.effect:
                grid.conflicts.append(
                    _(
                        "Option %(number)s × “%(value)s” was changed by someone else meanwhile; "
                        "their choice was kept. Check it and change it again if needed."
                    )
                    % {"number": numbers[cell.option.pk], "value": cell.value.label}
                )
                continue
            if new:
                OptionEffect.objects.update_or_create(
                    option=cell.option, value=cell.value, defaults={"effect": new}
                )
            else:
                OptionEffect.objects.filter(option=cell.option, value=cell.value).delete()
    fresh = build_grid(deliberation)
    fresh.conflicts, fresh.errors = grid.conflicts, grid.errors
    return fresh
