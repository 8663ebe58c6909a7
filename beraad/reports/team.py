"""The team period report (PDF, no case texts) and the CSV exports for the team's own analysis."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from beraad.accounts.models import Team
from beraad.deliberation.models import Action, Deliberation, Outcome, Status
from beraad.insights import charts, stats
from beraad.insights.dashboard import build_charts
from beraad.reports import pdf


def consented(team: Team) -> QuerySet[Deliberation]:
    """The team's deliberations that may leave the team: not those whose client withdrew consent,
    and not practice deliberations (they are not the team's own work)."""
    return Deliberation.objects.for_team(team).filter(
        consent_withdrawn_at__isnull=True, is_practice=False
    )


def shareable(team: Team, period: stats.Period) -> QuerySet[Deliberation]:
    return consented(team).filter(held_on__gte=period.start, held_on__lte=period.end)


def outcome_label(deliberation: Deliberation) -> str:
    if deliberation.status != Status.CONCLUDED:
        return str(_("not yet concluded"))
    if deliberation.outcome == Outcome.DECIDED:
        return str(_("decided"))
    if deliberation.outcome == Outcome.INSIGHT:
        return str(_("insight, no decision"))
    return "—"


def context(team: Team, period: stats.Period, *, for_pdf: bool) -> dict[str, Any]:
    # The report leaves the team: no deliberation whose client withdrew consent counts, and no
    # value the team named itself (its name is the team's own words) is shown.
    figures = stats.figures(consented(team), period, builtin_values_only=True)
    withheld = Deliberation.objects.for_team(team).filter(
        held_on__gte=period.start, held_on__lte=period.end, consent_withdrawn_at__isnull=False
    )
    rows = list(shareable(team, period).order_by("held_on", "id").prefetch_related("themes"))
    data: dict[str, Any] = {
        "team": team,
        "period": period,
        "figures": figures,
        "cadence": stats.cadence(Team.objects.filter(pk=team.pk), period),
        "charts": build_charts(figures, font=pdf.FONT_FAMILY if for_pdf else None),
        "rows": [(d, [t.label for t in d.themes.all()], outcome_label(d)) for d in rows],
        "withheld": withheld.count(),
        "for_pdf": for_pdf,
        "language": translation.get_language() or "nl",
    }
    if for_pdf:
        data["swatch_colours"] = list(charts.STYLE.colors)
        data["font_faces"] = pdf.font_faces()
        data["page_counter"] = pdf.page_counter()
        data["header_left"] = pdf.css_string(team.name)
        data["header_right"] = pdf.css_string(
            _("Period report %(start)s – %(end)s")
            % {
                "start": formats.date_format(period.start),
                "end": formats.date_format(period.end),
            }
        )
    return data


def render_pdf(team: Team, period: stats.Period, language: str = "nl") -> bytes:
    with translation.override(language):
        html = render_to_string("reports/team.html", context(team, period, for_pdf=True))
        return pdf.to_pdf(html)


def filename(team: Team, period: stats.Period, kind: str) -> str:
    return f"beraad-{team.slug}-{kind}-{period.start.isoformat()}-{period.end.isoformat()}"


# CSV for Dutch Excel: UTF-8 with a byte-order mark, ";" between fields, dates as dd-mm-jjjj.


def _dutch(day: date | None) -> str:
    return day.strftime("%d-%m-%Y") if day else ""


def _cell(value: Any) -> Any:
    """A text that Excel would read as a formula ("=…", "+…", "-…", "@…") is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def deliberations_csv(team: Team, period: stats.Period) -> bytes:
    found = (
        shareable(team, period)
        .order_by("held_on", "id")
        .prefetch_related("themes", "values_at_stake__value")
        .annotate(
            action_count=Count("actions"),
            actions_done=Count("actions", filter=Q(actions__done=True)),
        )
    )
    rows = []
    for d in found:
        values = sorted({str(v.value.label) for v in d.values_at_stake.all()})
        rows.append(
            [
                _dutch(d.held_on),
                d.title,
                ", ".join(str(t.label) for t in d.themes.all()),
                ", ".join(values),
                outcome_label(d),
                d.action_count,  # type: ignore[attr-defined]
                d.actions_done,  # type: ignore[attr-defined]
            ]
        )
    header = [
        _("date"),
        _("title"),
        _("themes"),
        _("values"),
        _("outcome"),
        _("number of actions"),
        _("of which done"),
    ]
    return _csv([str(h) for h in header], rows)


def actions_csv(team: Team, period: stats.Period) -> bytes:
    found = (
        Action.objects.followed_up()
        .filter(deliberation__in=shareable(team, period))
        .select_related("deliberation", "assignee")
        .order_by("deliberation__held_on", "deliberation_id", "id")
    )
    rows = [
        [
            _dutch(a.deliberation.held_on),
            a.deliberation.title,
            a.what,
            a.who,
            str(a.assignee) if a.assignee else "",
            _dutch(a.due),
            str(_("yes")) if a.done else str(_("no")),
            _dutch(timezone.localtime(a.done_at).date()) if a.done_at else "",
        ]
        for a in found
    ]
    header = [
        _("date of the deliberation"),
        _("deliberation"),
        _("what"),
        _("who"),
        _("team member responsible"),
        _("by when"),
        _("done"),
        _("marked done on"),
    ]
    return _csv([str(h) for h in header], rows)
