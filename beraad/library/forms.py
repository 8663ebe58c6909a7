from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from beraad.deliberation.forms import ThemeField
from beraad.library.models import LibraryCase
from beraad.web.forms import AccessibleFormMixin


def _area(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class DraftForm(AccessibleFormMixin, forms.ModelForm):
    themes = ThemeField()

    class Meta:
        model = LibraryCase
        fields = [*LibraryCase.TEXT_FIELDS, "themes", "shared_beyond"]
        widgets = {
            "case_description": _area(8),
            "dilemma_question": _area(2),
            "option_a": _area(2),
            "harm_a": _area(2),
            "option_b": _area(2),
            "harm_b": _area(2),
            "stakeholders": _area(5),
            "options": _area(4),
            "decision": _area(3),
        }
        help_texts = {
            "case_description": _(
                "Generalise what identifies: a rare profession, a street, an exact age, a small "
                "village, a dated event."
            ),
            "decision": _("Hidden from trainees until the trainer unfolds it."),
        }


class ReviewForm(AccessibleFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comments for the proposer"),
        max_length=2000,
        required=False,
        widget=_area(3),
        help_text=_("Needed when you return the case."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "return" in self.data and not data.get("comment", "").strip():
            self.add_error("comment", _("Say what should change before the case can be approved."))
        return data


class PracticeForm(forms.Form):
    team = forms.ChoiceField(label=_("Practise in team"))

    def __init__(self, *args: Any, teams: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = teams
