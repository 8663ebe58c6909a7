"""The team's list of deliberations: its filters, and the search a feature may add to it.

Filters (theme, value, stakeholder kind, period, status, outcome) are the core's own. Full-text
search is an extension point: the insights app registers a ``ListSearch`` in its
``AppConfig.ready()``; without one, the list has no search words field and filters alone work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from beraad.accounts.models import Team
from beraad.deliberation import catalogue
from beraad.deliberation.forms import DATE
from beraad.deliberation.models import Deliberation, Outcome, Status, Value
from beraad.lib.slots import Slot
from beraad.web.forms import AccessibleFormMixin


@dataclass
class Filters:
    theme: str = ""
    value: str = ""
    kind: str = ""
    date_from: date | None = None
    date_to: date | None = None
    status: str = ""
    outcome: str = ""

    def apply(self, deliberations: QuerySet[Deliberation]) -> QuerySet[Deliberation]:
        if self.theme:
            deliberations = deliberations.filter(themes__slug=self.theme)
        if self.value:
            # Values at stake (step 5), as the dashboard counts them.
            deliberations = deliberations.filter(values_at_stake__value__slug=self.value)
        if self.kind:
            deliberations = deliberations.filter(stakeholders__kind=self.kind)
        if self.date_from:
            deliberations = deliberations.filter(held_on__gte=self.date_from)
        if self.date_to:
            deliberations = deliberations.filter(held_on__lte=self.date_to)
        if self.status:
            deliberations = deliberations.filter(status=self.status)
        if self.outcome:
            deliberations = deliberations.filter(outcome=self.outcome)
        if self.value or self.kind:
            # The joins above can repeat a deliberation; an id subquery keeps each once.
            return Deliberation.objects.filter(id__in=deliberations.values("id"))
        return deliberations

    @property
    def active(self) -> bool:
        return any(getattr(self, name) for name in self.__dataclass_fields__)


@dataclass
class Hit:
    deliberation: Deliberation
    snippets: list[tuple[str | Promise, SafeString]] = field(default_factory=list)


@dataclass
class Result:
    hits: list[Hit]
    total: int
    stems: list[str]

    @property
    def truncated(self) -> bool:
        return self.total > len(self.hits)


class ListSearch:
    """Full-text search over a team's deliberations. This base class is "no search"."""

    def search(self, team: Team, query: str, filters: Filters) -> Result | None:
        return None


slot: Slot[ListSearch] = Slot()  # insights registers its search here


def searcher() -> ListSearch | None:
    return slot.get()


ANY = [("", _("any"))]
# Django's own message repeats the value sent; this one does not.
NOT_IN_LIST = _("Choose one of the options in the list.")


class FilterForm(AccessibleFormMixin, forms.Form):
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
        if searcher() is None:
            del self.fields["q"]  # nothing would search: no field that seems to
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
        return " ".join(self.cleaned_data.get("q", "").split())

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
