"""Full-text search over a team's deliberations, with filters and marked snippets.

PostgreSQL matches against a ``tsvector`` made with its ``dutch`` configuration (GIN index) and
ranks with ``ts_rank``. SQLite has no Dutch stemmer, so each entry keeps its words as Snowball
stems (the same algorithm) and a search matches stem prefixes; ranking counts matches.
See docs/insights.md for why.
"""

from __future__ import annotations

from typing import Any

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beraad.accounts.models import Team
from beraad.deliberation.items import ITEM_KINDS_BY_SLUG
from beraad.deliberation.listing import Filters, Hit, ListSearch, Result
from beraad.deliberation.method import STEPS_BY_SLUG
from beraad.deliberation.models import Deliberation
from beraad.insights import text
from beraad.insights.models import SearchEntry

LIMIT = 50
PART_LABELS: dict[str, str | Promise] = {
    "title": _("Title"),
    "case": _("Case"),
    "questions": _("Clarifying questions"),
    "dilemma": _("Dilemma"),
    "stakeholders": _("Stakeholders"),
    "options": _("Options"),
    "decision": _("Conclusion"),
    "actions": _("Actions"),
}


def _ranked_ids(candidates: QuerySet[Deliberation], stems: list[str], words: str) -> list[int]:
    """Ids of the matching deliberations, best first."""
    entries = SearchEntry.objects.filter(deliberation__in=candidates.values("id"))
    if connection.vendor == "postgresql":
        query = SearchQuery(
            " & ".join(f"{word}:*" for word in text.plain_words(words)[:10]),
            config="dutch",
            search_type="raw",
        )
        return list(
            entries.filter(vector=query)
            .annotate(rank=SearchRank(F("vector"), query))
            .order_by("-rank", "-deliberation__held_on", "-deliberation_id")
            .values_list("deliberation_id", flat=True)
        )
    for stem in stems:
        entries = entries.filter(stems__contains=f" {stem}")
    scored = [
        (sum(row_stems.count(f" {stem}") for stem in stems), held_on, did)
        for did, row_stems, held_on in entries.values_list(
            "deliberation_id", "stems", "deliberation__held_on"
        )
    ]
    return [did for _score, _held, did in sorted(scored, reverse=True)]


def search(team: Team, query: str, filters: Filters, limit: int = LIMIT) -> Result:
    """The team's deliberations that match every word of the query and every filter."""
    candidates = filters.apply(Deliberation.objects.for_team(team))
    stems = text.query_stems(query)
    if not stems:
        return Result(hits=[], total=0, stems=[])
    ids = _ranked_ids(candidates, stems, query)
    shown = ids[:limit]
    by_id = (
        Deliberation.objects.prefetch_related("themes")
        .select_related("search_entry")
        .in_bulk(shown)
    )
    hits = []
    for did in shown:
        deliberation = by_id[did]
        hits.append(Hit(deliberation, snippets_for(deliberation.search_entry.parts, stems)))
    return Result(hits=hits, total=len(ids), stems=stems)


def part_label(name: str) -> str | Promise:
    """A snippet's label: the part's own, else the title of its step or list."""
    if name in PART_LABELS:
        return PART_LABELS[name]
    kind = ITEM_KINDS_BY_SLUG.get(name)
    step = STEPS_BY_SLUG.get(name)
    return kind.title if kind else step.title if step else name


def snippets_for(parts: dict[str, Any], stems: list[str], most: int = 2) -> list[Any]:
    found = []
    for name, part in parts.items():  # in reading order (index.PART_ORDER)
        piece = text.snippet(part, stems) if part else None
        if piece:
            found.append((part_label(name), piece))
        if len(found) == most:
            break
    return found


class InsightsSearch(ListSearch):
    """What the core's deliberation list calls for search words (registered in apps.py)."""

    def search(self, team: Team, query: str, filters: Filters) -> Result | None:
        return search(team, query, filters)
