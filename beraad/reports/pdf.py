"""HTML to PDF with WeasyPrint, with the fonts that ship with Beraad (DejaVu Sans: every Dutch
diacritic and the symbols the reports use), never whatever the host happens to have."""

from __future__ import annotations

from pathlib import Path

from django.utils.translation import gettext as _

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONT_FAMILY = "Beraad Report"


def font_faces() -> str:
    """@font-face rules for the bundled fonts, as file URLs WeasyPrint reads directly."""
    faces = [
        ("DejaVuSans.ttf", "normal", "normal"),
        ("DejaVuSans-Bold.ttf", "bold", "normal"),
        ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ]
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{(FONT_DIR / name).as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in faces
    )


def css_string(text: str, *, keep_spaces: bool = False) -> str:
    """A CSS string literal for generated margin-box content (no markup can end the style)."""
    cleaned = str(text).replace("\n", " ") if keep_spaces else " ".join(str(text).split())
    escaped = cleaned.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3C ")
    return f'"{escaped}"'


def page_counter() -> str:
    """ "pagina x van y" as CSS content, from one translatable sentence."""
    sentence = _("page %(page)s of %(pages)s") % {"page": "\x00page\x00", "pages": "\x00pages\x00"}
    parts = []
    for piece in sentence.split("\x00"):
        if piece in ("page", "pages"):
            parts.append(f"counter({piece})")
        elif piece:
            parts.append(css_string(piece, keep_spaces=True))
    return " ".join(parts)


# PDF/UA-1 (ISO 14289-1): a tagged PDF (headings, paragraphs, lists, tables with their header
# cells, figures with their text alternative), its language from <html lang>, its title from
# <title> shown by a reader instead of the file name. Dutch public bodies must publish
# accessible documents, and a report that leaves the team is one.
PDF_VARIANT = "pdf/ua-1"


def to_pdf(html: str) -> bytes:
    """The PDF of a complete HTML document; its <title> and <meta> give the PDF metadata."""
    from weasyprint import HTML  # imported on use: it loads Pango, which a web page never needs

    document = HTML(string=html, base_url=str(FONT_DIR))
    return bytes(document.write_pdf(pdf_variant=PDF_VARIANT))
