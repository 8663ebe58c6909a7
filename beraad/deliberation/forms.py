from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from beraad.accounts.models import Membership, Role, Team
from beraad.deliberation import checks
from beraad.deliberation.dates import limit_dates
from beraad.deliberation.guard import GuardedModelForm
from beraad.deliberation.method import STEPS_BY_SLUG
from beraad.deliberation.models import (
    Action,
    CaseQuestion,
    Choice,
    Deliberation,
    Effect,
    Option,
    Outcome,
    Participant,
    ParticipantRole,
    Rating,
    Secrecy,
    Stakeholder,
    Theme,
    Value,
    ValueAtStake,
)
from beraad.deliberation.texts import FreeText, texts_of
from beraad.web.forms import AccessibleFormMixin

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def attach_text_check(form: forms.BaseForm, deliberation: Deliberation, names: list[str]) -> None:
    """The registered text check (checks.py) follows these fields while the person types."""
    checks.current().attach(form, deliberation, names)


# What an empty dropdown says, by field name, instead of Django's "---------".
EMPTY_CHOICES = {
    "kind": _("Choose what kind of party"),
    "value": _("Choose a value"),
    "deciding_value": _("Choose the value that decides it"),
    "participant": _("Choose a participant"),
    "option": _("Choose an option"),
    "chosen_option": _("Choose the option the group chose"),
    "assignee": _("Choose a team member"),
}
_DASHES = "---------"


def name_empty_choices(form: forms.BaseForm) -> None:
    """Every dropdown of ``form`` says what to choose when nothing is chosen yet."""
    for name, field in form.fields.items():
        label = EMPTY_CHOICES.get(name)
        if label is None:
            continue
        if isinstance(field, forms.ModelChoiceField):
            if field.empty_label == _DASHES:
                field.empty_label = label
        elif isinstance(field, forms.ChoiceField):
            choices: list[tuple[Any, Any]] = list(field.choices)  # type: ignore[arg-type]
            field.choices = [
                (key, label if key == "" and str(text) == _DASHES else text)
                for key, text in choices
            ]


def _checked(texts_: tuple[FreeText, ...]) -> list[str]:
    return [text.name for text in texts_ if text.check]


def _step_checked(slug: str) -> list[str]:
    return _checked(STEPS_BY_SLUG[slug].texts)


def _short(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ThemeField(forms.ModelMultipleChoiceField):
    """The themes of the catalogue as checkboxes, sent by slug."""

    def __init__(self, **kwargs: Any) -> None:
        defaults: dict[str, Any] = {
            "queryset": Theme.objects.all(),
            "to_field_name": "slug",
            "widget": forms.CheckboxSelectMultiple,
            "required": False,
            "label": _("Themes"),
        }
        super().__init__(**(defaults | kwargs))

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class ValueChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)


class NewDeliberationForm(AccessibleFormMixin, forms.ModelForm):
    themes = ThemeField()

    class Meta:
        model = Deliberation
        fields = ["title", "held_on", "themes"]
        widgets = {"held_on": DATE}
        help_texts = {"title": _('A short title without names, e.g. "Wound care by the son".')}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_dates(self)


# Fields of step 1 that do not apply to a practice deliberation (a library case has no client).
PRACTICE_WITHOUT = ("consent", "consent_given_on")


class OpeningForm(GuardedModelForm):
    themes = ThemeField()

    class Meta:
        model = Deliberation
        fields = [
            "title",
            "held_on",
            "language",
            "themes",
            "confidentiality_agreed",
            "consent",
            "consent_given_on",
        ]
        widgets = {"held_on": DATE, "consent": forms.RadioSelect, "consent_given_on": DATE}
        help_texts = {
            "consent_given_on": _("Only when the client gave consent. Empty means: today."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.is_practice:
            # A practice deliberation discusses an anonymised library case: there is no client
            # whose consent could be asked, so the question is not put at all.
            for name in PRACTICE_WITHOUT:
                self.fields.pop(name, None)
                self.bases.pop(name, None)
        limit_dates(self)
        attach_text_check(self, self.instance, _step_checked("opening"))


class CaseForm(GuardedModelForm):
    class Meta:
        model = Deliberation
        fields = ["case_description"]
        widgets = {"case_description": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "case_description": _(
                "Describe the moment the dilemma was felt most strongly. Keep facts apart from "
                'interpretations. Use roles or pseudonyms ("mevrouw A.", "the son").'
            )
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attach_text_check(self, self.instance, _step_checked("case"))


def _beyond_integer_range(value: Any) -> bool:
    try:
        return abs(int(str(value))) >= 2**63
    except ValueError:
        return False  # no number at all: Django's own check refuses it


class HornValuesField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.label)

    def clean(self, value: Any) -> Any:
        # No value has such an id; Django would look for it with IN (…), which SQLite's driver
        # cannot even send (OverflowError), where a single id just finds nothing.
        if isinstance(value, list | tuple):
            for chosen in value:
                if _beyond_integer_range(chosen):
                    raise forms.ValidationError(
                        self.error_messages["invalid_choice"],
                        code="invalid_choice",
                        params={"value": str(chosen)[:20]},
                    )
        return super().clean(value)


class DilemmaForm(GuardedModelForm):
    values_a = HornValuesField(
        queryset=Value.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Values behind horn A"),
        help_text=_("Which values make horn A worth choosing? The dashboard counts them."),
    )
    values_b = HornValuesField(
        queryset=Value.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Values behind horn B"),
    )

    class Meta:
        model = Deliberation
        fields = [
            "dilemma_question",
            "dilemma_owner",
            "option_a",
            "harm_a",
            "values_a",
            "option_b",
            "harm_b",
            "values_b",
        ]
        widgets = {
            "dilemma_question": _short(2),
            "option_a": _short(),
            "harm_a": _short(),
            "option_b": _short(),
            "harm_b": _short(),
        }
        help_texts = {
            "dilemma_question": _('One sentence: "Should I … or …?"'),
            "dilemma_owner": _('A role, e.g. "the district nurse".'),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("values_a", "values_b"):
            field = self.fields.get(name)
            if isinstance(field, forms.ModelMultipleChoiceField):
                field.queryset = Value.objects.available_to(self.instance.team)
        attach_text_check(self, self.instance, _step_checked("dilemma"))


class ConclusionForm(GuardedModelForm):
    class Meta:
        model = Deliberation
        fields = ["outcome", "chosen_option", "rationale", "dissent", "follow_up_on"]
        widgets = {
            "outcome": forms.RadioSelect,
            "rationale": _short(4),
            "dissent": _short(),
            "follow_up_on": DATE,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit_dates(self)
        name_empty_choices(self)
        if "outcome" in self.fields:
            field = self.fields["outcome"]
            assert isinstance(field, forms.ChoiceField)
            field.choices = [c for c in Outcome.choices if c[0]]
        if "chosen_option" in self.fields:
            chosen = self.fields["chosen_option"]
            assert isinstance(chosen, forms.ModelChoiceField)
            chosen.queryset = Option.objects.filter(deliberation=self.instance)
        attach_text_check(self, self.instance, _step_checked("decision"))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (
            "outcome" in self.fields
            and "chosen_option" in self.fields
            and cleaned.get("outcome") == Outcome.DECIDED
            and not cleaned.get("chosen_option")
            and "outcome" not in self.errors
        ):
            self.add_error("chosen_option", _("Choose the option the group decided on."))
        return cleaned


class EvaluationForm(GuardedModelForm):
    class Meta:
        model = Deliberation
        fields = ["learned", "takeaways"]
        widgets = {"learned": _short(4), "takeaways": _short(4)}

    # Items recorded inline. Each form knows the deliberation it belongs to.

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        attach_text_check(self, self.instance, _step_checked("evaluation"))


class ItemForm(GuardedModelForm):
    def __init__(
        self,
        *args: Any,
        deliberation: Deliberation,
        membership: Membership | None = None,
        **kwargs: Any,
    ) -> None:
        self.deliberation = deliberation
        self.membership = membership  # who fills it in; None: a participant's device
        super().__init__(*args, **kwargs)
        name_empty_choices(self)
        # The model's declared free texts (items.py) are checked while typing.
        attach_text_check(self, deliberation, _checked(texts_of(self._meta.model)))

    def save(self, commit: bool = True) -> Any:
        self.instance.deliberation = self.deliberation
        return super().save(commit=commit)


class ParticipantForm(ItemForm):
    class Meta:
        model = Participant
        fields = ["role", "name"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and "role" not in self.initial:
            # The role the next person most likely has: first who leads, then who brings the case.
            taken = set(self.deliberation.participants.values_list("role", flat=True))
            for role in (ParticipantRole.FACILITATOR, ParticipantRole.CASE_PRESENTER):
                if role not in taken:
                    self.initial["role"] = role
                    break
            else:
                self.initial["role"] = ParticipantRole.PARTICIPANT


class QuestionForm(ItemForm):
    class Meta:
        model = CaseQuestion
        fields = ["question", "answer"]
        widgets = {"question": _short(2), "answer": _short(2)}


class StakeholderForm(ItemForm):
    professional_secrecy = forms.ChoiceField(
        label=_("Bound by professional secrecy"),
        choices=[("", _("as usual for this kind")), *Secrecy.choices],
        required=False,
    )

    class Meta:
        model = Stakeholder
        fields = ["kind", "label", "professional_secrecy", "perspective", "interests"]
        widgets = {"perspective": _short(), "interests": _short()}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk is None and self.membership is not None:
            # A new party comes with the values at stake for it, in the same form; step 5 adds
            # norms and values that belong to no one party. Not on a participant's device: a
            # guest may not see the team's own values.
            self.fields["values"] = HornValuesField(
                queryset=Value.objects.available_to(self.deliberation.team),
                widget=forms.CheckboxSelectMultiple,
                required=False,
                label=_("Values at stake for this party"),
                help_text=_("Optional. At step 5 you can add what each value asks of you."),
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("professional_secrecy") and cleaned.get("kind"):
            cleaned["professional_secrecy"] = Secrecy.default_for_kind(cleaned["kind"])
        return cleaned

    def save(self, commit: bool = True) -> Any:
        new = self.instance.pk is None
        stakeholder = super().save(commit=commit)
        if commit and new:
            for value in self.cleaned_data.get("values") or ():
                ValueAtStake.objects.create(
                    deliberation=self.deliberation, stakeholder=stakeholder, value=value
                )
        return stakeholder


class ValueAtStakeForm(ItemForm):
    """A value at stake. Facilitators may name a new one, which joins the team's own values (as on
    the catalogue page, which needs a facilitator too); everyone else picks from the list."""

    value = ValueChoiceField(queryset=Value.objects.none(), required=False, label=_("Value"))
    new_value = forms.CharField(
        label=_("or a value of your own"),
        max_length=80,
        required=False,
        help_text=_("It is added to your team's values."),
    )

    class Meta:
        model = ValueAtStake
        fields = ["stakeholder", "value", "norm"]
        widgets = {"norm": _short(2)}

    def __init__(self, *args: Any, deliberation: Deliberation, **kwargs: Any) -> None:
        super().__init__(*args, deliberation=deliberation, **kwargs)
        stakeholder = self.fields["stakeholder"]
        assert isinstance(stakeholder, forms.ModelChoiceField)
        stakeholder.queryset = Stakeholder.objects.filter(deliberation=deliberation)
        stakeholder.empty_label = _("(no particular party)")
        value = self.fields["value"]
        assert isinstance(value, forms.ModelChoiceField)
        value.queryset = Value.objects.available_to(deliberation.team)
        if not self.may_add_values:
            del self.fields["new_value"]
            value.help_text = _("A facilitator can add a value of your team's own.")

    @property
    def may_add_values(self) -> bool:
        return self.membership is not None and self.membership.has_role(Role.FACILITATOR)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        new_name = (cleaned.get("new_value") or "").strip()
        sent_new = (self.data.get(self.add_prefix("new_value")) or "").strip()
        if not self.may_add_values and sent_new and not cleaned.get("value"):
            self.add_error(
                "value",
                _(
                    "Only a facilitator can add a value of your team's own. Choose a value from "
                    "the list."
                ),
            )
        elif cleaned.get("value") and new_name:
            self.add_error(
                "new_value", _("Choose a value from the list or name your own, not both.")
            )
        elif not cleaned.get("value") and not new_name:
            if self.may_add_values:
                self.add_error("value", _("Choose a value, or name a value of your own."))
            else:
                self.add_error("value", _("Choose a value from the list."))
        elif new_name and not slugify(new_name):
            self.add_error("new_value", _("Use at least one letter or digit."))
        elif new_name and is_new_value(self.deliberation.team, new_name):
            refusal = no_room_for_values(self.deliberation.team)
            if refusal:
                self.add_error("new_value", refusal)
        return cleaned

    def save(self, commit: bool = True) -> Any:
        new_name = (self.cleaned_data.get("new_value") or "").strip()
        if new_name:
            self.instance.value = team_value(self.deliberation.team, new_name)
        return super().save(commit=commit)


def is_new_value(team: Team, name: str) -> bool:
    """Whether ``team_value(team, name)`` would add a value to the team's own."""
    return not (
        Value.objects.filter(team__isnull=True, slug=name).exists()
        or Value.objects.filter(team=team, slug=slugify(name)[:80]).exists()
    )


def no_room_for_values(team: Team) -> str | None:
    """Why the team cannot add a value of its own, or None when it can."""
    if Value.objects.room_for(team):
        return None
    return _(
        "Your team has %(max)s values of its own, the most it may have. Choose one of them."
    ) % {"max": settings.BERAAD_TEAM_VALUES_MAX}


def team_value(team: Team, name: str) -> Value:
    """The built-in value with this slug, or the team's own value of this name (made if new)."""
    builtin = Value.objects.filter(team__isnull=True, slug=name).first()
    if builtin:
        return builtin
    value, _created = Value.objects.get_or_create(
        team=team, slug=slugify(name)[:80], defaults={"name": name[:80]}
    )
    return value


class OptionForm(ItemForm):
    class Meta:
        model = Option
        fields = ["title", "description", "mitigation"]
        widgets = {"description": _short(), "mitigation": _short(2)}


class ChoiceForm(ItemForm):
    deciding_value = ValueChoiceField(
        queryset=Value.objects.none(), required=False, label=_("Deciding value")
    )

    class Meta:
        model = Choice
        fields = ["participant", "option", "deciding_value", "harm", "mitigation", "needs"]
        widgets = {"harm": _short(2), "mitigation": _short(2), "needs": _short(2)}

    def __init__(self, *args: Any, deliberation: Deliberation, **kwargs: Any) -> None:
        super().__init__(*args, deliberation=deliberation, **kwargs)
        participant = self.fields["participant"]
        assert isinstance(participant, forms.ModelChoiceField)
        participant.queryset = Participant.objects.filter(deliberation=deliberation)
        if self.instance.pk is None and "participant" not in self.initial:
            # The next person round the table: the first without a choice yet.
            self.initial["participant"] = (
                participant.queryset.filter(choices__isnull=True).order_by("id").first()
            )
        # One click each: the options and the values in play as radio buttons.
        option = self.fields["option"]
        assert isinstance(option, forms.ModelChoiceField)
        option.empty_label = None
        option.widget = forms.RadioSelect()
        option.queryset = Option.objects.filter(deliberation=deliberation).order_by("id")
        value = self.fields["deciding_value"]
        assert isinstance(value, forms.ModelChoiceField)
        value.queryset = Value.objects.available_to(deliberation.team)
        in_play = deliberation.values_in_play()
        if in_play:
            # Any value is accepted; the ones at stake in this deliberation are offered.
            current = self.instance.deciding_value if self.instance.pk else None
            offered = [*in_play, *([current] if current and current not in in_play else [])]
            value.widget = forms.RadioSelect(choices=[(v.pk, v.label) for v in offered])


class ActionForm(ItemForm):
    class Meta:
        model = Action
        fields = ["what", "who", "assignee", "due", "done"]
        widgets = {"what": _short(2), "due": DATE}

    def __init__(self, *args: Any, deliberation: Deliberation, **kwargs: Any) -> None:
        super().__init__(*args, deliberation=deliberation, **kwargs)
        limit_dates(self)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assignee.queryset = (
            get_user_model()
            .objects.filter(memberships__team=deliberation.team, is_active=True)
            .order_by("name", "email")
        )

    def save(self, commit: bool = True) -> Any:
        action = self.instance
        if "done" in self.changed_data:
            action.done_at = timezone.now() if action.done else None
        return super().save(commit)


class RatingForm(ItemForm):
    score = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = not useful, 5 = very useful. Ratings are stored without a name."),
    )

    class Meta:
        model = Rating
        fields = ["score"]


EFFECT_CHOICES = [("", "—"), *Effect.choices]


class TeamValueForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Name of the value"), max_length=80)
    description = forms.CharField(label=_("Explanation"), max_length=300, required=False)

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        self.team = team
        super().__init__(*args, **kwargs)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        slug = slugify(name)
        if not slug:
            raise forms.ValidationError(_("Use at least one letter or digit."))
        if Value.objects.available_to(self.team).filter(slug=slug).exists():
            raise forms.ValidationError(_("This value already exists."))
        refusal = no_room_for_values(self.team)
        if refusal:
            raise forms.ValidationError(refusal)
        return name

    def save(self) -> Value:
        return Value.objects.create(
            team=self.team,
            slug=slugify(self.cleaned_data["name"])[:80],
            name=self.cleaned_data["name"],
            description=self.cleaned_data["description"],
        )
