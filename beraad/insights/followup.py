"""Following up the actions a team agreed."""

from __future__ import annotations

from beraad.deliberation.models import Action, Deliberation


def open_earlier_actions(deliberation: Deliberation) -> list[Action]:
    """Open actions of the team's other deliberations held before this one: "were the agreed
    steps taken?" on step 1."""
    return list(
        Action.objects.followed_up()
        .filter(
            deliberation__team_id=deliberation.team_id,
            done=False,
            deliberation__held_on__lte=deliberation.held_on,
        )
        .exclude(deliberation=deliberation)
        .select_related("deliberation", "assignee")
        .order_by("due", "deliberation__held_on", "id")[:50]
    )
