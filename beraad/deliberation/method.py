"""The method of moreel beraad: eight fixed steps, defined once, as data.

Views, the step navigator and the templates read the steps from here; nothing else lists them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beraad.deliberation.texts import FreeText

if TYPE_CHECKING:
    from beraad.deliberation.models import Deliberation


@dataclass(frozen=True)
class Step:
    number: int
    slug: str
    title: str | Promise
    guidance: str | Promise
    minutes: int
    is_done: Callable[[Deliberation], bool]
    # The deliberation's free texts recorded at this step (see texts.py), and the section of the
    # exchange format that holds them ("" = the document's top level).
    texts: tuple[FreeText, ...] = ()
    exchange: str = ""


def _opening_done(d: Deliberation) -> bool:
    return d.confidentiality_agreed and d.participants.exists()


def _case_done(d: Deliberation) -> bool:
    return bool(d.case_description.strip())


def _dilemma_done(d: Deliberation) -> bool:
    return bool(d.dilemma_question.strip() and d.option_a.strip() and d.option_b.strip())


def _stakeholders_done(d: Deliberation) -> bool:
    return d.stakeholders.exists()


def _values_done(d: Deliberation) -> bool:
    return d.values_at_stake.exists()


def _options_done(d: Deliberation) -> bool:
    return d.options.exists()


def _decision_done(d: Deliberation) -> bool:
    return bool(d.outcome)


def _evaluation_done(d: Deliberation) -> bool:
    return bool(d.learned.strip() or d.takeaways.strip() or d.ratings.exists())


STEPS: tuple[Step, ...] = (
    Step(
        1,
        "opening",
        _("Opening"),
        _(
            "Welcome everyone and name the roles: who leads, who brings in the case, who takes notes. "
            "Agree that what is said stays in this room. Record whether the client agreed to "
            "discussing the case."
        ),
        5,
        _opening_done,
        texts=(FreeText("title"),),
    ),
    Step(
        2,
        "case",
        _("Case"),
        _(
            "The case presenter tells the case at the moment the dilemma was felt most strongly. "
            "Keep facts apart from interpretations. Others ask clarifying questions only: no advice yet. "
            "Use roles or pseudonyms, never real names."
        ),
        10,
        _case_done,
        texts=(FreeText("case_description", exchange="description"),),
        exchange="case",
    ),
    Step(
        3,
        "dilemma",
        _("Dilemma"),
        _(
            "Put the moral question in one sentence: what should I (we) do? Whose dilemma is it? "
            "Name the two horns A and B, and what goes wrong if you choose each one."
        ),
        10,
        _dilemma_done,
        texts=(
            FreeText("dilemma_question", exchange="question"),
            FreeText("dilemma_owner", exchange="owner", library=False),
            FreeText("option_a"),
            FreeText("harm_a"),
            FreeText("option_b"),
            FreeText("harm_b"),
        ),
        exchange="dilemma",
    ),
    Step(
        4,
        "stakeholders",
        _("Stakeholders"),
        _(
            "Who is involved? For each party: what kind of party, a role or pseudonym, how they see "
            "the situation and what they need. Note who is bound by professional secrecy."
        ),
        10,
        _stakeholders_done,
    ),
    Step(
        5,
        "values",
        _("Values at stake"),
        _(
            "For each party: which values are at stake, and what norm follows from them "
            '("so we must …").'
        ),
        10,
        _values_done,
    ),
    Step(
        6,
        "options",
        _("Options"),
        _(
            "Look beyond A and B: which other ways are there? For each option and each value at stake: "
            "is the value served, harmed or neither? What would limit the harm?"
        ),
        15,
        _options_done,
    ),
    Step(
        7,
        "decision",
        _("Weighing and decision"),
        _(
            "First everyone makes up their own mind: which option, which value decides it, what harm "
            "does that do, how can it be limited, what do you need? Then the group concludes: a chosen "
            "option with reasons, dissent and actions, or explicitly: insight, no decision."
        ),
        20,
        _decision_done,
        texts=(FreeText("rationale"), FreeText("dissent", library=False)),
        exchange="decision",
    ),
    Step(
        8,
        "evaluation",
        _("Evaluation"),
        _(
            "What did we learn? What do we take with us? Everyone gives a short anonymous rating "
            "of this deliberation."
        ),
        5,
        _evaluation_done,
        texts=(
            FreeText("learned", search=False, library=False),
            FreeText("takeaways", search=False, library=False),
        ),
        exchange="evaluation",
    ),
)

STEPS_BY_SLUG = {step.slug: step for step in STEPS}
FIRST_STEP = STEPS[0]


def next_step(step: Step) -> Step | None:
    return STEPS[step.number] if step.number < len(STEPS) else None


def previous_step(step: Step) -> Step | None:
    return STEPS[step.number - 2] if step.number > 1 else None
