"""The exchange format beraad.deliberation/1: export, import, and the reports on a bad document."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import Team
from beraad.deliberation.exchange import (
    ImportProblem,
    ImportRefused,
    export_deliberation,
    import_deliberation,
    schema,
    validate,
)
from beraad.deliberation.forms import team_value
from beraad.deliberation.models import (
    CaseQuestion,
    Choice,
    Consent,
    Deliberation,
    Effect,
    OptionEffect,
    Outcome,
    ParticipantRole,
    Rating,
    Secrecy,
    Status,
    Theme,
    Value,
    ValueAtStake,
)
from tests.factories import (
    ActionFactory,
    DeliberationFactory,
    OptionFactory,
    ParticipantFactory,
    StakeholderFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

Document = dict[str, Any]


def autonomy_value() -> Value:
    return Value.objects.get(team=None, slug="autonomy")


def rich_deliberation(team: Team) -> Deliberation:
    """A deliberation with something in every part of the format, including the awkward cases."""
    d = DeliberationFactory(
        team=team,
        title="Wondzorg door de zoon",
        held_on=date(2026, 3, 12),
        language="nl",
        consent=Consent.GIVEN,
        confidentiality_agreed=True,
        case_description="Mevrouw A. heeft een chronische wond.\nDe zoon wil de zorg overnemen.",
        dilemma_question="Laat ik de zoon de wondzorg doen?",
        dilemma_owner="de wijkverpleegkundige",
        option_a="Ja, de zoon doet het",
        harm_a="Risico op infectie",
        option_b="Nee, de thuiszorg blijft komen",
        harm_b="Mevrouw A. voelt zich betutteld",
        rationale="Met instructie en controle is het verantwoord.",
        dissent="Eén collega vindt het te riskant.",
        follow_up_on=date(2026, 4, 12),
        learned="Vraag eerder wat de cliënt zelf wil.",
        takeaways="Een vast moment om samen te kijken.",
    )
    d.themes.set(Theme.objects.filter(slug__in=["responsibility", "confidentiality"]))
    facilitator = ParticipantFactory(
        deliberation=d, role=ParticipantRole.FACILITATOR, name="Anna de Vries"
    )
    ParticipantFactory(deliberation=d, role=ParticipantRole.CASE_PRESENTER, name="Bram")
    ParticipantFactory(deliberation=d, role=ParticipantRole.MINUTE_TAKER)
    CaseQuestion.objects.create(
        deliberation=d, question="Wat weet de zoon al?", answer="Hij heeft het gezien."
    )
    CaseQuestion.objects.create(deliberation=d, question="Wie betaalt het verband?")
    client = StakeholderFactory(
        deliberation=d,
        kind="client",
        label="mevrouw A.",
        professional_secrecy=Secrecy.UNKNOWN,
        perspective="Ze wil thuis blijven.",
    )
    son = StakeholderFactory(
        deliberation=d,
        kind="family",
        label="de zoon",
        professional_secrecy=Secrecy.NO,
        interests="Zijn moeder helpen.",
    )
    # Explicitly not bound, against the default of the kind: the export must say so.
    StakeholderFactory(
        deliberation=d, kind="social-worker", label="de stagiair", professional_secrecy=Secrecy.NO
    )
    StakeholderFactory(
        deliberation=d, kind="gp", label="de huisarts", professional_secrecy=Secrecy.YES
    )
    trust = Value.objects.get(team=None, slug="trust")
    privacy = Value.objects.get(team=None, slug="privacy")
    hope = team_value(team, "Hoop")
    ValueAtStake.objects.create(
        deliberation=d, stakeholder=client, value=trust, norm="Dus moeten we haar eerst vragen."
    )
    ValueAtStake.objects.create(deliberation=d, stakeholder=son, value=hope)
    ValueAtStake.objects.create(
        deliberation=d, stakeholder=None, value=privacy, norm="Niets delen."
    )
    together = OptionFactory(
        deliberation=d,
        title="Samen instrueren",
        description="De wijkverpleegkundige leert het de zoon.",
        mitigation="Elke week een controle.",
    )
    homecare = OptionFactory(deliberation=d, title="Thuiszorg blijft")
    OptionEffect.objects.create(option=together, value=trust, effect=Effect.SERVES)
    OptionEffect.objects.create(option=together, value=hope, effect=Effect.HARMS)
    OptionEffect.objects.create(option=homecare, value=privacy, effect=Effect.NEUTRAL)
    Choice.objects.create(
        deliberation=d,
        participant=facilitator,
        option=together,
        deciding_value=trust,
        harm="De thuiszorg komt minder.",
        mitigation="Afspraken op papier.",
        needs="Tijd voor de instructie.",
    )
    Choice.objects.create(deliberation=d, option=homecare, deciding_value=hope)
    d.outcome = Outcome.DECIDED
    d.chosen_option = together
    d.save()
    ActionFactory(
        deliberation=d, what="Instructie plannen", who="wijkverpleegkundige", due=date(2026, 3, 20)
    )
    ActionFactory(
        deliberation=d, what="Verband bestellen", done=True, done_note="Besteld en geleverd."
    )
    d.values_a.set([autonomy_value(), hope])
    d.values_b.set([Value.objects.get(team=None, slug="safety")])
    Rating.objects.bulk_create(Rating(deliberation=d, score=s) for s in (4, 5, 3))
    return d


def example() -> Document:
    """The example document of docs/exchange-format.md, with a few more stakeholders and values."""
    return {
        "format": "beraad.deliberation/1",
        "title": "Wondzorg door de zoon",
        "held_on": "2026-03-12",
        "language": "nl",
        "themes": ["responsibility"],
        "consent": "given",
        "participants": [
            {"key": "p1", "role": "facilitator"},
            {"key": "p2", "role": "case_presenter"},
        ],
        "case": {
            "description": "Mevrouw A. heeft een chronische wond aan haar been.",
            "questions": [{"question": "Wat weet de zoon al?", "answer": "Weinig."}],
        },
        "dilemma": {
            "question": "Deel ik wat ik weet met de zoon?",
            "owner": "de wijkverpleegkundige",
            "option_a": "Wel delen",
            "harm_a": "Mevrouw A. voelt zich verraden.",
            "option_b": "Niet delen",
            "harm_b": "De zoon doet de zorg verkeerd.",
        },
        "stakeholders": [
            {"key": "s1", "kind": "client", "label": "mevrouw A.", "professional_secrecy": None},
            {"key": "s2", "kind": "gp", "label": "de huisarts", "professional_secrecy": False},
            {"key": "s3", "kind": "district-nurse", "label": "de wijkverpleegkundige"},
        ],
        "values": [
            {"value": "trust", "stakeholder": "s1", "norm": "Dus moeten we eerst met haar praten."},
            {"value": "Hoop"},
        ],
        "options": [
            {
                "key": "o1",
                "title": "Samen instrueren",
                "effects": [
                    {"value": "trust", "effect": "serves"},
                    {"value": "Hoop", "effect": "harms"},
                ],
            },
            {"key": "o2", "title": "Niets zeggen"},
        ],
        "choices": [{"participant": "p1", "option": "o1", "deciding_value": "trust"}],
        "decision": {
            "outcome": "decided",
            "option": "o1",
            "rationale": "Zo blijft het vertrouwen heel.",
            "follow_up_on": "2026-04-12",
        },
        "actions": [
            {
                "what": "Gesprek met mevrouw A.",
                "who": "wijkverpleegkundige",
                "due": "2026-03-30",
                "done": False,
            }
        ],
        "evaluation": {
            "learned": "Eerst de cliënt, dan de familie.",
            "takeaways": "Vraag toestemming op tijd.",
            "ratings": [4, 5],
        },
    }


def without_timestamp(document: Document) -> Document:
    return {k: v for k, v in document.items() if k != "exported_at"}


def refused(document: Any, team: Team) -> list[ImportProblem]:
    with pytest.raises(ImportRefused) as caught:
        import_deliberation(document, team=team)
    return caught.value.problems


# Export and import


def test_it_gives_the_same_document_after_export_import_export(
    team: Team, other_team: Team
) -> None:
    original = rich_deliberation(team)
    original.conclude(None)
    first = json.loads(json.dumps(export_deliberation(original)))

    assert validate(first) == []
    copied = import_deliberation(first, team=other_team)
    second = json.loads(json.dumps(export_deliberation(copied)))

    assert without_timestamp(second) == without_timestamp(first)
    assert copied.pk != original.pk
    assert copied.team == other_team
    assert copied.status == Status.IN_PROGRESS
    # The document really carries every part, so the comparison above covers them all.
    assert set(first) == set(schema()["properties"]) - {"library"}  # only library cases have it
    assert [s.get("professional_secrecy") for s in first["stakeholders"]] == [
        None,
        False,
        False,
        True,
    ]
    assert {"value": "Hoop", "stakeholder": "s2"} in first["values"]
    assert {"value": "privacy", "norm": "Niets delen."} in first["values"]
    assert first["dilemma"]["values_a"] == ["autonomy", "Hoop"]
    assert first["dilemma"]["values_b"] == ["safety"]
    assert first["actions"][-1]["done_note"] == "Besteld en geleverd."


def test_it_exports_participants_by_role_only(team: Team) -> None:
    document = export_deliberation(rich_deliberation(team))
    text = json.dumps(document, ensure_ascii=False)
    assert document["participants"] == [
        {"key": "p1", "role": "facilitator"},
        {"key": "p2", "role": "case_presenter"},
        {"key": "p3", "role": "minute_taker"},
    ]
    assert "Anna de Vries" not in text
    assert "Bram" not in text


def test_it_makes_a_teams_own_value_in_the_importing_team(team: Team, other_team: Team) -> None:
    document = export_deliberation(rich_deliberation(team))
    copied = import_deliberation(document, team=other_team)
    hope = Value.objects.get(team=other_team, slug="hoop")
    assert hope.name == "Hoop"
    assert copied.values_at_stake.filter(value=hope, stakeholder__label="de zoon").exists()
    assert copied.choices.filter(deciding_value=hope).exists()
    assert not copied.values_at_stake.filter(value__team=team).exists()


def test_it_imports_the_example_document(team: Team) -> None:
    builtin_values = Value.objects.filter(team=None).count()
    user = UserFactory()

    d = import_deliberation(example(), team=team, user=user)

    d.refresh_from_db()
    assert d.team == team
    assert d.created_by == user
    assert d.status == Status.IN_PROGRESS
    assert d.title == "Wondzorg door de zoon"
    assert d.held_on == date(2026, 3, 12)
    assert d.consent == Consent.GIVEN
    assert [t.slug for t in d.themes.all()] == ["responsibility"]
    assert list(d.participants.values_list("role", "name")) == [
        ("facilitator", ""),
        ("case_presenter", ""),
    ]
    assert list(d.questions.values_list("question", "answer")) == [
        ("Wat weet de zoon al?", "Weinig.")
    ]
    assert d.dilemma_owner == "de wijkverpleegkundige"
    assert (d.option_a, d.option_b) == ("Wel delen", "Niet delen")
    assert list(d.stakeholders.values_list("label", "professional_secrecy")) == [
        ("mevrouw A.", Secrecy.UNKNOWN),  # null: explicitly unknown
        ("de huisarts", Secrecy.NO),  # false wins over the default of a GP
        ("de wijkverpleegkundige", Secrecy.YES),  # left out: the default of the kind
    ]
    hope = Value.objects.get(team=team, slug="hoop")
    assert hope.name == "Hoop"
    assert Value.objects.filter(team=None).count() == builtin_values
    assert list(d.values_at_stake.values_list("value__slug", "stakeholder__label", "norm")) == [
        ("trust", "mevrouw A.", "Dus moeten we eerst met haar praten."),
        ("hoop", None, ""),
    ]
    assert list(d.options.values_list("title", flat=True)) == ["Samen instrueren", "Niets zeggen"]
    together = d.options.get(title="Samen instrueren")
    assert sorted(together.effects.values_list("value__slug", "effect")) == [
        ("hoop", "harms"),
        ("trust", "serves"),
    ]
    assert d.outcome == Outcome.DECIDED
    assert d.chosen_option == together
    assert d.follow_up_on == date(2026, 4, 12)
    choice = d.choices.get()
    assert choice.participant is not None and choice.participant.role == "facilitator"
    assert choice.option == together
    assert choice.deciding_value == Value.objects.get(team=None, slug="trust")
    action = d.actions.get()
    assert (action.what, action.due, action.done) == (
        "Gesprek met mevrouw A.",
        date(2026, 3, 30),
        False,
    )
    assert list(d.ratings.values_list("score", flat=True)) == [4, 5]
    assert d.learned == "Eerst de cliënt, dan de familie."


def test_it_keeps_an_unknown_secrecy_through_export_and_import(
    team: Team, other_team: Team
) -> None:
    # A GP is bound by default; this team explicitly did not know, and the copy must not claim it.
    d = DeliberationFactory(team=team)
    StakeholderFactory(
        deliberation=d, kind="gp", label="de waarnemer", professional_secrecy=Secrecy.UNKNOWN
    )
    first = export_deliberation(d)
    copied = import_deliberation(first, team=other_team)
    assert copied.stakeholders.get().professional_secrecy == Secrecy.UNKNOWN
    assert without_timestamp(export_deliberation(copied)) == without_timestamp(first)


def test_it_imports_a_minimal_document(team: Team) -> None:
    d = import_deliberation(
        {"format": "beraad.deliberation/1", "title": "Kort", "dilemma": {"question": ""}},
        team=team,
    )
    assert d.title == "Kort"
    assert d.outcome == ""
    assert not d.participants.exists()


# Refusing a bad document


def _set(path: tuple[str | int, ...], value: Any) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        target: Any = document
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return change


def _drop(path: tuple[str | int, ...]) -> Callable[[Document], None]:
    def change(document: Document) -> None:
        target: Any = document
        for part in path[:-1]:
            target = target[part]
        del target[path[-1]]

    return change


@pytest.mark.parametrize(
    ("change", "path", "named"),
    [
        pytest.param(_drop(("format",)), "$", "Formaat", id="missing-format"),
        pytest.param(
            _set(("format",), "beraad.deliberation/2"), "$.format", None, id="wrong-format"
        ),
        pytest.param(_drop(("title",)), "$", "Titel", id="missing-title"),
        pytest.param(_set(("title",), ""), "$.title", None, id="empty-title"),
        pytest.param(_drop(("dilemma",)), "$", "Dilemma", id="missing-dilemma"),
        pytest.param(
            _set(("stakeholders", 1, "kind"), "buurvrouw"),
            "$.stakeholders[1].kind",
            None,
            id="unknown-kind",
        ),
        pytest.param(
            _set(("options", 0, "effects", 0, "effect"), "helpt"),
            "$.options[0].effects[0].effect",
            None,
            id="bad-effect",
        ),
        pytest.param(_set(("held_on",), "12-03-2026"), "$.held_on", None, id="date-pattern"),
        pytest.param(_set(("held_on",), "2026-02-30"), "$.held_on", None, id="no-such-day"),
        pytest.param(
            _set(("actions", 0, "due"), "morgen"), "$.actions[0].due", None, id="bad-due-date"
        ),
        pytest.param(_set(("themes",), ["geld"]), "$.themes[0]", None, id="unknown-theme"),
        pytest.param(
            _set(("evaluation", "ratings"), [4, 6]), "$.evaluation.ratings[1]", None, id="rating"
        ),
        pytest.param(
            _set(("values", 0, "stakeholder"), "s9"),
            "$.values[0].stakeholder",
            "s9",
            id="dangling-stakeholder",
        ),
        pytest.param(
            _set(("choices", 0, "participant"), "p7"),
            "$.choices[0].participant",
            "p7",
            id="dangling-participant",
        ),
        pytest.param(
            _set(("decision", "option"), "o9"), "$.decision.option", "o9", id="unknown-decision"
        ),
        pytest.param(
            _set(("stakeholders", 2, "key"), "s1"),
            "$.stakeholders[2].key",
            None,
            id="duplicate-key",
        ),
        pytest.param(
            _set(("options", 0, "effects", 1, "value"), "trust"),
            "$.options[0].effects[1].value",
            None,
            id="two-effects-for-one-value",
        ),
        pytest.param(
            _drop(("decision", "option")), "$.decision.option", None, id="decided-without-option"
        ),
        pytest.param(
            _set(("stakeholders", 0, "naam"), "Jansen"),
            "$.stakeholders[0]",
            "naam",
            id="unknown-property",
        ),
        pytest.param(_set(("opmerking",), "los"), "$", "opmerking", id="unknown-top-level"),
    ],
)
def test_it_reports_a_problem_with_its_path_and_imports_nothing(
    team: Team,
    change: Callable[[Document], None],
    path: str,
    named: str | None,
) -> None:
    document = example()
    change(document)
    before = Deliberation.objects.count()

    problems = refused(document, team)

    assert path in [p.path for p in problems]
    if named is not None:
        assert any(named in p.message for p in problems if p.path == path)
    assert Deliberation.objects.count() == before
    assert not Value.objects.filter(team=team).exists()


def test_it_reports_two_effects_on_names_that_become_one_value(team: Team) -> None:
    # "Hoop" and "hoop" are different texts but become the same value of the team.
    document = example()
    document["options"][0]["effects"] = [
        {"value": "Hoop", "effect": "serves"},
        {"value": "hoop", "effect": "harms"},
    ]
    problems = refused(document, team)
    assert "$.options[0].effects[1].value" in [p.path for p in problems]
    assert not Deliberation.objects.exists()


def test_it_refuses_a_value_name_without_letters_or_digits(team: Team) -> None:
    # The value form refuses such a name; an import must not make a value with an empty slug.
    document = example()
    document["values"][1]["value"] = "???"
    problems = refused(document, team)
    assert "$.values[1].value" in [p.path for p in problems]
    assert not Value.objects.filter(team=team).exists()


def test_it_refuses_a_document_that_is_not_an_object(team: Team) -> None:
    problems = refused([example()], team)
    assert [p.path for p in problems] == ["$"]
    assert not Deliberation.objects.exists()


def test_it_reports_every_schema_problem_at_once(team: Team) -> None:
    document = example()
    document["format"] = "iets anders"
    del document["title"]
    document["stakeholders"][1]["kind"] = "buurvrouw"
    document["held_on"] = "maart"
    document["case"]["samenvatting"] = "kort"

    problems = refused(document, team)

    paths = {p.path for p in problems}
    assert {"$", "$.format", "$.stakeholders[1].kind", "$.held_on", "$.case"} <= paths
    assert not Deliberation.objects.exists()


def test_it_reports_every_reference_problem_at_once(team: Team) -> None:
    document = example()
    document["values"][0]["stakeholder"] = "s9"
    document["decision"]["option"] = "o9"
    document["options"][1]["key"] = "o1"

    problems = refused(document, team)

    assert {p.path for p in problems} == {
        "$.values[0].stakeholder",
        "$.decision.option",
        "$.options[1].key",
    }
    assert not Deliberation.objects.exists()


def test_it_does_not_repeat_case_text_in_its_messages(team: Team) -> None:
    document = example()
    document["stakeholders"][0]["kind"] = "mevrouw Jansen uit de Dorpsstraat"
    problems = refused(document, team)
    assert problems
    assert not any("Jansen" in str(p) for p in problems)


# Management commands


def test_it_exports_with_the_command(team: Team, tmp_path: Path) -> None:
    d = rich_deliberation(team)
    out = StringIO()
    call_command("export_deliberation", d.pk, stdout=out)
    printed = json.loads(out.getvalue())
    target = tmp_path / "beraad.json"
    call_command("export_deliberation", d.pk, "-o", str(target))
    written = json.loads(target.read_text(encoding="utf-8"))

    assert validate(printed) == []
    assert printed["title"] == "Wondzorg door de zoon"
    assert without_timestamp(written) == without_timestamp(printed)


def test_it_refuses_to_export_an_unknown_id_with_the_command(db: None) -> None:
    with pytest.raises(CommandError):
        call_command("export_deliberation", 999_999, stdout=StringIO())


def test_it_imports_with_the_command_and_prints_the_new_id(team: Team, tmp_path: Path) -> None:
    source = tmp_path / "beraad.json"
    source.write_text(json.dumps(example(), ensure_ascii=False), encoding="utf-8")
    out = StringIO()

    call_command("import_deliberation", str(source), team=team.slug, stdout=out)

    created = Deliberation.objects.get()
    assert out.getvalue().strip() == str(created.pk)
    assert created.team == team
    assert created.options.count() == 2


def test_it_lists_the_problems_when_the_command_refuses_a_file(team: Team, tmp_path: Path) -> None:
    document = example()
    document["stakeholders"][1]["kind"] = "buurvrouw"
    document["held_on"] = "12-03-2026"
    source = tmp_path / "fout.json"
    source.write_text(json.dumps(document), encoding="utf-8")
    err = StringIO()

    with pytest.raises(CommandError):
        call_command(
            "import_deliberation", str(source), team=team.slug, stdout=StringIO(), stderr=err
        )

    assert "$.stakeholders[1].kind" in err.getvalue()
    assert "$.held_on" in err.getvalue()
    assert not Deliberation.objects.exists()


def test_it_refuses_an_unknown_team_in_the_command(team: Team, tmp_path: Path) -> None:
    source = tmp_path / "beraad.json"
    source.write_text(json.dumps(example()), encoding="utf-8")
    with pytest.raises(CommandError, match="geen-team"):
        call_command("import_deliberation", str(source), team="geen-team", stdout=StringIO())
    assert not Deliberation.objects.exists()


def test_it_refuses_unreadable_json_in_the_command(team: Team, tmp_path: Path) -> None:
    source = tmp_path / "kapot.json"
    source.write_text('{"format": "beraad.deliberation/1", ', encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_deliberation", str(source), team=team.slug, stdout=StringIO())
    assert not Deliberation.objects.exists()


# The web views


def test_it_downloads_the_export_as_a_json_attachment(mclient: Client, team: Team) -> None:
    d = rich_deliberation(team)
    response = mclient.get(reverse("deliberation:export", kwargs={"team": team.slug, "pk": d.pk}))
    document = json.loads(response.content.decode("utf-8"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert f"beraad-{d.pk}.json" in response["Content-Disposition"]
    assert validate(document) == []
    assert without_timestamp(document) == without_timestamp(export_deliberation(d))


def test_it_does_not_export_another_teams_deliberation(mclient: Client, team: Team) -> None:
    elsewhere = DeliberationFactory()
    url = reverse("deliberation:export", kwargs={"team": team.slug, "pk": elsewhere.pk})
    assert mclient.get(url).status_code == 404


def upload(document: Any) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "beraad.json", json.dumps(document).encode("utf-8"), content_type="application/json"
    )


def test_it_imports_an_uploaded_file(fclient: Client, team: Team) -> None:
    url = reverse("deliberation:import", kwargs={"team": team.slug})
    response = fclient.post(url, {"document": upload(example())})
    created = Deliberation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "deliberation:detail", kwargs={"team": team.slug, "pk": created.pk}
    )
    assert created.team == team
    assert created.stakeholders.count() == 3


def test_it_shows_the_problems_of_an_uploaded_file(fclient: Client, team: Team) -> None:
    document = example()
    document["stakeholders"][1]["kind"] = "buurvrouw"
    document["held_on"] = "2026-13-01"
    url = reverse("deliberation:import", kwargs={"team": team.slug})

    response = fclient.post(url, {"document": upload(document)})

    text = response.content.decode()
    assert response.status_code == 400
    assert "<code>$.stakeholders[1].kind</code>" in text
    assert "<code>$.held_on</code>" in text
    assert not Deliberation.objects.exists()


def test_it_refuses_an_upload_that_is_not_json(fclient: Client, team: Team) -> None:
    url = reverse("deliberation:import", kwargs={"team": team.slug})
    garbage = SimpleUploadedFile("beraad.json", b"\xff\xfe niet leesbaar")
    response = fclient.post(url, {"document": garbage})
    assert response.status_code == 400
    assert "<code>$</code>" in response.content.decode()
    assert not Deliberation.objects.exists()


def test_it_lets_only_a_facilitator_import(mclient: Client, team: Team) -> None:
    url = reverse("deliberation:import", kwargs={"team": team.slug})
    response = mclient.post(url, {"document": upload(example())})
    assert response.status_code == 403
    assert not Deliberation.objects.exists()
