from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from beraad.audit.models import AccessLogQuerySet, Action, Outcome
from beraad.web.forms import AccessibleFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LogFilterForm(AccessibleFormMixin, forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), required=False, coerce=int, empty_value=None)
    action = forms.ChoiceField(label=_("Action"), required=False)
    outcome = forms.ChoiceField(label=_("Outcome"), required=False)
    start = forms.DateField(label=_("From"), required=False, widget=DATE)
    end = forms.DateField(label=_("Up to and including"), required=False, widget=DATE)

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everyone = ("", _("everyone"))
        self.fields["person"].choices = [everyone, *people]  # type: ignore[attr-defined]
        self.fields["action"].choices = [("", _("all actions")), *Action.choices]  # type: ignore[attr-defined]
        self.fields["outcome"].choices = [("", _("all outcomes")), *Outcome.choices]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            self.add_error("end", _("The end date is before the start date."))
        return cleaned

    def apply(self, entries: AccessLogQuerySet) -> AccessLogQuerySet:
        data = self.cleaned_data
        if data.get("person"):
            entries = entries.filter(user_id=data["person"])
        if data.get("action"):
            entries = entries.filter(action=data["action"])
        if data.get("outcome"):
            entries = entries.filter(outcome=data["outcome"])
        if data.get("start"):
            entries = entries.filter(at__date__gte=data["start"])
        if data.get("end"):
            entries = entries.filter(at__date__lte=data["end"])
        return entries
