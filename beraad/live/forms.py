"""Forms on a participant's own device: a private choice, a rating, and contributions to a step."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.renderers import Jinja2
from django.utils.translation import gettext_lazy as _

from beraad.deliberation.forms import (
    OptionForm,
    StakeholderForm,
    ValueAtStakeForm,
    ValueChoiceField,
    attach_text_check,
    name_empty_choices,
)
from beraad.deliberation.models import MEDIUM, Deliberation, Option, Secrecy, Value
from beraad.web.forms import AccessibleFormMixin

# A live device's choice and rating forms are drawn again for every device in the room when a
# round opens. Django's own widget templates in their Jinja2 flavour give the same markup
# (whitespace aside) for about a third less CPU (docs/deployment.md, "Ninth round"). Only these
# forms: the admin's widgets exist as Django templates alone. One instance: it keeps its compiled
# templates.
DEVICE_FORM_RENDERER = Jinja2()


def _text(label: Any, help_text: Any = "") -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=MEDIUM,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class LiveChoiceForm(AccessibleFormMixin, forms.Form):
    """Step 7, each on their own: which option, the value that decides it, and its price."""

    default_renderer = DEVICE_FORM_RENDERER

    option = forms.ModelChoiceField(
        queryset=Option.objects.none(),
        label=_("The option I choose"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose one of the options.")},
    )
    deciding_value = ValueChoiceField(
        queryset=Value.objects.none(),
        required=False,
        label=_("The value that decides it for me"),
    )
    harm = _text(_("The harm this choice does"))
    mitigation = _text(_("How to limit it"))
    needs = _text(_("What I need to carry it"))

    def __init__(
        self,
        *args: Any,
        deliberation: Deliberation,
        check_while_typing: bool,
        guest: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        name_empty_choices(self)
        if check_while_typing:  # the team's own check; a guest's text is checked at conclusion
            attach_text_check(self, deliberation, ["harm", "mitigation", "needs"])
        option = self.fields["option"]
        assert isinstance(option, forms.ModelChoiceField)
        option.queryset = Option.objects.filter(deliberation=deliberation).order_by("id")
        value = self.fields["deciding_value"]
        assert isinstance(value, forms.ModelChoiceField)
        # The values recorded at step 5 first would be nicer; the whole list keeps it simple.
        # A guest sees the team's own values only where this deliberation uses them.
        value.queryset = (
            Value.objects.used_in_or_builtin(deliberation)
            if guest
            else Value.objects.available_to(deliberation.team)
        )


class RatingForm(AccessibleFormMixin, forms.Form):
    default_renderer = DEVICE_FORM_RENDERER

    score = forms.TypedChoiceField(
        label=_("How useful was this deliberation?"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = not useful, 5 = very useful. Your rating is stored without your name."),
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )


class DeviceFormMixin:
    """Contributions from a device: the step's short fields only.

    A guest has no access to the team's check-while-typing endpoint: their fields are checked
    when the facilitator reviews the step, like anything else recorded.
    """

    fields: dict[str, forms.Field]

    def strip_typing_check(self) -> None:
        for field in self.fields.values():
            field.privacy_checked = False  # type: ignore[attr-defined]
            for attr in [a for a in field.widget.attrs if a.startswith("hx-")]:
                del field.widget.attrs[attr]
            field.widget.attrs.pop("aria-describedby", None)


class StakeholderContribution(DeviceFormMixin, StakeholderForm):
    class Meta(StakeholderForm.Meta):
        fields = ["kind", "label", "perspective"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields.pop("professional_secrecy")  # the kind's usual answer; changed on the step page

    def save(self, commit: bool = True) -> Any:
        self.instance.professional_secrecy = Secrecy.default_for_kind(self.instance.kind)
        return super().save(commit=commit)


class ValueContribution(DeviceFormMixin, ValueAtStakeForm):
    class Meta(ValueAtStakeForm.Meta):
        fields = ["stakeholder", "value", "norm"]


class OptionContribution(DeviceFormMixin, OptionForm):
    class Meta(OptionForm.Meta):
        fields = ["title", "description"]


CONTRIBUTION_FORMS: dict[str, type[forms.ModelForm]] = {
    "stakeholders": StakeholderContribution,
    "values": ValueContribution,
    "options": OptionContribution,
}


def contribution_form(
    step: str, deliberation: Deliberation, *, guest: bool, data: Any = None
) -> forms.ModelForm | None:
    form_class = CONTRIBUTION_FORMS.get(step)
    if form_class is None:
        return None
    form = form_class(data, deliberation=deliberation, prefix="add")  # type: ignore[call-arg]
    if guest:
        assert isinstance(form, DeviceFormMixin)
        form.strip_typing_check()
        value = form.fields.get("value")
        if isinstance(value, forms.ModelChoiceField):  # not the team's other own values
            value.queryset = Value.objects.used_in_or_builtin(deliberation)
    return form


GUEST_HOURS = [
    (2, _("2 hours")),
    (4, _("4 hours")),
    (8, _("8 hours")),
    (24, _("24 hours")),
]


class GuestInviteForm(AccessibleFormMixin, forms.Form):
    label = forms.CharField(
        label=_("The guest's function"),
        max_length=80,
        help_text=_('Not a name: e.g. "wijkagent", "vrijwilliger", "mantelzorger".'),
    )
    hours = forms.TypedChoiceField(
        label=_("The link works for"), choices=GUEST_HOURS, coerce=int, initial=4
    )


class GuestWelcomeForm(AccessibleFormMixin, forms.Form):
    confidential = forms.BooleanField(
        label=_(
            "I keep what I hear in this deliberation to myself, and I write down no names or "
            "other details of the people it is about."
        ),
        error_messages={"required": _("Please agree to keep the deliberation confidential.")},
    )
