"""The things a team adds, edits and removes inline, one kind per list, defined once."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beraad.deliberation import forms
from beraad.deliberation.models import (
    Action,
    CaseQuestion,
    Choice,
    Deliberation,
    Option,
    Participant,
    Rating,
    Stakeholder,
    ValueAtStake,
)
from beraad.deliberation.texts import FreeText


@dataclass(frozen=True)
class ItemKind:
    slug: str
    step: str
    model: type[models.Model]
    form_class: type[forms.ItemForm]
    title: str | Promise
    add_label: str | Promise
    empty_text: str | Promise
    editable: bool = True
    # The free texts of this kind of item (see texts.py).
    texts: tuple[FreeText, ...] = ()
    # Shown above the step's own fields: what the step's guidance asks for first (each
    # participant's choice comes before the group's conclusion at step 7).
    before_form: bool = False
    # Added with one click: the add form is its one choice field, each choice a submit button
    # (a rating's score).
    add_by_buttons: bool = False

    def queryset(self, deliberation: Deliberation) -> models.QuerySet:
        qs = self.model._default_manager.filter(deliberation=deliberation)
        if self.model is ValueAtStake:
            qs = qs.select_related("stakeholder", "value")
        elif self.model is Choice:
            qs = qs.select_related("participant", "option", "deciding_value")
        return qs.order_by("id")


ITEM_KINDS: tuple[ItemKind, ...] = (
    ItemKind(
        "participants",
        "opening",
        Participant,
        forms.ParticipantForm,
        _("Participants"),
        _("Add participant"),
        _("No participants yet."),
        # Colleagues' names (or a guest's function): not case text, never exchanged.
        texts=(FreeText("name", check=False, search=False, library=False, exchange=None),),
    ),
    ItemKind(
        "questions",
        "case",
        CaseQuestion,
        forms.QuestionForm,
        _("Clarifying questions"),
        _("Add question"),
        _("No clarifying questions yet."),
        texts=(FreeText("question", library=False), FreeText("answer", library=False)),
    ),
    ItemKind(
        "stakeholders",
        "stakeholders",
        Stakeholder,
        forms.StakeholderForm,
        _("Stakeholders"),
        _("Add stakeholder"),
        _("No stakeholders yet."),
        texts=(FreeText("label"), FreeText("perspective"), FreeText("interests", library=False)),
    ),
    ItemKind(
        "values",
        "values",
        ValueAtStake,
        forms.ValueAtStakeForm,
        _("Values at stake"),
        _("Add value"),
        _("No values named yet."),
        texts=(FreeText("norm", search=False),),
    ),
    ItemKind(
        "options",
        "options",
        Option,
        forms.OptionForm,
        _("Options"),
        _("Add option"),
        _("No options yet."),
        texts=(FreeText("title"), FreeText("description"), FreeText("mitigation", library=False)),
    ),
    ItemKind(
        "choices",
        "decision",
        Choice,
        forms.ChoiceForm,
        _("Each participant's own choice"),
        _("Add choice"),
        _("No choices recorded yet."),
        # Each person's own view: checked and exchanged, not searched or copied.
        texts=(
            FreeText("harm", search=False, library=False),
            FreeText("mitigation", search=False, library=False),
            FreeText("needs", search=False, library=False),
        ),
        before_form=True,
    ),
    ItemKind(
        "actions",
        "decision",
        Action,
        forms.ActionForm,
        _("Actions"),
        _("Add action"),
        _("No actions yet."),
        texts=(
            FreeText("what", library=False),
            FreeText("who", library=False),
            FreeText("done_note", library=False),
        ),
    ),
    ItemKind(
        "ratings",
        "evaluation",
        Rating,
        forms.RatingForm,
        _("Anonymous ratings"),
        _("Add rating"),
        _("No ratings yet."),
        editable=False,
        add_by_buttons=True,
    ),
)

ITEM_KINDS_BY_SLUG = {kind.slug: kind for kind in ITEM_KINDS}


def kinds_for_step(step_slug: str) -> list[ItemKind]:
    return [kind for kind in ITEM_KINDS if kind.step == step_slug]
