"""What the search and the similarity list read: one derived row per deliberation.

The row is rebuilt from the deliberation whenever it or one of its parts changes
(``beraad.insights.index``); it holds nothing that is not in the deliberation itself.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from beraad.accounts.models import Team
from beraad.deliberation.models import Deliberation


class SearchEntry(models.Model):
    deliberation = models.OneToOneField(
        Deliberation, on_delete=models.CASCADE, primary_key=True, related_name="search_entry"
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    # {part: text}: what a snippet is cut from (part names as in index.PART_ORDER).
    parts = models.JSONField(default=dict)
    # " stem stem … ": the Dutch Snowball stems of all parts (SQLite search) and of the dilemma
    # alone (similarity).
    stems = models.TextField(default="")
    dilemma_stems = models.TextField(default="")
    # {"themes": [slug…], "values": [value id…], "kinds": [slug…]}
    facets = models.JSONField(default=dict)
    # PostgreSQL only: jsonb_to_tsvector('dutch', parts), with a GIN index (migration 0002).
    vector = SearchVectorField(null=True)

    class Meta:
        indexes = [models.Index(fields=["team"])]

    def __str__(self) -> str:
        return f"search entry {self.pk}"
