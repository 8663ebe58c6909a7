"""The session report of one deliberation: what goes in, as HTML for print and as PDF."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.text import Truncator

from beraad.deliberation.grid import Cell, Grid, build_grid
from beraad.deliberation.models import Deliberation, Option, ParticipantRole, Value
from beraad.reports import pdf, sections

# Fewer ratings than this are not shown: an average of one or two reveals a person's rating.
MIN_RATINGS = 3
# The option × value grid is printed in tables of at most this many values: more columns than
# this no longer fit an A4 page beside the options (each cell says "− schaadt").
GRID_VALUES_PER_TABLE = 6


@dataclass
class GridPart:
    values: list[Value]
    rows: list[tuple[Option, list[Cell]]]


def grid_parts(grid: Grid) -> list[GridPart]:
    """The grid as tables of at most ``GRID_VALUES_PER_TABLE`` values, each with every option."""
    if not grid.rows or not grid.values:
        return []
    size = GRID_VALUES_PER_TABLE
    return [
        GridPart(
            grid.values[start : start + size],
            [(option, cells[start : start + size]) for option, cells in grid.rows],
        )
        for start in range(0, len(grid.values), size)
    ]


@dataclass
class Options:
    sections: list[str]
    show_names: bool = False

    def __post_init__(self) -> None:
        self.sections = sections.clean(self.sections)


def context(deliberation: Deliberation, options: Options, *, for_pdf: bool) -> dict[str, Any]:
    included = set(options.sections)
    participants = list(deliberation.participants.order_by("id"))
    roles = Counter(p.role for p in participants)
    ratings = deliberation.ratings.aggregate(count=Count("id"), average=Avg("score"))
    data: dict[str, Any] = {
        "deliberation": deliberation,
        "team": deliberation.team,
        "include": {slug: slug in included for slug in sections.SLUGS},
        # The last part starts no page of its own (the report's CSS keeps it with what precedes).
        "last_section": options.sections[-1] if options.sections else "",
        "show_names": options.show_names,
        "for_pdf": for_pdf,
        "role_counts": [
            (label, roles[value]) for value, label in ParticipantRole.choices if roles[value]
        ],
        "participants": participants,
        "themes": [theme.label for theme in deliberation.themes.all()],
        "ratings": ratings,
        "ratings_shown": ratings["count"] >= MIN_RATINGS,
        "min_ratings": MIN_RATINGS,
    }
    if "questions" in included:
        data["questions"] = list(deliberation.questions.order_by("id"))
    if "dilemma" in included:
        data["values_a"] = [v.label for v in deliberation.values_a.order_by("id")]
        data["values_b"] = [v.label for v in deliberation.values_b.order_by("id")]
    if "stakeholders" in included:
        data["stakeholders"] = list(
            deliberation.stakeholders.prefetch_related("values_at_stake__value").order_by("id")
        )
        data["loose_values"] = list(
            deliberation.values_at_stake.filter(stakeholder__isnull=True)
            .select_related("value")
            .order_by("id")
        )
    if "grid" in included:
        data["grid_parts"] = grid_parts(build_grid(deliberation))
        data["options"] = list(deliberation.options.order_by("id"))
    if "choices" in included:
        data["choices"] = list(
            deliberation.choices.select_related("participant", "option", "deciding_value").order_by(
                "id"
            )
        )
    if "actions" in included:
        data["actions"] = list(deliberation.actions.select_related("assignee").order_by("id"))
    if for_pdf:
        data["font_faces"] = pdf.font_faces()
        data["page_counter"] = pdf.page_counter()
        data["header_left"] = pdf.css_string(
            f"{deliberation.team.name} · {formats.date_format(deliberation.held_on, 'j F Y')}"
        )
        data["header_right"] = pdf.css_string(Truncator(deliberation.title).chars(80))
    return data


def render_html(
    deliberation: Deliberation,
    options: Options,
    *,
    for_pdf: bool,
    back_url: str = "",
    csp_nonce: str = "",
) -> str:
    """The report as HTML; ``csp_nonce`` lets a browser apply its ``<style>`` (a printed page)."""
    with translation.override(deliberation.language or "nl"):
        data = context(deliberation, options, for_pdf=for_pdf) | {
            "back_url": back_url,
            "csp_nonce": csp_nonce,
        }
        return render_to_string("reports/session.html", data)


def render_pdf(deliberation: Deliberation, options: Options) -> bytes:
    with translation.override(deliberation.language or "nl"):
        return pdf.to_pdf(render_html(deliberation, options, for_pdf=True))


def filename(deliberation: Deliberation) -> str:
    """No title in the file name: it travels in e-mails and download folders."""
    return f"beraad-{deliberation.pk}-{deliberation.held_on.isoformat()}.pdf"
