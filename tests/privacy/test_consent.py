from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beraad.accounts.models import Membership
from beraad.deliberation.models import Deliberation

pytestmark = pytest.mark.django_db


def step(d: Deliberation) -> str:
    return reverse("deliberation:step", kwargs={"team": d.team.slug, "pk": d.pk, "step": "opening"})


def test_it_records_who_recorded_consent_and_when(
    fclient: Client, deliberation: Deliberation, facilitator: Membership
) -> None:
    fclient.post(
        reverse(
            "deliberation:autosave",
            kwargs={
                "team": deliberation.team.slug,
                "pk": deliberation.pk,
                "step": "opening",
                "field": "consent",
            },
        ),
        {"consent": "given"},
    )
    deliberation.refresh_from_db()
    assert deliberation.consent == "given"
    assert deliberation.consent_recorded_by == facilitator.user
    assert deliberation.consent_given_on == timezone.localdate()


def test_it_keeps_a_given_date(fclient: Client, deliberation: Deliberation) -> None:
    fclient.post(
        step(deliberation),
        {
            "title": deliberation.title,
            "held_on": "2026-11-01",
            "language": "nl",
            "consent": "given",
            "consent_given_on": "2026-10-20",
        },
    )
    deliberation.refresh_from_db()
    assert deliberation.consent_given_on.isoformat() == "2026-10-20"


def test_it_flags_a_withdrawal_and_refuses_export(
    mclient: Client, deliberation: Deliberation
) -> None:
    deliberation.consent = "given"
    deliberation.save()
    url = reverse(
        "deliberation:withdraw_consent",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk},
    )
    assert mclient.get(url).status_code == 200
    deliberation.refresh_from_db()
    assert not deliberation.consent_withdrawn
    mclient.post(url)
    deliberation.refresh_from_db()
    assert deliberation.consent_withdrawn
    listing = mclient.get(
        reverse("deliberation:list", kwargs={"team": deliberation.team.slug})
    ).content.decode()
    assert "badge-denied" in listing
    export = mclient.get(
        reverse(
            "deliberation:export", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk}
        )
    )
    assert export.status_code == 403
    assert "toestemming" in export.content.decode()
    assert export["Content-Type"].startswith("text/html")
    with pytest.raises(CommandError, match="toestemming ingetrokken"):
        call_command("export_deliberation", str(deliberation.pk), stdout=io.StringIO())
    assert deliberation.sharing_refusal() is not None
