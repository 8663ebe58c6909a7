"""What the search and the similarity list read: one derived row per deliberation.

The row is rebuilt from the deliberation whenever it or one of its parts changes
(``beraad.insights.index``); it holds nothing that is not in the deliberation itself.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models

from beraad.accounts.models import Organisation, Team
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
    # The latest day with a deliberation held (none: nothing counted).
    last_day = models.DateField(null=True)
    # Deliberations held in the month, as a plain column: the overview's per-team table adds
    # these up in the database (with TeamMonthDue) instead of decoding every row's counts.
    held = models.PositiveIntegerField(default=0)
    # {"days": {day: n}, "themes": {theme id: n}, "values": {built-in value id: n},
    #  "kinds": {kind: n}, "pairs": {"id-id": n}, "outcomes": {outcome: n},
    #  "done": n, "open": {due date or "": n}}
    counts = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["team", "month"], name="one_tally_per_team_month")
        ]
        # The overview's per-team table reads these columns from the indexes alone: a row's
        # counts are about 1 KB, which SQLite would otherwise step over for every row.
        indexes = [
            models.Index(fields=["team", "month", "held"], name="teammonth_held"),
            models.Index(fields=["team", "last_day"], name="teammonth_last_day"),
        ]

    def __str__(self) -> str:
        return f"tally {self.team_id} {self.month:%Y-%m}"


class TeamMonthDue(models.Model):
    """The actions not done of one team's deliberations in one month, per due date: the
    ``"open"`` part of ``TeamMonth.counts`` as rows, so that the per-team table's open and
    overdue actions are summed in the database (overdue follows today's date). Written with its
    ``TeamMonth`` row, under that row's lock."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month the deliberations were held in
    # The day of that month they were held on (1–31): a period that starts or ends in the middle
    # of a month sums the days inside it.
    day = models.PositiveSmallIntegerField(default=1)
    due = models.DateField(null=True)  # none: no due date
    open = models.PositiveIntegerField()

    class Meta:
        # Covering: the per-team table's sums read the index alone.
        indexes = [
            models.Index(
                fields=["team", "month", "day", "due", "open"], name="teammonthdue_day_sum"
            )
        ]

    def __str__(self) -> str:
        return f"due {self.team_id} {self.month:%Y-%m} {self.due}"


class OrganisationMonth(models.Model):
    """What the organisation overview's figures read: the sum of the ``TeamMonth`` counts of an
    organisation's teams (training teams left out) in one month, in the same shape.

    Derived from the team months, not from the deliberations: recomputed from them in the same
    transaction whenever one of them changes (locks taken team months first, then this row),
    when a team moves to another organisation, and by ``rebuild_tallies``.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    month = models.DateField()  # the first day of the month
    counts = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "month"], name="one_tally_per_organisation_month"
            )
        ]

    def __str__(self) -> str:
        return f"organisation tally {self.organisation_id} {self.month:%Y-%m}"


class OrganisationDay(models.Model):
    """The counts of an organisation's deliberations (training teams left out) held on one day,
    in the shape of a month's: what the overview reads for a period that starts or ends in the
    middle of a month, instead of that part of the month's deliberations.

    Counted from the deliberations of that day (a handful), in the same transaction as every
    change (locked after the organisation months), when a team moves to another organisation,
    and by ``rebuild_tallies``.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    counts = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "day"], name="one_tally_per_organisation_day"
            )
        ]

    def __str__(self) -> str:
        return f"organisation day {self.organisation_id} {self.day:%Y-%m-%d}"


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
    day = models.DateField(null=True)  # the day it was held on (its organisation's day row)

    def __str__(self) -> str:
        return f"tally mark {self.pk}"
