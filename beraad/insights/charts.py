"""Charts as SVG, drawn on the server by pygal, so a page and a PDF show the same picture.

Every chart comes with a title, a sentence that says what it shows, and the numbers as a table:
the SVG itself is hidden from screen readers on a page, the sentence and the table are not. The
SVG's own ``<title>`` is that title and sentence: a tagged PDF gives it to the picture as its
text alternative. A chart with several series has its legend as HTML (``Chart.legend``) beside
the picture, not inside it: a legend in the SVG shrinks with the picture on a phone and pygal
reserves too little room under the plot for an odd number of entries, which cut the last
line off.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from html import escape as escape_text
from typing import Any
from xml.etree import ElementTree

import pygal
from django.core.cache import caches
from django.utils.functional import Promise
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from pygal.etree import etree
from pygal.style import Style

# pygal builds its tree with lxml when lxml happens to be installed (a dependency of some other
# package) and with the standard library otherwise; _plain_svg reads the standard library's.
etree.to_etree()

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
    legend: list[tuple[str, str]] = field(default_factory=list)  # (series name, its colour)

    def table_body(self) -> SafeString:
        """The rows of the chart's table as HTML, every label escaped: built here rather than
        by nested loops in the template, which cost a page with nine charts more than reading
        its figures did. The counts are whole numbers, written as a template writes them (no
        thousands separator)."""
        links = self.links or {}

        def head(label: Any) -> str:
            url = links.get(label)
            return f'<a href="{escaped(url)}">{escaped(label)}</a>' if url else escaped(label)

        def cells(numbers: list[Any]) -> str:
            return "".join(f"<td>{escaped(n)}</td>" for n in numbers)

        body = "".join(
            f'<tr><th scope="row">{head(label)}</th>{cells(numbers)}</tr>'
            for label, *numbers in self.rows
        )
        return mark_safe(body)  # every label, address and number escaped above


def escaped(value: Any) -> str:
    """What ``conditional_escape`` gives, as a plain string: safe text as it is, anything else
    escaped. Without Django's wrapper for lazy text, which cost more than the escaping itself
    for the hundreds of cells of a chart's or the overview's table."""
    as_html = getattr(value, "__html__", None)
    return as_html() if as_html is not None else escape_text(str(value))


def legend_colour(index: int) -> str:
    """The colour pygal gives the series at ``index`` (it has no more than six series here)."""
    return STYLE.colors[index % len(STYLE.colors)]


def alt_text(title: str | Promise, description: str) -> str:
    """The picture's text alternative: its title and the sentence that says what it shows."""
    return f"{title}. {description}" if description else str(title)


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


def _render(shape: Any, build: Callable[[], Any], alt: str) -> SafeString:
    """The chart's SVG, drawn by ``build`` or taken from the cache if the same chart was drawn.

    ``shape`` is everything the picture depends on (kind, labels, values); its digest, with the
    text alternative ``alt``, is the key, so a changed figure is a new key and nothing needs
    invalidating. A digest rather than the labels themselves: a team's own value name can be
    among them.
    """
    key = "beraad-chart-3-" + hashlib.sha256(repr((shape, alt)).encode()).hexdigest()
    local = caches["local"]  # the process's own memory: a picture can always be drawn again
    svg = local.get(key)
    if svg is None:
        svg = _plain_svg(build().render_tree(), alt)
        local.set(key, svg, CACHE_SECONDS)
    return mark_safe(svg)


def _plain_svg(tree: Any, alt: str = "") -> str:
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
    # pygal's <title> says "Pygal"; WeasyPrint tags the picture with it as its alternative.
    for child in tree:
        if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "title":
            child.text = alt
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
                show_legend=False,  # the legend is HTML beside the picture: Chart.legend
                x_label_rotation=-45 if len(labels) > 6 else 0,
                min_scale=1,
                max_scale=8,
                range=(0, _top(series, stacked)),
            )
        )
        chart.y_labels = _whole_numbers(_top(series, stacked))
        chart.x_labels = labels
        for name, values in named:
            chart.add(name, values)
        return chart

    rows = [[label, *[values[i] for _n, values in series]] for i, label in enumerate(labels)]
    headers = [_("Period"), *[name for name, _v in named]]
    svg = _render(("columns", stacked, labels, named, font), build, alt_text(title, description))
    legend = (
        [(name, legend_colour(i)) for i, (name, _v) in enumerate(named)] if len(named) > 1 else []
    )
    return Chart(slug, title, description, headers, rows, svg, legend=legend)


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
                # 26 px a bar: all fourteen themes stay under half an A4 page in a report.
                height=max(160, 40 + 26 * len(items)),
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
        [str(title), str(header)],
        [[str(label), n] for label, n in items],
        _render(("ranking", str(header), shown, font), build, alt_text(title, description))
        if items
        else None,
        links,
    )


def describe_ranking(items: Sequence[tuple[str | Promise, int]], empty: str | Promise) -> str:
    if not items:
        return str(empty)
    return "; ".join(f"{label}: {n}" for label, n in items[:5]) + ("; …" if len(items) > 5 else "")
