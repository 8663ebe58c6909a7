"""The dashboard's charts, shared by the dashboard pages and the period report, and the
organisation overview's per-team table."""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse
from django.utils import formats
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from beraad.accounts.models import Team
from beraad.deliberation.models import Outcome
from beraad.insights import charts, stats


def _drilldown(team: Team, period: stats.Period, **filters: str) -> str:
    query = {
        "date_from": period.start.isoformat(),
        "date_to": period.end.isoformat(),
        **filters,
    }
    return f"{reverse('deliberation:list', kwargs={'team': team.slug})}?{urlencode(query)}"


def build_charts(
    figures: stats.Figures, team: Team | None = None, *, font: str | None = None
) -> list[charts.Chart]:
    """The dashboard's charts; with a team, themes, values and stakeholders link to the
    deliberations behind them."""
    period = figures.period
    deliberations = _("deliberations")

    def ranked(
        slug: str, title: str, found: list[stats.Ranked], empty: str, filter_name: str = ""
    ) -> charts.Chart:
        links = None
        if team is not None and filter_name:
            links = {str(r.label): _drilldown(team, period, **{filter_name: r.key}) for r in found}
        items = [(r.label, r.count) for r in found]
        return charts.ranking(
            slug, title, charts.describe_ranking(items, empty), items, deliberations, links, font
        )

    themes = [item for item, _counts in figures.themes]
    no_themes = _("No themes in this period.")
    outcome_items = [
        (_("decided"), figures.outcomes.get(Outcome.DECIDED, 0)),
        (_("insight, no decision"), figures.outcomes.get(Outcome.INSIGHT, 0)),
        (_("not yet concluded"), figures.outcomes.get("in_progress", 0)),
    ]
    action_items = [
        (_("done"), figures.actions["done"]),
        (_("open, not yet due"), figures.actions["open"]),
        (_("overdue"), figures.actions["overdue"]),
    ]
    pairs = [stats.Ranked("", f"{a} ↔ {b}", n) for a, b, n in figures.pairs]
    return [
        charts.columns(
            "held",
            _("Deliberations held"),
            _("%(total)s deliberations held in this period.") % {"total": figures.total},
            figures.labels,
            [(deliberations, figures.held)],
            font=font,
        ),
        charts.columns(
            "themes-trend",
            _("Themes over time"),
            charts.describe_ranking([(t.label, t.count) for t in themes], no_themes),
            figures.labels,
            [(item.label, counts) for item, counts in figures.themes[:5]]
            or [(deliberations, [0] * len(figures.labels))],
            stacked=True,
            font=font,
        ),
        charts.columns(
            "values-trend",
            _("Values over time"),
            charts.describe_ranking(
                [(v.label, v.count) for v in figures.values[:5]],
                _("No values named in this period."),
            ),
            figures.labels,
            [(item.label, counts) for item, counts in figures.values_trend]
            or [(deliberations, [0] * len(figures.labels))],
            font=font,
        ),
        ranked("themes", _("Themes"), themes, no_themes, "theme"),
        ranked(
            "values",
            _("Values most often at stake"),
            figures.values,
            _("No values named in this period."),
            "value",
        ),
        ranked(
            "pairs",
            _("Values most often in tension"),
            pairs,
            _("No concluded deliberation in this period records values in tension."),
        ),
        ranked(
            "kinds",
            _("Stakeholders most involved"),
            figures.kinds,
            _("No stakeholders in this period."),
            "kind",
        ),
        charts.ranking(
            "outcomes",
            _("Decided or insight"),
            charts.describe_ranking(outcome_items, ""),
            outcome_items,
            deliberations,
            font=font,
        ),
        charts.ranking(
            "actions",
            _("Agreed actions"),
            charts.describe_ranking(action_items, ""),
            action_items,
            _("actions"),
            font=font,
        ),
    ]


def team_table_body(rows: list[stats.TeamRow]) -> SafeString:
    """The organisation overview's rows per team as HTML, every text escaped and every cell
    labelled (``data-label``: the narrow layout shows each cell under its column's name). Built
    here rather than by a loop in the template, which cost the page more than reading its
    figures. Counts are whole numbers, written as a template writes them."""
    team, *labels = (
        charts.escaped(label)
        for label in (
            _("Team"),
            _("Held"),
            _("Planned"),
            _("Last deliberation"),
            _("Open actions"),
            _("Of which overdue"),
        )
    )

    def cells(row: stats.TeamRow) -> str:
        values = (
            row.held,
            "—" if row.planned is None else row.planned,
            formats.date_format(row.last_held, "j F Y") if row.last_held else "—",
            row.open_actions,
            row.overdue_actions,
        )
        return "".join(
            f'<td data-label="{label}">{charts.escaped(value)}</td>'
            for label, value in zip(labels, values, strict=True)
        )

    body = "".join(
        f'<tr><th scope="row" data-label="{team}">{charts.escaped(row.team.name)}</th>'
        f"{cells(row)}</tr>"
        for row in rows
    )
    return mark_safe(body)  # every name, label and value escaped above
