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


class TeamMonth(models.Model):
    """What the organisation overview reads: counts of one team's deliberations in one month.

    Derived, like the search entries: recomputed from the deliberations whenever one of them
    changes (``beraad.insights.tallies``), and rebuilt from scratch by ``rebuild_tallies``.
    Counts and catalogue keys only (theme and value ids, stakeholder kinds, due dates): no text.
    Practice deliberations are not counted.
    """

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    # The earliest day with a deliberation held (none: nothing counted); lets the overview find
    # each team's last deliberation up to today in one query.
    first_day = models.DateField(null=True)
    # {"days": {day: n}, "themes": {theme id: n}, "values": {built-in value id: n},
    #  "kinds": {kind: n}, "pairs": {"id-id": n}, "outcomes": {outcome: n},
    #  "done": n, "open": {due date or "": n}}
    counts = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "month"], name="one_tally_per_team_month")
        ]

    def __str__(self) -> str:
        return f"tally {self.team_id} {self.month:%Y-%m}"


class TallyMark(models.Model):
    """Where a deliberation was last counted, so that a change of its date or team (or its
    deletion) recomputes the month it leaves as well as the one it enters. Kept after the
    deliberation is deleted until the tallies have been recomputed (no database constraint)."""

    deliberation = models.OneToOneField(
        Deliberation,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        primary_key=True,
        related_name="+",
    )
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()

    def __str__(self) -> str:
        return f"tally mark {self.pk}"
