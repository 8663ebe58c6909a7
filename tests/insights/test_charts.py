"""Charts: labels are escaped in the SVG, and a chart drawn once is not drawn again."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.cache import caches

from beraad.deliberation.templatetags.beraad_tags import with_nonce
from beraad.insights import charts


@pytest.fixture(autouse=True)
def empty_cache() -> Any:
    caches["local"].clear()
    yield
    caches["local"].clear()


def test_a_label_cannot_inject_markup() -> None:
    chart = charts.ranking("v", "Waarden", "", [('<script>alert("x")</script>', 3)], "beraden")
    assert chart.svg is not None
    assert "<script" not in chart.svg and "&lt;script&gt;" in chart.svg
    assert "kozea" not in chart.svg.lower()  # nothing from pygal's site, not even a comment


def test_the_same_chart_comes_from_the_cache_and_a_changed_one_is_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drawn: list[str] = []
    original = charts.pygal.HorizontalBar.render_tree

    def counting(self: Any, *args: Any, **kwargs: Any) -> Any:
        drawn.append("x")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(charts.pygal.HorizontalBar, "render_tree", counting)
    first = charts.ranking("v", "Waarden", "", [("vertrouwen", 3)], "beraden")
    again = charts.ranking("v", "Waarden", "", [("vertrouwen", 3)], "beraden")
    changed = charts.ranking("v", "Waarden", "", [("vertrouwen", 4)], "beraden")
    assert len(drawn) == 2
    assert first.svg == again.svg != changed.svg


def test_an_empty_ranking_draws_nothing_and_a_stacked_chart_fits_its_sums() -> None:
    assert charts.ranking("v", "Waarden", "", [], "beraden").svg is None
    stacked = charts.columns(
        "t", "Thema's", "", ["jan", "feb"], [("a", [2, 1]), ("b", [3, 0])], stacked=True
    )
    assert stacked.rows == [["jan", 2, 3], ["feb", 1, 0]]
    assert charts._top([("a", [2, 1]), ("b", [3, 0])], stacked=True) == 5


def test_a_chart_is_a_picture_the_content_security_policy_allows() -> None:
    chart = charts.columns("t", "Thema's", "", ["jan", "feb"], [("a", [2, 1]), ("b", [3, 0])])
    assert chart.svg is not None
    # No style attribute (a policy without 'unsafe-inline' refuses it) and no tooltip layer.
    assert " style=" not in chart.svg and "tooltip-overlay" not in chart.svg
    assert chart.svg.count("<style") == 1
    stamped = with_nonce(chart.svg, 'abc"123')
    assert stamped.count('<style nonce="abc&quot;123" type="text/css">') == 1
    assert with_nonce(chart.svg, "") == chart.svg


def test_a_chart_with_several_series_has_its_legend_beside_the_picture_not_in_it() -> None:
    chart = charts.columns(
        "t", "Thema's door de tijd", "a: 3; b: 3", ["jan", "feb"], [("a", [2, 1]), ("b", [3, 0])]
    )
    assert chart.legend == [("a", charts.STYLE.colors[0]), ("b", charts.STYLE.colors[1])]
    assert chart.svg is not None and 'class="legends"' not in chart.svg
    assert charts.columns("h", "Gehouden", "", ["jan"], [("beraden", [1])]).legend == []


def test_the_picture_says_what_it_shows_in_its_title() -> None:
    """A tagged PDF gives the SVG's <title> to the picture as its text alternative."""
    chart = charts.ranking("v", "Waarden", "vertrouwen: 3", [("vertrouwen", 3)], "beraden")
    assert chart.svg is not None
    assert "<title>Waarden. vertrouwen: 3</title>" in chart.svg and "Pygal" not in chart.svg


def test_the_legend_swatches_on_the_page_have_the_colours_of_the_series() -> None:
    css = (Path(__file__).resolve().parents[2] / "static/css/beraad.css").read_text()
    found = dict(re.findall(r"\.swatch-(\d) \{ background: (#[0-9a-f]{6}); \}", css))
    assert [found[str(i)] for i in range(len(charts.STYLE.colors))] == list(charts.STYLE.colors)


def test_the_table_beside_a_chart_escapes_labels_and_addresses_as_a_template_would() -> None:
    from django.template import engines
    from django.utils.safestring import mark_safe

    chart = charts.Chart(
        slug="t",
        title="Waarden",
        description="",
        headers=["waarde", "beraden"],
        rows=[
            ['<b>"Zorg" & co</b>', 3, 0],
            [mark_safe("<em>al veilig</em>"), 1, 2],
            ["Rust", 4, 5],
        ],
        svg=None,
        links={'<b>"Zorg" & co</b>': '/t/x/?value=a&b="c"'},
    )
    template = engines["django"].from_string(
        '<tr><th scope="row"><a href="{{ url }}">{{ label }}</a></th><td>3</td><td>0</td></tr>'
    )
    first = template.render({"url": '/t/x/?value=a&b="c"', "label": '<b>"Zorg" & co</b>'})
    assert chart.table_body() == (
        first
        + '<tr><th scope="row"><em>al veilig</em></th><td>1</td><td>2</td></tr>'
        + '<tr><th scope="row">Rust</th><td>4</td><td>5</td></tr>'
    )
