"""From a concluded deliberation to a library draft: a copy with detected personal data tagged."""

from __future__ import annotations

import hmac
from typing import Any

from django.utils import translation
from django.utils.crypto import salted_hmac
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from beraad.deliberation import texts
from beraad.deliberation.models import Consent, Deliberation, Outcome
from beraad.library.models import LibraryCase
from beraad.privacy.detector import check
from beraad.privacy.pseudonyms import TAGS, Tagger
from beraad.privacy.services import chooser
from beraad.privacy.spans import DIRECT, Finding

# How the pages and the final check name a kind of personal data: as the tag that replaces it.
KIND_LABELS = {kind: f"[{tag}]" for kind, tag in TAGS.items()}


def source_digest(deliberation_id: int) -> str:
    return salted_hmac(
        "beraad.library.source", str(deliberation_id), algorithm="sha256"
    ).hexdigest()


def refusal(deliberation: Deliberation) -> str | None:
    """Why this deliberation cannot be proposed for the library, or None."""
    shared = deliberation.sharing_refusal()
    if shared:
        return shared
    if not deliberation.is_concluded:
        return _("Only a concluded deliberation can be proposed for the library.")
    if deliberation.is_practice:
        return _("A practice deliberation cannot be proposed: it already comes from the library.")
    if deliberation.consent == Consent.UNKNOWN:
        return _(
            "The client's consent has not been recorded (step 1). Without it, the case cannot "
            "be proposed for the library."
        )
    return None


def _library_texts(slug: str) -> list[str]:
    return texts.names(texts.of_kind(slug), "library")


def _line(item: Any, names: list[str], *, after_first: str = "") -> str:
    """An item on one line: its first copied text, ``after_first``, then the others after a colon."""
    first, *rest = [getattr(item, name) for name in names] or [""]
    details = "; ".join(text for text in rest if text)
    return f"{first}{after_first}" + (f": {details}" if details else "")


def _value(value_at_stake: Any, names: list[str]) -> str:
    notes = "; ".join(getattr(value_at_stake, n) for n in names if getattr(value_at_stake, n))
    return f"{value_at_stake.value.label}" + (f" ({notes})" if notes else "")


def _stakeholders(deliberation: Deliberation) -> str:
    own, norms = _library_texts("stakeholders"), _library_texts("values")
    lines = []
    for s in deliberation.stakeholders.prefetch_related("values_at_stake__value").order_by("id"):
        values = ", ".join(_value(v, norms) for v in s.values_at_stake.all())
        line = _line(s, own, after_first=f" ({s.get_kind_display()})")
        if values:
            line += f" — {values}"
        lines.append(line)
    return "\n".join(lines)


def _options(deliberation: Deliberation) -> str:
    own = _library_texts("options")
    return "\n".join(_line(o, own) for o in deliberation.options.order_by("id"))


def _decision(deliberation: Deliberation) -> str:
    parts = [str(deliberation.get_outcome_display())]
    if deliberation.outcome == Outcome.DECIDED and deliberation.chosen_option:
        parts.append(deliberation.chosen_option.title)
    parts.extend(getattr(deliberation, name) for name in _own_texts()["decision"])
    return "\n".join(part for part in parts if part)


def _own_texts() -> dict[str, list[str]]:
    """The deliberation's own copied texts: those of the same name on a library case, and the
    rest, which go with the team's decision."""
    direct = {f.name for f in LibraryCase._meta.get_fields()}
    found: dict[str, list[str]] = {"direct": [], "decision": []}
    for _step, free in texts.deliberation_texts():
        if free.library:
            found["direct" if free.name in direct else "decision"].append(free.name)
    return found


def original_texts(deliberation: Deliberation) -> dict[str, str]:
    return {name: getattr(deliberation, name) for name in _own_texts()["direct"]} | {
        "stakeholders": _stakeholders(deliberation),
        "options": _options(deliberation),
        "decision": _decision(deliberation),
    }


def make_draft(deliberation: Deliberation, user: Any) -> LibraryCase:
    """A library draft: a copy, its detected personal data replaced by tags ([PERSOON-1] …), in
    the deliberation's language whatever the proposer's screen shows."""
    # One person, one tag across all texts, with the choices made for ambiguous names.
    tagger = Tagger(choose=chooser(deliberation))
    with translation.override(deliberation.language or "nl"):
        originals = original_texts(deliberation)
    tagged = tagger.tag_all(originals, {name: check(text)[0] for name, text in originals.items()})
    texts = {name: text for name, (text, _spans) in tagged.items()}
    case = LibraryCase.objects.create(
        organisation_id=deliberation.team.organisation_id,
        team=deliberation.team,
        source_digest=source_digest(deliberation.pk),
        proposed_by=user,
        # Built-in values only: a team's own value names are its own words.
        value_slugs=sorted(
            set(
                deliberation.values_at_stake.filter(value__team__isnull=True).values_list(
                    "value__slug", flat=True
                )
            )
        ),
        kinds=sorted(set(deliberation.stakeholders.values_list("kind", flat=True))),
        **texts,
    )
    case.themes.set(deliberation.themes.all())
    return case


def findings(case: LibraryCase) -> tuple[dict[str, list[Finding]], bool]:
    """What the detector still finds, per text field, and whether the full check ran (a web
    request never waits for deduce to load; until then only Beraad's own rules run)."""
    result, complete = {}, True
    for name in LibraryCase.TEXT_FIELDS:
        found, full = check(getattr(case, name))
        complete = complete and full
        if found:
            result[name] = found
    return result, complete


def direct_identifiers(found: dict[str, list[Finding]]) -> list[tuple[str, str]]:
    """(field, kind) of every remaining direct identifier (name, BSN, phone, …): publishing waits
    until there are none."""
    return [
        (name, finding.kind)
        for name, items in found.items()
        for finding in items
        if finding.kind in DIRECT
    ]


def marked(text: str, found: list[Finding]) -> SafeString:
    """The text with each finding in <mark>, everything escaped."""
    pieces, position = [], 0
    for finding in sorted(found):
        if finding.start < position:
            continue
        pieces.append(str(conditional_escape(text[position : finding.start])))
        pieces.append(str(format_html("<mark>{}</mark>", text[finding.start : finding.end])))
        position = finding.end
    pieces.append(str(conditional_escape(text[position:])))
    return mark_safe("".join(pieces))  # every piece is escaped above


def source_refusal(case: LibraryCase) -> str | None:
    """Why the case may not go further now that its source changed (consent withdrawn, texts
    erased), or None. A case whose source is gone (deleted) may go on."""
    source = find_source(case)
    return source.sharing_refusal() if source is not None else None


def find_source(case: LibraryCase) -> Deliberation | None:
    """The original, for the proposing team's own side-by-side view only."""
    if case.team_id is None or not case.source_digest:
        return None
    for pk in Deliberation.objects.filter(team_id=case.team_id).values_list("pk", flat=True):
        if hmac.compare_digest(source_digest(pk), case.source_digest):
            return Deliberation.objects.get(pk=pk)
    return None
