"""Reading the reports back: WeasyPrint's layout (where every box ended up on which page) and the
PDF's tag tree (what a screen reader is given).

The layout checks measure what a reader would notice on paper: something running off the right
edge, a page left half empty before the last, a report ending on a page of one or two lines.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from weasyprint import HTML
from weasyprint.formatting_structure import boxes

from beraad.reports import pdf

# A box may end this far (in CSS px, 1/96 inch) past the page's content edge: rounding only.
TOLERANCE = 0.5
# Every page before the last is filled at least this far (from the top of the content area to the
# bottom of its last line, cell or picture). The tallest blocks the reports keep whole, a chart
# with its heading, sentence and legend (fourteen themes: 47 %) or a short table, are under half
# of A4's content height, so a page is only emptier than this when a long block was kept whole or
# a page break was forced: the period reports had pages at 47-50 % before the layout was fixed.
MIN_FILL = 0.5
# The last page of a report that has more than one holds at least this many lines of text: a
# page with one or two lines is an orphan. The shortest part a session report ends with, the
# evaluation (heading, ratings, what was learned), is four lines or more.
MIN_LAST_PAGE_LINES = 4


@dataclass
class Page:
    number: int
    overflow: float  # how far the widest box ends past the content edge (px; ≤ 0 inside)
    widest: str  # what that box is, for the failure message
    lines: int  # lines with text on the page (a table cell's lines count, the header does not)
    fill: float  # the part of the content height used, 0–1


def layout(html: str) -> Any:
    """The report as WeasyPrint lays it out, the same way ``pdf.to_pdf`` does."""
    return HTML(string=html, base_url=str(pdf.FONT_DIR)).render()


def _walk(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()):
        if isinstance(child, boxes.MarginBox):
            continue  # the running header and footer live in the page margin, on purpose
        yield from _walk(child)


def _has_text(box: Any) -> bool:
    if isinstance(box, boxes.TextBox):
        return bool(box.text.strip())
    return any(_has_text(child) for child in getattr(box, "children", ()))


def pages(document: Any) -> list[Page]:
    found = []
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        right = page_box.content_box_x() + page_box.width
        top, height = page_box.content_box_y(), page_box.height
        overflow, widest, lines, bottom = float("-inf"), "", 0, top
        for box in _walk(page_box):
            if box is page_box or getattr(box, "width", None) is None:
                continue
            end = box.border_box_x() + box.border_width()
            if end - right > overflow:
                overflow, widest = end - right, f"{type(box).__name__} <{box.element_tag}>"
            if isinstance(box, boxes.LineBox) and _has_text(box):
                lines += 1
            if isinstance(box, (boxes.LineBox, boxes.ReplacedBox, boxes.TableCellBox)):
                bottom = max(bottom, box.border_box_y() + box.border_height())
        found.append(Page(number, overflow, widest, lines, (bottom - top) / height))
    return found


def layout_problems(html: str, *, last_page_lines: int = 0) -> list[str]:
    """What is wrong with the report's layout, in words; an empty list when nothing is."""
    laid_out = pages(layout(html))
    problems = [
        f"page {p.number}: {p.widest} ends {p.overflow:.0f} px past the right edge"
        for p in laid_out
        if p.overflow > TOLERANCE
    ]
    problems += [
        f"page {p.number} of {len(laid_out)} is only {p.fill:.0%} full"
        for p in laid_out[:-1]
        if p.fill < MIN_FILL
    ]
    last = laid_out[-1]
    if len(laid_out) > 1 and last.lines < last_page_lines:
        problems.append(f"the last page (page {last.number}) holds {last.lines} lines")
    return problems
