from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from beraad.reports import sections
from beraad.web.forms import AccessibleFormMixin


class SessionReportForm(AccessibleFormMixin, forms.Form):
    sections = forms.MultipleChoiceField(
        label=_("What goes in the report"),
        choices=[(s.slug, s.label) for s in sections.SECTIONS],
        widget=forms.CheckboxSelectMultiple,
        required=True,
        error_messages={"required": _("Tick at least one part for the report.")},
        help_text=_(
            "Leave out what the readers need not see, e.g. the case when the report leaves the "
            "team. Parts left out are not in the file at all. A facilitator's choice is "
            "remembered for the team's next report."
        ),
    )
    show_names = forms.BooleanField(
        label=_("Show the participants' names (otherwise only their roles)"), required=False
    )
