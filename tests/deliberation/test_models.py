"""The deliberation's own rules, the method's steps, and the catalogue that several places repeat."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import pairwise

import pytest
from django.utils import timezone, translation
from django.utils.text import slugify

from beraad.deliberation import catalogue
from beraad.deliberation.exchange import schema
from beraad.deliberation.method import STEPS, STEPS_BY_SLUG, Step, next_step, previous_step
from beraad.deliberation.models import (
    Consent,
    Deliberation,
    Effect,
    Outcome,
    ParticipantRole,
    Rating,
    Secrecy,
    Status,
    Theme,
    Value,
)
from tests.factories import (
    DeliberationFactory,
    OptionFactory,
    ParticipantFactory,
    StakeholderFactory,
    UserFactory,
    ValueAtStakeFactory,
    ready_to_conclude,
)

pytestmark = pytest.mark.django_db


def missing(d: Deliberation) -> list[tuple[str, str]]:
    # English is the source language, so the messages are stable whatever the translators do.
    with translation.override("en"):
        return [(step.slug, str(message)) for step, message in d.missing_for_conclusion()]


# What concluding requires


def test_it_misses_nothing_when_complete(deliberation: Deliberation) -> None:
    assert missing(ready_to_conclude(deliberation)) == []


def test_it_misses_nothing_for_an_insight_without_option_chosen(
    deliberation: Deliberation,
) -> None:
    ready_to_conclude(deliberation)
    deliberation.outcome = Outcome.INSIGHT
    deliberation.chosen_option = None
    deliberation.save()
    assert missing(deliberation) == []


def _blank_question(d: Deliberation) -> None:
    d.dilemma_question = "   "


def _blank_horn_a(d: Deliberation) -> None:
    d.option_a = ""


def _blank_horn_b(d: Deliberation) -> None:
    d.option_b = "\n"


def _no_option(d: Deliberation) -> None:
    d.outcome = Outcome.INSIGHT
    d.chosen_option = None
    d.save()
    d.options.all().delete()


def _no_outcome(d: Deliberation) -> None:
    d.outcome = Outcome.NONE


def _decided_without_option(d: Deliberation) -> None:
    d.chosen_option = None


@pytest.mark.parametrize(
    ("change", "step", "words"),
    [
        pytest.param(_blank_question, "dilemma", "moral question", id="question"),
        pytest.param(_blank_horn_a, "dilemma", "Horn A", id="horn-a"),
        pytest.param(_blank_horn_b, "dilemma", "Horn B", id="horn-b"),
        pytest.param(_no_option, "options", "no option", id="option"),
        pytest.param(_no_outcome, "decision", "conclusion", id="outcome"),
        pytest.param(_decided_without_option, "decision", "no chosen option", id="chosen-option"),
    ],
)
def test_it_names_each_thing_missing_for_the_conclusion(
    deliberation: Deliberation, change: Callable[[Deliberation], None], step: str, words: str
) -> None:
    ready_to_conclude(deliberation)
    change(deliberation)

    found = missing(deliberation)

    assert len(found) == 1
    assert found[0][0] == step
    assert words in found[0][1]


def test_it_lists_everything_missing_for_a_new_deliberation(deliberation: Deliberation) -> None:
    found = missing(deliberation)
    assert [slug for slug, _message in found] == [
        "dilemma",
        "dilemma",
        "dilemma",
        "options",
        "decision",
    ]
    assert len({message for _slug, message in found}) == 5


# Concluding and reopening


def test_it_concludes_with_time_and_person(deliberation: Deliberation) -> None:
    user = UserFactory()
    ready_to_conclude(deliberation)
    before = timezone.now()
    deliberation.title = "Niet opgeslagen titel"

    deliberation.conclude(user)

    deliberation.refresh_from_db()
    assert deliberation.status == Status.CONCLUDED
    assert deliberation.is_concluded
    assert deliberation.concluded_at is not None
    assert before <= deliberation.concluded_at <= timezone.now()
    assert deliberation.concluded_by == user
    assert deliberation.updated_at >= before
    assert deliberation.title != "Niet opgeslagen titel"  # only the conclusion is saved
    assert list(Deliberation.objects.concluded()) == [deliberation]
    assert not Deliberation.objects.in_progress().exists()


def test_it_reopens_and_forgets_the_conclusion(deliberation: Deliberation) -> None:
    ready_to_conclude(deliberation)
    deliberation.conclude(UserFactory())
    concluded_update = deliberation.updated_at

    deliberation.reopen()

    deliberation.refresh_from_db()
    assert deliberation.status == Status.IN_PROGRESS
    assert not deliberation.is_concluded
    assert deliberation.concluded_at is None
    assert deliberation.concluded_by is None
    assert deliberation.updated_at >= concluded_update
    assert list(Deliberation.objects.in_progress()) == [deliberation]


def test_it_keeps_the_conclusion_when_the_concluding_account_is_deleted(
    deliberation: Deliberation,
) -> None:
    user = UserFactory()
    deliberation.conclude(user)
    user.delete()
    deliberation.refresh_from_db()
    assert deliberation.is_concluded
    assert deliberation.concluded_by is None


# Which steps are done


def _opening(d: Deliberation) -> None:
    d.confidentiality_agreed = True
    d.save()
    ParticipantFactory(deliberation=d)


def _case(d: Deliberation) -> None:
    d.case_description = "De zoon doet de wondzorg."
    d.save()


def _dilemma(d: Deliberation) -> None:
    d.dilemma_question = "Laat ik de zoon de wondzorg doen?"
    d.option_a = "Ja"
    d.option_b = "Nee"
    d.save()


def _stakeholders(d: Deliberation) -> None:
    StakeholderFactory(deliberation=d)


def _values(d: Deliberation) -> None:
    ValueAtStakeFactory(deliberation=d)


def _options(d: Deliberation) -> None:
    OptionFactory(deliberation=d)


def _decision(d: Deliberation) -> None:
    d.outcome = Outcome.INSIGHT
    d.save()


def _evaluation(d: Deliberation) -> None:
    Rating.objects.create(deliberation=d, score=4)


DONE_BY = {
    "opening": _opening,
    "case": _case,
    "dilemma": _dilemma,
    "stakeholders": _stakeholders,
    "values": _values,
    "options": _options,
    "decision": _decision,
    "evaluation": _evaluation,
}


def done_steps(d: Deliberation) -> list[str]:
    return [step.slug for step, done in d.steps_done() if done]


def test_it_knows_a_test_for_every_step() -> None:
    assert set(DONE_BY) == set(STEPS_BY_SLUG)


@pytest.mark.parametrize("slug", list(DONE_BY))
def test_it_marks_exactly_the_step_that_was_done(deliberation: Deliberation, slug: str) -> None:
    assert done_steps(deliberation) == []
    DONE_BY[slug](deliberation)
    assert done_steps(deliberation) == [slug]


def test_it_lists_the_steps_in_order(deliberation: Deliberation) -> None:
    assert [step.slug for step, _done in deliberation.steps_done()] == [s.slug for s in STEPS]


@pytest.mark.parametrize(
    ("change", "slug"),
    [
        pytest.param(lambda d: setattr(d, "confidentiality_agreed", True), "opening", id="no-one"),
        pytest.param(lambda d: ParticipantFactory(deliberation=d), "opening", id="no-agreement"),
        pytest.param(lambda d: setattr(d, "case_description", "  \n "), "case", id="blank-case"),
        pytest.param(
            lambda d: setattr(d, "dilemma_question", "Delen of niet?"), "dilemma", id="no-horns"
        ),
    ],
)
def test_it_does_not_count_a_half_done_step(
    deliberation: Deliberation, change: Callable[[Deliberation], object], slug: str
) -> None:
    change(deliberation)
    assert slug not in done_steps(deliberation)


@pytest.mark.parametrize("field", ["learned", "takeaways"])
def test_it_counts_the_evaluation_done_with_words_alone(
    deliberation: Deliberation, field: str
) -> None:
    setattr(deliberation, field, "Eerder de cliënt vragen.")
    assert done_steps(deliberation) == ["evaluation"]


# Professional secrecy


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("gp", Secrecy.YES),
        ("district-nurse", Secrecy.YES),
        ("volunteer", Secrecy.NO),
        ("family", Secrecy.NO),
        ("client", Secrecy.UNKNOWN),
        ("police", Secrecy.UNKNOWN),
        ("no-such-kind", Secrecy.UNKNOWN),
    ],
)
def test_it_defaults_secrecy_by_kind(kind: str, expected: str) -> None:
    assert Secrecy.default_for_kind(kind) == expected


# The catalogue, the schema and the data migration agree


def schema_enum(*path: str) -> list[object]:
    node = schema()["properties"]
    for part in path[:-1]:
        node = node[part]
    return list(node[path[-1]]["enum"])


def slugs(entries: tuple[catalogue.Entry, ...] | tuple[catalogue.Kind, ...]) -> list[str]:
    return [entry.slug for entry in entries]


def test_it_offers_the_catalogue_themes_in_the_schema() -> None:
    enum = schema_enum("themes", "items")
    assert sorted(map(str, enum)) == sorted(slugs(catalogue.THEMES))


def test_it_offers_the_catalogue_stakeholder_kinds_in_the_schema() -> None:
    enum = schema()["properties"]["stakeholders"]["items"]["properties"]["kind"]["enum"]
    assert sorted(enum) == sorted(slugs(catalogue.STAKEHOLDER_KINDS))


def test_it_offers_the_models_choices_in_the_schema() -> None:
    properties = schema()["properties"]
    participant = properties["participants"]["items"]["properties"]
    effect = properties["options"]["items"]["properties"]["effects"]["items"]["properties"]
    assert sorted(participant["role"]["enum"]) == sorted(ParticipantRole.values)
    assert sorted(effect["effect"]["enum"]) == sorted(Effect.values)
    assert set(properties["consent"]["enum"]) == {v or None for v in Consent.values}
    assert set(properties["decision"]["properties"]["outcome"]["enum"]) == {
        v or None for v in Outcome.values
    }


def test_it_loads_exactly_the_catalogue_values(db: None) -> None:
    loaded = list(Value.objects.filter(team=None).values_list("slug", flat=True))
    assert sorted(loaded) == sorted(slugs(catalogue.VALUES))


def test_it_loads_exactly_the_catalogue_themes(db: None) -> None:
    loaded = list(Theme.objects.values_list("slug", flat=True))
    assert sorted(loaded) == sorted(slugs(catalogue.THEMES))


@pytest.mark.parametrize(
    "entries",
    [catalogue.VALUES, catalogue.THEMES, catalogue.STAKEHOLDER_KINDS],
    ids=["values", "themes", "kinds"],
)
def test_it_uses_unique_proper_slugs_and_labels(
    entries: tuple[catalogue.Entry, ...] | tuple[catalogue.Kind, ...],
) -> None:
    assert len(set(slugs(entries))) == len(entries)
    for entry in entries:
        assert slugify(entry.slug) == entry.slug
        assert str(entry.label).strip(), entry.slug


def test_it_explains_every_value() -> None:
    for entry in catalogue.VALUES:
        assert str(entry.gloss).strip(), entry.slug


def test_it_shows_the_catalogue_label_of_a_builtin_value(db: None) -> None:
    trust = Value.objects.get(team=None, slug="trust")
    with translation.override("en"):
        assert str(trust.label) == str(catalogue.VALUES_BY_SLUG["trust"].label)
        assert str(trust.gloss) == str(catalogue.VALUES_BY_SLUG["trust"].gloss)
    assert trust.exchange_name == "trust"


def test_it_shows_the_name_of_a_teams_own_value(deliberation: Deliberation) -> None:
    # A team's value with a catalogue slug must still show the team's own words.
    own = Value.objects.create(
        team=deliberation.team, slug="trust", name="Vertrouwen", description="Op elkaar bouwen."
    )
    assert (own.label, own.gloss, own.exchange_name) == (
        "Vertrouwen",
        "Op elkaar bouwen.",
        "Vertrouwen",
    )


# The method


def test_it_has_eight_numbered_steps() -> None:
    assert len(STEPS) == 8
    assert [step.number for step in STEPS] == list(range(1, 9))
    assert len({step.slug for step in STEPS}) == 8
    assert {step.slug: step for step in STEPS} == STEPS_BY_SLUG


@pytest.mark.parametrize("step", STEPS, ids=[step.slug for step in STEPS])
def test_it_gives_every_step_a_title_guidance_and_time(step: Step) -> None:
    assert step.minutes > 0
    assert str(step.title).strip()
    assert str(step.guidance).strip()


def test_it_walks_the_steps_forward_and_back() -> None:
    assert previous_step(STEPS[0]) is None
    assert next_step(STEPS[-1]) is None
    for earlier, later in pairwise(STEPS):
        assert next_step(earlier) == later
        assert previous_step(later) == earlier


def test_it_starts_a_new_deliberation_at_the_first_step(db: None) -> None:
    d = DeliberationFactory()
    assert d.current_step == STEPS[0].slug
    assert d.status == Status.IN_PROGRESS
    assert d.held_on == timezone.localdate()
    assert timezone.now() - d.created_at < timedelta(minutes=1)
