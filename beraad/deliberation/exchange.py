"""The exchange format ``beraad.deliberation/1``: export to, and import from, one JSON document.

The schema is ``schema/beraad.deliberation-1.schema.json``; ``docs/exchange-format.md`` explains it.
Import checks the whole document first and reports every problem with its JSON path; it writes
nothing unless the whole document is sound.
"""

from __future__ import annotations

import json
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, cast

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator, ValidationError

from beraad.accounts.models import Team
from beraad.deliberation import catalogue, dates, exchange_labels, texts
from beraad.deliberation.documents import ImportProblem, ImportRefused, check_bounds, refused
from beraad.deliberation.forms import team_value
from beraad.deliberation.models import (
    Action,
    CaseQuestion,
    Choice,
    Deliberation,
    Option,
    OptionEffect,
    Outcome,
    Participant,
    Rating,
    Secrecy,
    Stakeholder,
    Theme,
    Value,
    ValueAtStake,
)
from beraad.deliberation.signals import batched
from beraad.deliberation.texts import FreeText

FORMAT = "beraad.deliberation/1"
SCHEMA_PATH = Path(__file__).parent / "schema" / "beraad.deliberation-1.schema.json"


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def _secrecy_out(value: str) -> bool | None:
    return {Secrecy.YES: True, Secrecy.NO: False}.get(value)  # type: ignore[call-overload]


def _secrecy_in(stakeholder: dict[str, Any]) -> str:
    """Absent: the default of the kind; null: explicitly unknown."""
    if "professional_secrecy" not in stakeholder:
        return Secrecy.default_for_kind(stakeholder["kind"])
    value = stakeholder["professional_secrecy"]
    if value is None:
        return Secrecy.UNKNOWN
    return Secrecy.YES if value else Secrecy.NO


def _date(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _clean(mapping: dict[str, Any]) -> dict[str, Any]:
    """Leave out keys without a value, so documents stay small and stable."""
    return {k: v for k, v in mapping.items() if v not in (None, "", [], {})}


def _exchanged(declared: tuple[FreeText, ...]) -> list[FreeText]:
    return [text for text in declared if text.exchange is not None]


def _texts_out(instance: Any, declared: tuple[FreeText, ...]) -> dict[str, str]:
    """An object's free texts under their exchange names (texts.py declares them)."""
    return {text.key: getattr(instance, text.name) for text in _exchanged(declared)}


def _texts_in(data: dict[str, Any], declared: tuple[FreeText, ...]) -> dict[str, str]:
    """Model field → text, from a document's object; absent texts are empty."""
    return {text.name: data.get(text.key, "") for text in _exchanged(declared)}


def _required(section: str, values: dict[str, Any]) -> dict[str, Any]:
    """The values the schema requires in a section, kept even when empty."""
    required = schema()["properties"][section].get("required", [])
    return {key: values[key] for key in required if key in values}


def _item_texts(slug: str) -> tuple[FreeText, ...]:
    return texts.of_kind(slug)


def _section_texts(section: str) -> tuple[FreeText, ...]:
    """The deliberation's own free texts kept in one section of the document."""
    return tuple(free for step, free in texts.deliberation_texts() if step.exchange == section)


def export_deliberation(deliberation: Deliberation) -> dict[str, Any]:
    participants = list(deliberation.participants.order_by("id"))
    stakeholders = list(deliberation.stakeholders.order_by("id"))
    options = list(deliberation.options.prefetch_related("effects__value").order_by("id"))
    p_key = {p.pk: f"p{n}" for n, p in enumerate(participants, start=1)}
    s_key = {s.pk: f"s{n}" for n, s in enumerate(stakeholders, start=1)}
    o_key = {o.pk: f"o{n}" for n, o in enumerate(options, start=1)}
    d = deliberation
    document: dict[str, Any] = {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(timespec="seconds"),
        **_texts_out(d, _section_texts("")),
        "held_on": _date(d.held_on),
        "language": d.language,
        "themes": sorted(theme.slug for theme in d.themes.all()),
        "consent": d.consent or None,
        "confidentiality_agreed": d.confidentiality_agreed,
        "participants": [{"key": p_key[p.pk], "role": p.role} for p in participants],
        "case": _clean(
            _texts_out(d, _section_texts("case"))
            | {
                "questions": [
                    _clean(_texts_out(q, _item_texts("questions")))
                    for q in d.questions.order_by("id")
                ],
            }
        ),
        "dilemma": _required("dilemma", _texts_out(d, _section_texts("dilemma")))
        | _clean(
            _texts_out(d, _section_texts("dilemma"))
            | {
                "values_a": [v.exchange_name for v in d.values_a.order_by("id")],
                "values_b": [v.exchange_name for v in d.values_b.order_by("id")],
            }
        ),
        "stakeholders": [
            _clean(
                {"key": s_key[s.pk], "kind": s.kind} | _texts_out(s, _item_texts("stakeholders"))
            )
            | {"professional_secrecy": _secrecy_out(s.professional_secrecy)}
            for s in stakeholders
        ],
        "values": [
            _clean(
                {
                    "value": v.value.exchange_name,
                    "stakeholder": s_key.get(v.stakeholder_id) if v.stakeholder_id else None,
                }
                | _texts_out(v, _item_texts("values"))
            )
            for v in d.values_at_stake.select_related("value").order_by("id")
        ],
        "options": [
            _clean(
                {"key": o_key[o.pk]}
                | _texts_out(o, _item_texts("options"))
                | {
                    "effects": [
                        {"value": e.value.exchange_name, "effect": e.effect}
                        for e in sorted(o.effects.all(), key=lambda e: e.pk)
                    ],
                }
            )
            for o in options
        ],
        "choices": [
            _clean(
                {
                    "participant": p_key.get(c.participant_id) if c.participant_id else None,
                    "option": o_key.get(c.option_id) if c.option_id else None,
                    "deciding_value": c.deciding_value.exchange_name if c.deciding_value else None,
                }
                | _texts_out(c, _item_texts("choices"))
            )
            for c in d.choices.select_related("deciding_value").order_by("id")
        ],
        "decision": _clean(
            {
                "outcome": d.outcome or None,
                "option": o_key.get(d.chosen_option_id)
                if d.chosen_option_id and d.outcome == Outcome.DECIDED
                else None,
                "follow_up_on": _date(d.follow_up_on),
            }
            | _texts_out(d, _section_texts("decision"))
        ),
        "actions": [
            _clean({"due": _date(a.due)} | _texts_out(a, _item_texts("actions"))) | {"done": a.done}
            for a in d.actions.order_by("id")
        ],
        "evaluation": _clean(
            _texts_out(d, _section_texts("evaluation"))
            | {"ratings": [r.score for r in d.ratings.order_by("id")]}
        ),
    }
    return _clean(document) | {"dilemma": document["dilemma"]}


def _path(parts: Any) -> str:
    path = "$"
    for part in parts:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def value_identity(name: str) -> str:
    """What a value name in a document stands for: a catalogue slug, or a team value's slug."""
    return name if name in catalogue.VALUES_BY_SLUG else slugify(name)[:80]


def _check_references(document: dict[str, Any]) -> list[ImportProblem]:
    problems: list[ImportProblem] = []

    def keys(section: str) -> set[str]:
        seen: set[str] = set()
        for n, item in enumerate(document.get(section, [])):
            key = item.get("key")
            if key in seen:
                problems.append(
                    ImportProblem(f"$.{section}[{n}].key", _("This key is used twice."))
                )
            seen.add(key)
        return seen

    participants, stakeholders, options = (
        keys("participants"),
        keys("stakeholders"),
        keys("options"),
    )

    def refer(path: str, key: str | None, known: set[str]) -> None:
        if key is not None and key not in known:
            problems.append(
                ImportProblem(
                    path, _("No item with key “%(key)s” in this document.") % {"key": key}
                )
            )

    for n, value in enumerate(document.get("values", [])):
        refer(f"$.values[{n}].stakeholder", value.get("stakeholder"), stakeholders)
    for n, choice in enumerate(document.get("choices", [])):
        refer(f"$.choices[{n}].participant", choice.get("participant"), participants)
        refer(f"$.choices[{n}].option", choice.get("option"), options)
    decision = document.get("decision", {})
    refer("$.decision.option", decision.get("option"), options)
    if decision.get("outcome") == "decided" and not decision.get("option"):
        problems.append(
            ImportProblem("$.decision.option", _("A decided outcome must name its option."))
        )
    value_paths = [
        *((f"$.values[{n}].value", v["value"]) for n, v in enumerate(document.get("values", []))),
        *(
            (f"$.dilemma.values_{side}[{n}]", name)
            for side in "ab"
            for n, name in enumerate(document.get("dilemma", {}).get(f"values_{side}", []))
        ),
        *(
            (f"$.choices[{n}].deciding_value", c["deciding_value"])
            for n, c in enumerate(document.get("choices", []))
            if "deciding_value" in c
        ),
    ]
    for n, option in enumerate(document.get("options", [])):
        seen: set[str] = set()
        for m, effect in enumerate(option.get("effects", [])):
            path = f"$.options[{n}].effects[{m}].value"
            value_paths.append((path, effect["value"]))
            identity = value_identity(effect["value"])
            if identity in seen:
                problems.append(
                    ImportProblem(path, _("This value already has an effect for this option."))
                )
            seen.add(identity)
    for path, name in value_paths:
        if not value_identity(name):
            problems.append(ImportProblem(path, _("A value needs at least one letter or digit.")))
    return problems


def _kind_of(json_type: str) -> str:
    """A JSON type in the words of someone who never saw JSON."""
    kinds = {
        "string": _("text"),
        "integer": _("a whole number"),
        "number": _("a number"),
        "boolean": _("yes or no (true or false)"),
        "array": _("a list"),
        "object": _("a group of fields"),
        "null": _("nothing (null)"),
    }
    return str(kinds.get(json_type, json_type))


def _kind_found(instance: Any) -> str:
    if isinstance(instance, bool):
        return _kind_of("boolean")
    if isinstance(instance, int):
        return _kind_of("integer")
    if isinstance(instance, float):
        return _kind_of("number")
    if isinstance(instance, str):
        return _kind_of("string")
    if isinstance(instance, list):
        return _kind_of("array")
    if isinstance(instance, dict):
        return _kind_of("object")
    return _kind_of("null")


def _message(error: ValidationError) -> str:
    """A plain message that never repeats the document's own text (it may be case material)."""
    rule, expected = error.validator, cast(Any, error.validator_value)
    instance: Any = error.instance
    rule_schema: Any = error.schema
    here = _path(error.absolute_path)
    if rule == "required":
        missing = [
            exchange_labels.field_name(here, name) for name in expected if name not in instance
        ]
        return _("This is missing: %(fields)s.") % {"fields": ", ".join(missing)}
    if rule == "additionalProperties":
        known = rule_schema.get("properties", {})
        unknown = sorted(name[:40] for name in instance if name not in known)
        shown = ", ".join(unknown[:10]) + (" …" if len(unknown) > 10 else "")
        return _("Beraad does not know this field: %(fields)s. Does the file come from Beraad?") % {
            "fields": shown
        }
    if rule == "enum":
        allowed = ", ".join("null" if v is None else str(v) for v in expected)
        return _("Beraad does not know this value here. It can be: %(allowed)s.") % {
            "allowed": allowed
        }
    if rule == "const":
        return _("This must say “%(value)s”.") % {"value": expected}
    if rule == "type":
        wanted = [expected] if isinstance(expected, str) else list(expected)
        return _("This should be %(expected)s, but the file has %(found)s here.") % {
            "expected": _(" or ").join(_kind_of(kind) for kind in wanted),
            "found": _kind_found(instance),
        }
    if rule == "maxLength":
        return _("This text is too long: at most %(n)s characters fit.") % {"n": expected}
    if rule == "minLength":
        return _("May not be empty.")
    if rule in ("pattern", "format"):
        return _("This should be a date written as year-month-day, e.g. 2026-05-25.")
    if rule in ("minimum", "maximum"):
        return _("This should be a whole number from 1 to 5.")
    if rule == "uniqueItems":
        return _("The same item appears twice.")
    return _("This does not fit the format Beraad uses.")


def validate(document: Any) -> list[ImportProblem]:
    bounds = check_bounds(document)
    if bounds:
        return bounds
    validator = Draft202012Validator(schema(), format_checker=Draft202012Validator.FORMAT_CHECKER)
    problems = [
        ImportProblem(_path(error.absolute_path), _message(error))
        for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.path)))
    ]
    if problems or not isinstance(document, dict):
        return problems
    return _check_references(document) + _check_dates(document)


def _check_dates(document: dict[str, Any]) -> list[ImportProblem]:
    """The same sensible range as the forms (dates.py): no year 1 or 9999 by way of a file."""
    found: list[tuple[str, str, str]] = [("$.held_on", "held_on", document.get("held_on", ""))]
    decision = document.get("decision", {})
    found.append(("$.decision.follow_up_on", "follow_up_on", decision.get("follow_up_on", "")))
    found += [
        (f"$.actions[{n}].due", "due", action.get("due", ""))
        for n, action in enumerate(document.get("actions", []))
    ]
    problems = []
    for path, name, text in found:
        try:
            day = date.fromisoformat(text)
        except ValueError:  # no date at all: the schema check says so
            continue
        message = dates.RANGES[name].problem(day)
        if message:
            problems.append(ImportProblem(path, message))
    return problems


def import_deliberation(document: Any, *, team: Team, user: Any = None) -> Deliberation:
    """Creates a new deliberation in ``team`` from a document, or raises ImportRefused."""
    problems = validate(document)
    if not problems and "library" in document:
        problems = [
            ImportProblem("$.library", _("This is a library case: import it in the case library."))
        ]
    if problems:
        raise ImportRefused(problems)
    with transaction.atomic(), batched():
        _check_room_for_values(document, team)
        return _create(document, team=team, user=user)


def _value_names(document: dict[str, Any]) -> set[str]:
    dilemma = document["dilemma"]
    return {
        *dilemma.get("values_a", []),
        *dilemma.get("values_b", []),
        *(v["value"] for v in document.get("values", [])),
        *(e["value"] for o in document.get("options", []) for e in o.get("effects", [])),
        *(c["deciding_value"] for c in document.get("choices", []) if c.get("deciding_value")),
    }


def _check_room_for_values(document: dict[str, Any], team: Team) -> None:
    """Refuses a document that would add more of the team's own values than allowed."""
    identities = {value_identity(name) for name in _value_names(document)}
    own = identities - set(catalogue.VALUES_BY_SLUG)
    new = own - set(Value.objects.filter(team=team, slug__in=own).values_list("slug", flat=True))
    if len(new) > settings.BERAAD_IMPORT_NEW_VALUES_MAX:
        raise refused(
            _(
                "This document would add %(count)s values of your team's own; one import may "
                "add at most %(max)s. Use values from the catalogue, or add the rest by hand."
            )
            % {"count": len(new), "max": settings.BERAAD_IMPORT_NEW_VALUES_MAX}
        )
    room = Value.objects.room_for(team)
    if len(new) > room:
        raise refused(
            _(
                "This document would add %(count)s values of your team's own, but your team "
                "already has %(have)s of the %(max)s it may have."
            )
            % {
                "count": len(new),
                "have": settings.BERAAD_TEAM_VALUES_MAX - room,
                "max": settings.BERAAD_TEAM_VALUES_MAX,
            }
        )


def _create(doc: dict[str, Any], *, team: Team, user: Any) -> Deliberation:
    values: dict[str, Value] = {}

    def value(name: str) -> Value:
        identity = value_identity(name)
        if identity not in values:
            values[identity] = team_value(team, name)
        return values[identity]

    case, dilemma = doc.get("case", {}), doc["dilemma"]
    decision, evaluation = doc.get("decision", {}), doc.get("evaluation", {})
    d = Deliberation.objects.create(
        team=team,
        created_by=user,
        **_texts_in(doc, _section_texts("")),
        **_texts_in(case, _section_texts("case")),
        **_texts_in(dilemma, _section_texts("dilemma")),
        **_texts_in(decision, _section_texts("decision")),
        **_texts_in(evaluation, _section_texts("evaluation")),
        held_on=date.fromisoformat(doc["held_on"]) if "held_on" in doc else timezone.localdate(),
        language=doc.get("language", "nl"),
        consent=doc.get("consent") or "",
        confidentiality_agreed=doc.get("confidentiality_agreed", False),
        outcome=decision.get("outcome") or "",
        follow_up_on=date.fromisoformat(decision["follow_up_on"])
        if decision.get("follow_up_on")
        else None,
    )
    d.themes.set(Theme.objects.filter(slug__in=doc.get("themes", [])))
    d.values_a.set([value(name) for name in dilemma.get("values_a", [])])
    d.values_b.set([value(name) for name in dilemma.get("values_b", [])])
    participants = {
        p["key"]: Participant.objects.create(deliberation=d, role=p.get("role", "participant"))
        for p in doc.get("participants", [])
    }
    CaseQuestion.objects.bulk_create(
        CaseQuestion(deliberation=d, **_texts_in(q, _item_texts("questions")))
        for q in case.get("questions", [])
    )
    stakeholders = {
        s["key"]: Stakeholder.objects.create(
            deliberation=d,
            kind=s["kind"],
            **_texts_in(s, _item_texts("stakeholders")),
            professional_secrecy=_secrecy_in(s),
        )
        for s in doc.get("stakeholders", [])
    }
    for v in doc.get("values", []):
        ValueAtStake.objects.create(
            deliberation=d,
            value=value(v["value"]),
            stakeholder=stakeholders.get(v.get("stakeholder", "")),
            **_texts_in(v, _item_texts("values")),
        )
    options: dict[str, Option] = {}
    for o in doc.get("options", []):
        option = Option.objects.create(deliberation=d, **_texts_in(o, _item_texts("options")))
        options[o["key"]] = option
        for e in o.get("effects", []):
            OptionEffect.objects.create(option=option, value=value(e["value"]), effect=e["effect"])
    for c in doc.get("choices", []):
        Choice.objects.create(
            deliberation=d,
            participant=participants.get(c.get("participant", "")),
            option=options.get(c.get("option", "")),
            deciding_value=value(c["deciding_value"]) if c.get("deciding_value") else None,
            **_texts_in(c, _item_texts("choices")),
        )
    if decision.get("option"):
        d.chosen_option = options[decision["option"]]
        d.save(update_fields=["chosen_option"])
    Action.objects.bulk_create(
        Action(
            deliberation=d,
            **_texts_in(a, _item_texts("actions")),
            due=date.fromisoformat(a["due"]) if a.get("due") else None,
            done=a.get("done", False),
        )
        for a in doc.get("actions", [])
    )
    Rating.objects.bulk_create(
        Rating(deliberation=d, score=score) for score in evaluation.get("ratings", [])
    )
    return d
