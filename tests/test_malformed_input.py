"""Each server error the fuzzing (tests/test_form_fuzz.py) found, as a plain regression test: the
input that broke a view, and the answer it gets now. Some broke only on PostgreSQL, which refuses
a NUL character or a too long value where SQLite stores it."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import Team
from beraad.deliberation.models import Deliberation
from beraad.library.models import LibraryCase
from beraad.privacy.models import Dismissal
from tests.factories import ActionFactory, StakeholderFactory

pytestmark = pytest.mark.django_db


def test_it_ignores_a_return_address_that_is_no_path_when_marking_an_action(
    mclient: Client, deliberation: Deliberation
) -> None:
    action = ActionFactory(deliberation=deliberation, due=date(2026, 1, 1))
    url = reverse("insights:action_mark", kwargs={"team": deliberation.team.slug, "pk": action.pk})
    # redirect() took "0" for the name of a view and failed to find it.
    response = mclient.post(url, {"done": "1", "note": "", "next": "0"})
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "insights:actions", kwargs={"team": deliberation.team.slug}
    )


@pytest.mark.parametrize("item", ["²", "٣"])
def test_it_answers_404_for_an_item_number_in_other_digits(
    fclient: Client, deliberation: Deliberation, item: str
) -> None:
    StakeholderFactory(deliberation=deliberation)
    url = reverse("privacy:replace", kwargs={"team": deliberation.team.slug, "pk": deliberation.pk})
    response = fclient.post(
        url, {"kind": "stakeholders", "field": "label", "item": item, "digest": "0" * 64}
    )
    assert response.status_code == 404


@pytest.mark.parametrize("digest", ["a\x00" * 32, "b" * 200, "G" * 64])
def test_it_stores_no_dismissal_that_is_no_digest(
    fclient: Client, deliberation: Deliberation, digest: str
) -> None:
    kwargs = {"team": deliberation.team.slug, "pk": deliberation.pk}
    # The step form's "not personal data" button, and the button's own view.
    step = fclient.post(
        reverse("deliberation:step", kwargs=kwargs | {"step": "case"}),
        {"case_description": "Een zin.", "dismiss": digest},
    )
    alone = fclient.post(reverse("privacy:dismiss", kwargs=kwargs), {"digest": digest})
    assert step.status_code == 302
    assert alone.status_code == 404
    assert not Dismissal.objects.exists()


def test_it_answers_a_join_code_with_a_nul_character_as_an_unknown_code(mclient: Client) -> None:
    response = mclient.post(reverse("live:join"), {"code": "AB\x00CD"})
    assert response.status_code == 400
    assert "Geen beraad van jouw teams heeft deze code" in response.content.decode()


def test_it_finds_no_library_case_for_an_unknown_theme(client: Client, team: Team) -> None:
    from beraad.accounts.models import OrganisationRole
    from tests.factories import UserFactory

    trainer = UserFactory()
    OrganisationRole.objects.create(user=trainer, organisation=team.organisation, role="trainer")
    LibraryCase.objects.create(
        organisation=team.organisation, title="Wondzorg door de zoon", status="published"
    )
    client.force_login(trainer)
    url = reverse("library:list", kwargs={"organisation": team.organisation.slug})
    assert "Wondzorg door de zoon" in client.get(url).content.decode()
    for theme in ("geen-thema", "a\x00b"):
        response = client.get(url, {"theme": theme})
        assert response.status_code == 200
        assert "Wondzorg door de zoon" not in response.content.decode()


@pytest.mark.parametrize("number", ["9" * 25, "-" + "9" * 25])
def test_it_refuses_a_horn_value_beyond_the_integer_range(
    fclient: Client, deliberation: Deliberation, number: str
) -> None:
    url = reverse(
        "deliberation:step",
        kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "dilemma"},
    )
    # SQLite's driver could not send the number in the IN (…) query Django builds for it.
    response = fclient.post(url, {"dilemma_question": "Delen of niet?", "values_a": number})
    assert response.status_code == 400
    deliberation.refresh_from_db()
    assert deliberation.dilemma_question == ""
    assert not deliberation.values_a.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/live/{pk}/",
        "/live/{pk}/state/?v=1&m=x",
        "/t/{team}/d/{pk}/present/state/?v=1.1",
        "/t/{team}/d/{pk}/",
    ],
)
def test_it_answers_404_for_a_deliberation_number_beyond_the_integer_range(
    fclient: Client, team: Team, path: str
) -> None:
    # Read with a statement compiled once (beraad/web/prepared.py): SQLite's driver could not
    # send the number, where the ORM answers "none" without asking.
    response = fclient.get(path.format(pk="9" * 25, team=team.slug))
    assert response.status_code == 404
