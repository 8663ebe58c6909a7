"""After a replacement or a dismissal the person goes back where they came from, never elsewhere."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from beraad.deliberation.models import Deliberation

pytestmark = pytest.mark.django_db


def _dismiss(client: Client, deliberation: Deliberation, following: str) -> str:
    answer = client.post(
        reverse("privacy:dismiss", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}),
        {"digest": "a" * 64, "next": following},
    )
    assert answer.status_code == 302
    return answer["Location"]


def test_it_goes_back_to_a_local_path(mclient: Client, deliberation: Deliberation) -> None:
    step = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "case"},
    )
    assert _dismiss(mclient, deliberation, f"{step}?veld=1#case") == f"{step}?veld=1#case"


@pytest.mark.parametrize(
    "following",
    [
        "//evil.example/",
        "https://evil.example/",
        "/\\evil.example",
        "http://testserver/elders",  # even this host: a local path only
        "",
    ],
)
def test_it_refuses_to_go_anywhere_else(
    mclient: Client, deliberation: Deliberation, following: str
) -> None:
    overview = reverse(
        "privacy:review", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
    )
    assert _dismiss(mclient, deliberation, following) == overview
