from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from beraad.accounts.models import Team
from beraad.deliberation import catalogue
from beraad.deliberation.forms import DATE
from beraad.deliberation.guard import AccessibleFormMixin
from beraad.deliberation.models import Outcome, Status, Value
from beraad.insights.search import Filters

ANY = [("", _("any"))]
# Django's own message repeats the value sent; this one does not.
NOT_IN_LIST = _("Choose one of the options in the list.")


class SearchForm(AccessibleFormMixin, forms.Form):
    """Words and filters. The words come only by POST, so they never reach a URL or a log."""

    q = forms.CharField(label=_("Search words"), max_length=200, required=False)
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    value = forms.ChoiceField(label=_("Value"), required=False)
    kind = forms.ChoiceField(label=_("Stakeholder"), required=False)
    date_from = forms.DateField(label=_("From"), required=False, widget=DATE)
    date_to = forms.DateField(label=_("Up to and including"), required=False, widget=DATE)
    status = forms.ChoiceField(label=_("Status"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        values = Value.objects.available_to(team)
        choices: dict[str, list[Any]] = {
            "theme": [(t.slug, t.label) for t in catalogue.THEMES],
            "value": [(v.slug, v.label) for v in values],
            "kind": [(k.slug, k.label) for k in catalogue.STAKEHOLDER_KINDS],
            "status": list(Status.choices),
            "outcome": [c for c in Outcome.choices if c[0]],
        }
        for name, options in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = ANY + options
            field.error_messages["invalid_choice"] = NOT_IN_LIST

    def clean_q(self) -> str:
        return " ".join(self.cleaned_data["q"].split())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", _("This date lies before the start date."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        return Filters(
            theme=data.get("theme", ""),
            value=data.get("value", ""),
            kind=data.get("kind", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            status=data.get("status", ""),
            outcome=data.get("outcome", ""),
        )


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
