"""The dates a deliberation may hold: a sensible range, checked by the forms and by import alike.

A date typed as 0001-01-01 or 9999-12-31 is a slip of the keyboard, and it would put the
deliberation at the top or bottom of every list and overview for good.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats, timezone
from django.utils.translation import gettext as _

EARLIEST = date(2000, 1, 1)


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True)
class DateRange:
    """From EARLIEST up to ``years_ahead`` years after today."""

    years_ahead: int

    def bounds(self, today: date | None = None) -> tuple[date, date]:
        return EARLIEST, _years_after(today or timezone.localdate(), self.years_ahead)

    def problem(self, value: date, today: date | None = None) -> str | None:
        """A plain message when ``value`` lies outside the range, else None."""
        earliest, latest = self.bounds(today)
        if earliest <= value <= latest:
            return None
        return _("This date cannot be right: it must lie between %(earliest)s and %(latest)s.") % {
            "earliest": formats.date_format(earliest, "j F Y"),
            "latest": formats.date_format(latest, "j F Y"),
        }

    def validate(self, value: Any) -> None:
        if isinstance(value, date):
            message = self.problem(value)
            if message:
                raise ValidationError(message, code="date_out_of_range")


# When something happened (the meeting, the consent): at most a year ahead, for planning.
HAPPENED = DateRange(years_ahead=1)
# When something is planned (a follow-up, an action's deadline).
PLANNED = DateRange(years_ahead=5)

# Every date a person enters in a deliberation, by model field name.
RANGES: dict[str, DateRange] = {
    "held_on": HAPPENED,
    "consent_given_on": HAPPENED,
    "follow_up_on": PLANNED,
    "due": PLANNED,
}


def limit_dates(form: forms.BaseForm) -> None:
    """Checks every known date field of ``form`` against its range, and tells the date picker."""
    for name, field in form.fields.items():
        limits = RANGES.get(name)
        if limits is None or not isinstance(field, forms.DateField):
            continue
        field.validators.append(limits.validate)
        earliest, latest = limits.bounds()
        field.widget.attrs.update(min=earliest.isoformat(), max=latest.isoformat())
