"""The case library: a copy, a second person, a clean final scan, and practice outside the figures."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from beraad.accounts.models import OrganisationRole, Role
from beraad.deliberation.models import Deliberation
from beraad.insights import stats
from beraad.library.models import LibraryCase
from tests.factories import DeliberationFactory, MembershipFactory, StakeholderFactory, UserFactory

pytestmark = pytest.mark.django_db


def concluded(team: Any, **fields: Any) -> Deliberation:
    d = DeliberationFactory(
        team=team,
        title="Mevrouw Jansen en haar zoon",
        case_description="Mevrouw Jansen belde vanaf 0612345678 over haar zoon Pieter.",
        dilemma_question="Delen we wat mevrouw Jansen vertelde met de huisarts?",
        consent="given",
        **fields,
    )
    StakeholderFactory(deliberation=d, label="mevrouw Jansen", kind="client")
    d.conclude(None)
    return d


def _propose(client: Client, d: Deliberation) -> LibraryCase:
    answer = client.post(reverse("library:propose", kwargs={"team": d.team.slug, "pk": d.pk}))
    assert answer.status_code == 302
    return LibraryCase.objects.get()


def test_a_proposal_is_a_tagged_copy_that_does_not_lead_back(fclient: Client, team: Any) -> None:
    d = concluded(team)
    case = _propose(fclient, d)
    assert "Jansen" not in case.case_description and "0612345678" not in case.case_description
    assert "[PERSOON-1]" in case.case_description and "[TELEFOON-1]" in case.case_description
    assert "[PERSOON-1]" in case.title  # the same person, the same tag, across fields
    assert not any(
        f.is_relation and f.related_model is Deliberation for f in LibraryCase._meta.get_fields()
    )
    page = fclient.get(reverse("library:draft", kwargs={"pk": case.pk})).content.decode()
    assert "Mevrouw Jansen belde" in page  # the proposer sees the original beside the copy
    case.status = LibraryCase.Status.PUBLISHED
    case.save()
    trainer = UserFactory()
    OrganisationRole.objects.create(user=trainer, organisation=team.organisation, role="trainer")
    fclient.force_login(trainer)
    shown = fclient.get(
        reverse("library:case", kwargs={"organisation": team.organisation.slug, "pk": case.pk})
    ).content.decode()
    assert "Jansen" not in shown and f"/d/{d.pk}/" not in shown and f"/t/{team.slug}/" not in shown
    exported = fclient.get(
        reverse("library:export", kwargs={"organisation": team.organisation.slug, "pk": case.pk})
    ).content.decode()
    assert (
        "Jansen" not in exported
        and team.slug not in exported
        and case.source_digest not in exported
    )
    assert team.name not in shown and team.name not in exported


@pytest.mark.parametrize("consent", ["", "withdrawn"])
def test_no_consent_no_proposal(fclient: Client, team: Any, facilitator: Any, consent: str) -> None:
    d = concluded(team)
    if consent == "withdrawn":
        d.withdraw_consent(facilitator.user)
    else:
        Deliberation.objects.filter(pk=d.pk).update(consent="")
    url = reverse("library:propose", kwargs={"team": team.slug, "pk": d.pk})
    page = fclient.get(url).content.decode()
    assert 'role="alert"' in page and "toestemming" in page
    assert fclient.post(url).status_code == 403
    assert not LibraryCase.objects.exists()


def _reviewer(team: Any) -> Any:
    other_team = type(team).objects.create(
        organisation=team.organisation, name="Ander team", slug=f"{team.slug}-b"
    )
    return MembershipFactory(team=other_team, role=Role.FACILITATOR).user


def test_the_proposer_cannot_approve_their_own_case(fclient: Client, team: Any) -> None:
    case = _propose(fclient, concluded(team))
    case.status = LibraryCase.Status.IN_REVIEW
    case.save()
    answer = fclient.post(reverse("library:review", kwargs={"pk": case.pk}), {"approve": "1"})
    assert answer.status_code == 403
    case.refresh_from_db()
    assert case.status == LibraryCase.Status.IN_REVIEW


def test_review_then_publish_only_without_direct_identifiers(
    client: Client, fclient: Client, team: Any
) -> None:
    case = _propose(fclient, concluded(team))
    case.case_description = "Haar BSN 123456782 stond nog in het verslag."
    case.status = LibraryCase.Status.IN_REVIEW
    case.save()
    client.force_login(_reviewer(team))
    review_url = reverse("library:review", kwargs={"pk": case.pk})
    assert client.post(review_url, {"return": "1"}).status_code == 400  # a return needs comments
    client.post(review_url, {"approve": "1"})
    case.refresh_from_db()
    assert case.status == LibraryCase.Status.APPROVED
    client.post(reverse("library:publish", kwargs={"pk": case.pk}), {"back": "review"})
    case.refresh_from_db()
    assert case.status == LibraryCase.Status.RETURNED and case.published_at is None
    case.case_description = "Een moeder belde het team over haar zoon."
    case.status = LibraryCase.Status.APPROVED
    case.save()
    client.post(reverse("library:publish", kwargs={"pk": case.pk}))
    case.refresh_from_db()
    assert case.status == LibraryCase.Status.PUBLISHED


def test_a_practice_deliberation_does_not_count_in_the_dashboard(
    fclient: Client, team: Any
) -> None:
    case = LibraryCase.objects.create(
        organisation=team.organisation,
        title="Oefencasus",
        dilemma_question="Delen of niet?",
        status="published",
    )
    answer = fclient.post(
        reverse("library:practice", kwargs={"organisation": team.organisation.slug, "pk": case.pk}),
        {"team": team.slug},
    )
    assert answer.status_code == 302
    practice = Deliberation.objects.get(team=team)
    assert practice.is_practice and practice.dilemma_question == "Delen of niet?"
    DeliberationFactory(team=team)
    today = practice.held_on
    figures = stats.figures(
        Deliberation.objects.for_team(team), stats.Period(date(today.year, 1, 1), today)
    )
    assert figures.total == 1


def test_the_library_filters_and_searches_published_cases(client: Client, team: Any) -> None:
    trainer = UserFactory()
    OrganisationRole.objects.create(user=trainer, organisation=team.organisation, role="trainer")
    client.force_login(trainer)
    LibraryCase.objects.create(
        organisation=team.organisation,
        status="published",
        title="Mantelzorgers onder druk",
        case_description="Twee mantelzorgers",
        value_slugs=["care"],
        kinds=["informal-carer"],
    )
    LibraryCase.objects.create(
        organisation=team.organisation, status="published", title="Schulden", value_slugs=["trust"]
    )
    LibraryCase.objects.create(organisation=team.organisation, status="draft", title="Concept")
    url = reverse("library:list", kwargs={"organisation": team.organisation.slug})
    page = client.get(url).content.decode()
    assert "Mantelzorgers onder druk" in page and "Schulden" in page and "Concept" not in page
    assert "Schulden" not in client.get(url, {"value": "care"}).content.decode()
    assert "Schulden" not in client.get(url, {"kind": "informal-carer"}).content.decode()
    found = client.post(url, {"q": "mantelzorger"}).content.decode()
    assert "Mantelzorgers onder druk" in found and "Schulden" not in found


def test_a_library_case_travels_between_installations_and_identifiers_are_refused(
    client: Client, team: Any
) -> None:
    import json

    from django.core.files.uploadedfile import SimpleUploadedFile

    from beraad.deliberation.exchange import validate
    from beraad.library.exchange import export_case

    trainer = UserFactory()
    OrganisationRole.objects.create(user=trainer, organisation=team.organisation, role="trainer")
    client.force_login(trainer)
    case = LibraryCase.objects.create(
        organisation=team.organisation,
        status="published",
        title="Een moeder en haar zoon",
        case_description="Een moeder belde over haar zoon.",
        dilemma_question="Delen of niet?",
        decision="Besloten: delen.",
        value_slugs=["trust"],
    )
    document = json.loads(
        client.get(
            reverse(
                "library:export", kwargs={"organisation": team.organisation.slug, "pk": case.pk}
            )
        ).content
    )
    assert validate(document) == [] and document["library"]["decision"] == "Besloten: delen."
    assert export_case(case) | {"exported_at": document["exported_at"]} == document
    url = reverse("library:import", kwargs={"organisation": team.organisation.slug})
    upload = SimpleUploadedFile("c.json", json.dumps(document).encode())
    assert client.post(url, {"document": upload}).status_code == 302
    imported = LibraryCase.objects.exclude(pk=case.pk).get()
    assert imported.status == "in_review" and imported.decision == "Besloten: delen."
    document["case"]["description"] = "Mevrouw Jansen, BSN 123456782, belde."
    refused = client.post(
        url, {"document": SimpleUploadedFile("c.json", json.dumps(document).encode())}
    )
    page = refused.content.decode()
    assert refused.status_code == 400
    assert "$.case.description" in page and "[BSN]" in page and "[PERSOON]" in page
    assert "123456782" not in page.split('id="import-errors"')[1].split("</div>")[0]
    assert LibraryCase.objects.count() == 2


def test_a_trainer_practises_in_the_practice_space_outside_the_figures(
    client: Client, team: Any
) -> None:
    from beraad.accounts.models import Team

    trainer = UserFactory()
    OrganisationRole.objects.create(user=trainer, organisation=team.organisation, role="trainer")
    coordinator = UserFactory()
    OrganisationRole.objects.create(
        user=coordinator, organisation=team.organisation, role="coordinator"
    )
    case = LibraryCase.objects.create(
        organisation=team.organisation,
        title="Oefencasus",
        dilemma_question="Wat nu?",
        status="published",
    )
    client.force_login(trainer)
    url = reverse(
        "library:practice", kwargs={"organisation": team.organisation.slug, "pk": case.pk}
    )
    assert client.post(url, {"team": team.slug}).status_code == 404  # not the trainer's team
    answer = client.post(url, {"team": "training"})
    space = Team.objects.get(organisation=team.organisation, is_training=True)
    practice = Deliberation.objects.get(team=space)
    assert practice.is_practice and answer.status_code == 302
    assert client.get(answer["Location"]).status_code == 200
    assert client.post(url, {"team": "training"}).status_code == 302  # the same space again
    assert Team.objects.filter(is_training=True).count() == 1
    assert client.get(reverse("deliberation:list", kwargs={"team": team.slug})).status_code == 404
    client.force_login(coordinator)
    overview = client.get(
        reverse("insights:organisation", kwargs={"organisation": team.organisation.slug})
    ).content.decode()
    assert space.name not in overview and team.name in overview


def test_no_one_of_the_proposing_team_reviews_and_drafts_stay_with_the_team(
    client: Client, fclient: Client, team: Any
) -> None:
    case = _propose(fclient, concluded(team))
    trainer = UserFactory()
    OrganisationRole.objects.create(user=trainer, organisation=team.organisation, role="trainer")
    client.force_login(trainer)
    review_url = reverse("library:review", kwargs={"pk": case.pk})
    assert client.get(review_url).status_code == 404  # not submitted: the team's own work
    case.status = LibraryCase.Status.IN_REVIEW
    case.save()
    colleague = MembershipFactory(team=team, role=Role.TEAM_ADMIN).user
    client.force_login(colleague)
    assert client.post(review_url, {"approve": "1"}).status_code == 403
    case.refresh_from_db()
    assert case.status == LibraryCase.Status.IN_REVIEW


@pytest.mark.parametrize(
    "identifier", ["Bel haar op 0612345678.", "Mevrouw Fatima Yilmaz belde.", "BSN 123456782"]
)
def test_a_remaining_phone_number_name_or_bsn_blocks_publication(
    client: Client, team: Any, identifier: str
) -> None:
    case = LibraryCase.objects.create(
        organisation=team.organisation,
        title="Casus",
        case_description=f"Een moeder belde. {identifier}",
        status="approved",
    )
    client.force_login(_reviewer(team))
    client.post(reverse("library:publish", kwargs={"pk": case.pk}), {"back": "review"})
    case.refresh_from_db()
    assert case.status == LibraryCase.Status.RETURNED


def test_consent_withdrawn_after_proposing_stops_the_case_and_publication_cuts_the_link(
    client: Client, fclient: Client, team: Any, facilitator: Any
) -> None:
    d = concluded(team)
    case = _propose(fclient, d)
    assert _propose(fclient, d).pk == case.pk  # proposing again opens the same draft
    case.case_description = "Een moeder belde over haar zoon."
    case.title = "Een moeder en haar zoon"
    case.stakeholders = case.options = case.decision = ""
    case.dilemma_question = "Delen we het?"
    case.status = LibraryCase.Status.APPROVED
    case.save()
    d.withdraw_consent(facilitator.user)
    client.force_login(_reviewer(team))
    client.post(reverse("library:publish", kwargs={"pk": case.pk}))
    case.refresh_from_db()
    assert case.status == LibraryCase.Status.APPROVED
    Deliberation.objects.filter(pk=d.pk).update(consent_withdrawn_at=None)
    client.post(reverse("library:publish", kwargs={"pk": case.pk}))
    case.refresh_from_db()
    assert case.status == LibraryCase.Status.PUBLISHED
    assert case.team_id is None and case.source_digest == ""


def test_only_built_in_values_are_copied(fclient: Client, team: Any) -> None:
    from beraad.deliberation.models import Value, ValueAtStake

    d = concluded(team)
    ValueAtStake.objects.create(
        deliberation=d, value=Value.objects.create(team=team, slug="hoop", name="Hoop")
    )
    ValueAtStake.objects.create(deliberation=d, value=Value.objects.get(team=None, slug="trust"))
    assert _propose(fclient, d).value_slugs == ["trust"]
