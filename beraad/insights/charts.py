"""Charts as SVG, drawn on the server by pygal, so a page and a PDF show the same picture.

Every chart comes with a title, a sentence that says what it shows, and the numbers as a table:
the SVG itself is hidden from screen readers, the sentence and the table are not.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pygal
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import format_lazy
from pygal.style import Style

STYLE = Style(
    background="transparent",
    plot_background="transparent",
    foreground="#1f2933",
    foreground_strong="#1f2933",
    foreground_subtle="#52606d",
    font_family="system-ui, sans-serif",
    label_font_size=13,
    major_label_font_size=13,
    value_font_size=12,
    legend_font_size=13,
    title_font_size=15,
    # Blue, orange, dark grey, green, purple, brown: distinguishable in grey scale and for
    # the common colour blindnesses; tables carry the same numbers in any case.
    colors=("#1d4ed8", "#c2410c", "#374151", "#15803d", "#7e22ce", "#92400e"),
)


@dataclass
class Chart:
    slug: str
    title: str | Promise
    description: str
    headers: list[Any]
    rows: list[list[Any]]
    svg: SafeString | None  # None when there is nothing to draw
    links: dict[str, str] | None = None  # row label → URL of the deliberations behind it


def _config(**extra: Any) -> dict[str, Any]:
    return {
        "style": STYLE,
        "js": [],  # no script from elsewhere: the chart is a plain picture
        "disable_xml_declaration": True,
        "width": 720,
        "height": 360,
        "show_y_guides": True,
        "print_values": False,
        "margin": 12,
        **extra,
    }


def _render(chart: Any) -> SafeString:
    # pygal builds the SVG with an XML library, which escapes every label it is given.
    return mark_safe(chart.render(is_unicode=True))


def columns(
    slug: str,
    title: str | Promise,
    description: str,
    labels: list[str],
    series: list[tuple[str | Promise, list[int]]],
    *,
    stacked: bool = False,
) -> Chart:
    """Counts over time: one bar per period, or one line per series."""
    kind = pygal.StackedBar if stacked else pygal.Bar if len(series) == 1 else pygal.Line
    chart = kind(
        **_config(
            show_legend=len(series) > 1,
            legend_at_bottom=True,
            x_label_rotation=-45 if len(labels) > 6 else 0,
            min_scale=1,
            max_scale=8,
            range=(0, _top(series, stacked)),
            truncate_legend=40,
        )
    )
    chart.x_labels = labels
    for name, values in series:
        chart.add(str(name), values)
    rows = [[label, *[values[i] for _n, values in series]] for i, label in enumerate(labels)]
    headers = ["", *[str(name) for name, _v in series]]
    return Chart(slug, title, description, headers, rows, _render(chart))


def _top(series: list[tuple[str | Promise, list[int]]], stacked: bool) -> int:
    if stacked:
        return max([1, *(sum(column) for column in zip(*(v for _n, v in series), strict=True))])
    return max([1, *[max(values, default=0) for _n, values in series]])


def ranking(
    slug: str,
    title: str | Promise,
    description: str,
    items: Sequence[tuple[str | Promise, int]],
    header: str | Promise,
    links: dict[str, str] | None = None,
) -> Chart:
    """Most often first, as horizontal bars."""
    shown = list(reversed(items))  # pygal draws the first bar at the bottom
    chart = pygal.HorizontalBar(
        **_config(
            show_legend=False,
            height=max(160, 40 + 32 * len(items)),
            print_values=True,
            min_scale=1,
            range=(0, max([1, *[n for _l, n in items]])),
        )
    )
    chart.x_labels = [str(label) for label, _n in shown]
    chart.add(str(header), [n for _l, n in shown])
    return Chart(
        slug,
        title,
        description,
        ["", str(header)],
        [[str(label), n] for label, n in items],
        _render(chart) if items else None,
        links,
    )


def describe_ranking(items: Sequence[tuple[str | Promise, int]], empty: str | Promise) -> str:
    if not items:
        return str(empty)
    return "; ".join(f"{label}: {n}" for label, n in items[:5]) + ("; …" if len(items) > 5 else "")


def join(*parts: Any) -> str:
    return str(format_lazy("{} " * len(parts), *parts)).strip()
