"""Charts as SVG, drawn on the server by pygal, so a page and a PDF show the same picture.

Every chart comes with a title, a sentence that says what it shows, and the numbers as a table:
the SVG itself is hidden from screen readers, the sentence and the table are not.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree

import pygal
from django.core.cache import caches
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
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


CACHE_SECONDS = 60 * 60


@dataclass
class Chart:
    slug: str
    title: str | Promise
    description: str
    headers: list[Any]
    rows: list[list[Any]]
    svg: SafeString | None  # None when there is nothing to draw
    links: dict[str, str] | None = None  # row label → URL of the deliberations behind it


def _config(font: str | None = None, **extra: Any) -> dict[str, Any]:
    """pygal settings; ``font`` names the font a PDF embeds (the page's own otherwise)."""
    style = STYLE
    if font:
        family = f'"{font}", sans-serif'
        fonts = {name: family for name in STYLE.__dict__ if name.endswith("font_family")}
        style = Style(**{**STYLE.__dict__, **fonts})
    return {
        "style": style,
        "js": [],  # no script from elsewhere: the chart is a plain picture
        "disable_xml_declaration": True,
        "width": 720,
        "height": 360,
        "show_y_guides": True,
        "print_values": False,
        "margin": 12,
        **extra,
    }


def _render(shape: Any, build: Callable[[], Any]) -> SafeString:
    """The chart's SVG, drawn by ``build`` or taken from the cache if the same chart was drawn.

    ``shape`` is everything the picture depends on (kind, labels, values); its digest is the key,
    so a changed figure is a new key and nothing needs invalidating. A digest rather than the
    labels themselves: a team's own value name can be among them.
    """
    key = "beraad-chart-2-" + hashlib.sha256(repr(shape).encode()).hexdigest()
    local = caches["local"]  # the process's own memory: a picture can always be drawn again
    svg = local.get(key)
    if svg is None:
        svg = _plain_svg(build().render_tree())
        local.set(key, svg, CACHE_SECONDS)
    return mark_safe(svg)


def _plain_svg(tree: Any) -> str:
    """The SVG without pygal's inline configuration script and comments: a picture only.

    pygal builds the tree with an XML library, which escapes every label when it serialises.
    Its tooltip layer (for the script) goes too: it is the one element with a ``style``
    attribute, which the Content-Security-Policy refuses. The ``<style>`` element stays; a page
    gives it the request's nonce (``{{ chart.svg|with_nonce:csp_nonce }}``).
    """
    for parent in tree.iter():
        for child in list(parent):
            if (
                not isinstance(child.tag, str)
                or child.tag.rsplit("}", 1)[-1] == "script"
                or "tooltip-overlay" in child.get("class", "").split()
            ):
                parent.remove(child)
        parent.attrib.pop("style", None)
        # Legend anchors for pygal's script: without it they only repeat ids across charts.
        if parent.get("id", "").startswith("activate-serie-"):
            del parent.attrib["id"]
    return str(ElementTree.tostring(tree, encoding="unicode"))


def columns(
    slug: str,
    title: str | Promise,
    description: str,
    labels: list[str],
    series: list[tuple[str | Promise, list[int]]],
    *,
    stacked: bool = False,
    font: str | None = None,
) -> Chart:
    """Counts over time: one bar per period, or one line per series."""
    named = [(str(name), values) for name, values in series]

    def build() -> Any:
        kind = pygal.StackedBar if stacked else pygal.Bar if len(series) == 1 else pygal.Line
        chart = kind(
            **_config(
                font,
                show_legend=len(series) > 1,
                # Room under the plot for the legend, two entries per line.
                height=360 + (30 * -(-len(series) // 2) + 10 if len(series) > 1 else 0),
                legend_at_bottom=True,
                legend_at_bottom_columns=2,
                x_label_rotation=-45 if len(labels) > 6 else 0,
                min_scale=1,
                max_scale=8,
                range=(0, _top(series, stacked)),
                truncate_legend=40,
            )
        )
        chart.y_labels = _whole_numbers(_top(series, stacked))
        chart.x_labels = labels
        for name, values in named:
            chart.add(name, values)
        return chart

    rows = [[label, *[values[i] for _n, values in series]] for i, label in enumerate(labels)]
    headers = ["", *[name for name, _v in named]]
    svg = _render(("columns", stacked, labels, named, font), build)
    return Chart(slug, title, description, headers, rows, svg)


def _whole_numbers(top: int) -> list[int]:
    """Axis ticks for counts: whole numbers only, at most about eight of them."""
    step = max(1, -(-top // 8))
    return list(range(0, top + step, step))


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
    font: str | None = None,
) -> Chart:
    """Most often first, as horizontal bars."""
    shown = [(str(label), n) for label, n in reversed(items)]  # pygal draws bottom-up

    def build() -> Any:
        chart = pygal.HorizontalBar(
            **_config(
                font,
                show_legend=False,
                height=max(160, 40 + 32 * len(items)),
                print_values=True,
                min_scale=1,
                range=(0, max([1, *[n for _l, n in items]])),
            )
        )
        chart.y_labels = _whole_numbers(max([1, *[n for _l, n in items]]))
        chart.x_labels = [label for label, _n in shown]
        chart.add(str(header), [n for _l, n in shown])
        return chart

    return Chart(
        slug,
        title,
        description,
        ["", str(header)],
        [[str(label), n] for label, n in items],
        _render(("ranking", str(header), shown, font), build) if items else None,
        links,
    )


def describe_ranking(items: Sequence[tuple[str | Promise, int]], empty: str | Promise) -> str:
    if not items:
        return str(empty)
    return "; ".join(f"{label}: {n}" for label, n in items[:5]) + ("; …" if len(items) > 5 else "")
