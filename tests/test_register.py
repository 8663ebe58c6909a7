"""One register: Beraad speaks to its users with "je" (B1), never with "u" or "uw".

Scans the Dutch catalogue, the templates, the Python and JavaScript sources, and the Dutch that
Django and allauth show on the sign-in, second-step and password pages (as this project's
catalogue overrides it).
"""

from __future__ import annotations

import ast
import gettext
import re
from pathlib import Path

import allauth
import django
from django.utils import translation
from django.utils.translation import trans_real

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "locale" / "nl" / "LC_MESSAGES" / "django.po"

# "u" or "uw" as a word of its own: not "uur", "uit", "nu", nor the "u" of "a.u.b.".
FORMAL = re.compile(r"(?<![\w.\-’'/%])(?:u|uw)(?![\w\-’'/])", re.IGNORECASE)

# Dutch that is not addressed to the user: word lists the personal-data detection and the stemmer
# match against, and the demo cases (a story told in a team, not the interface).
NOT_ADDRESSED = (
    ROOT / "beraad" / "privacy" / "rules",
    ROOT / "beraad" / "lib" / "stems.py",
)

# The upstream catalogues whose Dutch appears on Beraad's pages (sign-in, second step, password
# forms, form errors, the CSRF refusal). Django's admin is left out: it is for operators only.
UPSTREAM = {
    "allauth": Path(allauth.__file__).parent / "locale" / "nl" / "LC_MESSAGES" / "django.mo",
    "django": Path(django.__file__).parent / "conf" / "locale" / "nl" / "LC_MESSAGES" / "django.mo",
    "django.contrib.auth": Path(django.__file__).parent
    / "contrib"
    / "auth"
    / "locale"
    / "nl"
    / "LC_MESSAGES"
    / "django.mo",
}


def formal_words(text: str) -> list[str]:
    return FORMAL.findall(text)


def catalogue_translations() -> list[tuple[int, str]]:
    """Every msgstr of the catalogue (plural forms too), with the line it starts on."""
    found: list[tuple[int, str]] = []
    current: list[str] | None = None
    for number, line in enumerate(CATALOGUE.read_text(encoding="utf-8").splitlines(), start=1):
        if line.startswith("msgstr"):
            current = [line.split(" ", 1)[1][1:-1]]
            found.append((number, ""))
        elif line.startswith('"') and current is not None:
            current.append(line[1:-1])
        else:
            current = None
        if current is not None:
            found[-1] = (found[-1][0], "".join(current))
    return found


def test_the_scan_recognises_u_and_uw_but_not_other_words() -> None:
    assert formal_words("Wat u hebt getypt staat er nog.") == ["u"]
    assert formal_words("Uw team heeft nog niets.") == ["Uw"]
    assert formal_words("Dank u.") == ["u"]
    assert formal_words("Over een uur, uit het team, nu, a.u.b., u-bocht") == []


def test_no_dutch_text_in_the_catalogue_says_u_or_uw() -> None:
    offending = [
        f"django.po:{line}: {text}" for line, text in catalogue_translations() if formal_words(text)
    ]
    assert catalogue_translations(), "the scan read no translations"
    assert offending == [], "\n".join(offending)


def _template_text(source: str) -> str:
    """The text a template shows by itself: without tags, variables, comments and HTML tags."""
    source = re.sub(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", " ", source, flags=re.DOTALL)
    return re.sub(r"<[^>]*>", " ", source)


def test_no_template_text_says_u_or_uw() -> None:
    offending = []
    templates = sorted((ROOT / "templates").rglob("*.html"))
    assert templates
    for path in templates:
        for number, line in enumerate(_template_text(path.read_text()).splitlines(), start=1):
            if formal_words(line):
                offending.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offending == [], "\n".join(offending)


def test_no_python_or_javascript_string_says_u_or_uw() -> None:
    offending = []
    for path in sorted((ROOT / "beraad").rglob("*.py")):
        if any(path == skip or skip in path.parents for skip in NOT_ADDRESSED):
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and formal_words(node.value)
            ):
                offending.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:80]}")
    scripts = [p for p in (ROOT / "static" / "js").rglob("*.js") if ".min." not in p.name]
    assert scripts
    for path in scripts:
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for double, single in re.findall(r'"((?:[^"\\]|\\.)*)"|\'((?:[^\'\\]|\\.)*)\'', line):
                if formal_words(double or single):
                    offending.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()[:80]}")
    assert offending == [], "\n".join(offending)


def _shown(key: object) -> str:
    """What a Dutch page shows for an upstream catalogue key, after this project's overrides."""
    catalog = trans_real.translation("nl")._catalog  # type: ignore[attr-defined]
    return str(catalog.get(key, ""))


def test_django_and_allauth_texts_say_je_on_beraads_pages() -> None:
    offending = []
    with translation.override("nl"):
        for name, path in UPSTREAM.items():
            with path.open("rb") as file:
                upstream = gettext.GNUTranslations(file)._catalog  # type: ignore[attr-defined]
            assert len(upstream) > 50, name
            for key in upstream:
                if key == "":
                    continue  # the catalogue's header
                text = _shown(key)
                if formal_words(text):
                    msgid = key[0] if isinstance(key, tuple) else key
                    offending.append(f"{name}: {msgid[:70]!r} → {text[:90]!r}")
    assert offending == [], "\n".join(offending)


def test_the_password_rules_speak_with_je() -> None:
    from django.contrib.auth.password_validation import MinimumLengthValidator

    with translation.override("nl"):
        help_text = MinimumLengthValidator(min_length=12).get_help_text()
    assert help_text.startswith("Je wachtwoord")
