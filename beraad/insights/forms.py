from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.accounts.models import Team
from beraad.deliberation.forms import DATE
from beraad.deliberation.listing import NOT_IN_LIST
from beraad.web.forms import AccessibleFormMixin

EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)


class PeriodForm(AccessibleFormMixin, forms.Form):
    BY_CHOICES = [("month", _("month")), ("quarter", _("quarter"))]

    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Up to and including"), required=False, widget=DATE)
    by = forms.ChoiceField(
        label=_("Per"),
        choices=BY_CHOICES,
        required=False,
        error_messages={"invalid_choice": NOT_IN_LIST},
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "date_from" in self.errors or "date_to" in self.errors:
            return data
        for name in ("date_from", "date_to"):
            day = data.get(name)
            if day and not EARLIEST <= day <= LATEST:
                self.add_error(name, _("Choose a date between 1900 and 2100."))
        if self.errors:
            return data
        start, end = self._filled(data)
        if start > end:
            if data.get("date_to"):
                self.add_error("date_to", _("This date lies before the start date."))
            else:
                self.add_error(
                    "date_from", _("This date lies after today; choose an end date after it.")
                )
        elif (end - start).days > 366 * 5:
            self.add_error("date_from", _("Choose a period of at most five years."))
        return data

    @staticmethod
    def _filled(data: dict[str, Any]) -> tuple[date, date]:
        end = data.get("date_to") or timezone.localdate()
        return data.get("date_from") or default_start(end), end

    def period(self) -> tuple[date, date, str]:
        """The chosen period, or the last twelve months by month."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        start, end = self._filled(data)
        return start, end, data.get("by") or "month"


def default_start(end: date) -> date:
    """The first day of the month eleven months before ``end``: twelve whole months."""
    month = end.month - 11
    year = end.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, 1)


class CadenceForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Team
        fields = ["cadence_weeks"]


class ActionMarkForm(AccessibleFormMixin, forms.Form):
    done = forms.TypedChoiceField(
        choices=[("1", _("done")), ("0", _("open"))],
        coerce=lambda v: v == "1",
        widget=forms.HiddenInput,
        # The default message repeats what was sent; this one never does.
        error_messages={
            "invalid_choice": _("Say whether the action is done or open."),
            "required": _("Say whether the action is done or open."),
        },
    )
    note = forms.CharField(
        label=_("How did it go? (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
