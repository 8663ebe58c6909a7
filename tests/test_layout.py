"""What the layout promises in the markup (tests/browser/test_layout.py looks at it in a browser):
step 7 in the order of its guidance, the library draft's texts once each, the team's menu kept in
the library, and an icon at /favicon.ico."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from beraad.accounts.models import Membership, Role
from beraad.deliberation.models import Deliberation
from beraad.library.models import LibraryCase
from tests.factories import (
    DeliberationFactory,
    MembershipFactory,
    StakeholderFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db


def test_it_shows_each_choice_before_the_groups_conclusion_at_step_7(
    fclient: Client, deliberation: Deliberation
) -> None:
    page = fclient.get(
        reverse(
            "deliberation:step",
            kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "decision"},
        )
    ).content.decode()
    choices = page.index('id="items-choices"')
    conclusion = page.index('name="outcome"')
    actions = page.index('id="items-actions"')
    assert choices < conclusion < actions
    assert page.index("De conclusie van de groep") < conclusion


def test_it_keeps_the_team_links_in_the_menu_in_the_library(
    client: Client, facilitator: Membership
) -> None:
    client.force_login(facilitator.user)
    team = facilitator.team
    client.get(reverse("deliberation:list", kwargs={"team": team.slug}))
    page = client.get(
        reverse("library:list", kwargs={"organisation": team.organisation.slug})
    ).content.decode()
    menu = page[page.index('class="header-nav"') : page.index("</nav>")]
    assert reverse("deliberation:list", kwargs={"team": team.slug}) in menu
    assert reverse("insights:dashboard", kwargs={"team": team.slug}) in menu
    assert reverse("insights:actions", kwargs={"team": team.slug}) in menu


def test_the_library_menu_follows_the_team_last_visited(client: Client, team: Any) -> None:
    first = MembershipFactory(team=team, role=Role.FACILITATOR)
    other = TeamFactory(organisation=team.organisation, name="Zzz laatste team")
    MembershipFactory(team=other, user=first.user, role=Role.TEAM_ADMIN)
    client.force_login(first.user)
    library = reverse("library:list", kwargs={"organisation": team.organisation.slug})
    client.get(reverse("insights:dashboard", kwargs={"team": other.slug}))
    menu = client.get(library).content.decode().split("</nav>")[0]
    assert reverse("deliberation:list", kwargs={"team": other.slug}) in menu
    assert reverse("accounts:members", kwargs={"team": other.slug}) in menu  # admin there
    client.get(reverse("deliberation:list", kwargs={"team": team.slug}))
    menu = client.get(library).content.decode().split("</nav>")[0]
    assert f'href="/t/{team.slug}/"' in menu
    assert reverse("accounts:members", kwargs={"team": team.slug}) not in menu  # facilitator


def test_a_remembered_team_one_has_left_is_not_in_the_menu(client: Client, team: Any) -> None:
    mine = MembershipFactory(team=team, role=Role.FACILITATOR)
    left = TeamFactory(organisation=team.organisation)
    client.force_login(mine.user)
    client.get(reverse("deliberation:list", kwargs={"team": left.slug}))  # 404: not a member
    page = client.get(
        reverse("library:list", kwargs={"organisation": team.organisation.slug})
    ).content.decode()
    assert f"/t/{left.slug}/" not in page
    assert f'href="/t/{team.slug}/"' in page


def test_the_library_draft_shows_each_text_once_beside_its_original(
    fclient: Client, team: Any
) -> None:
    d = DeliberationFactory(
        team=team,
        title="Mevrouw Jansen en haar zoon",
        case_description="Mevrouw Jansen belde over haar zoon. Ze woont in de Kerkstraat.",
        dilemma_question="Delen we wat zij vertelde met de huisarts?",
        consent="given",
    )
    StakeholderFactory(deliberation=d, label="mevrouw Jansen", kind="client")
    d.conclude(None)
    fclient.post(reverse("library:propose", kwargs={"team": team.slug, "pk": d.pk}))
    case = LibraryCase.objects.get()
    page = fclient.get(reverse("library:draft", kwargs={"pk": case.pk})).content.decode()
    # The original once, the library version once (in its field), no third copy.
    assert page.count("Mevrouw Jansen belde") == 1
    assert page.count(escape(case.case_description.split(".")[0])) == 1
    assert page.count("Delen we wat zij vertelde met de huisarts?") == 2
    assert page.count('class="compare"') == len(LibraryCase.TEXT_FIELDS)
    assert "Bibliotheekversie, zoals gecontroleerd" not in page
    # Each field is named for screen readers, not only "Library version".
    assert 'Bibliotheekversie<span class="visually-hidden">: De casus</span>' in page


def test_a_draft_in_review_shows_the_checked_version_beside_the_original(
    fclient: Client, team: Any
) -> None:
    d = DeliberationFactory(
        team=team, dilemma_question="Vertellen we het de buren?", consent="given"
    )
    d.conclude(None)
    fclient.post(reverse("library:propose", kwargs={"team": team.slug, "pk": d.pk}))
    case = LibraryCase.objects.get()
    LibraryCase.objects.filter(pk=case.pk).update(status=LibraryCase.Status.IN_REVIEW)
    page = fclient.get(reverse("library:draft", kwargs={"pk": case.pk})).content.decode()
    assert "<textarea" not in page
    assert page.count("Vertellen we het de buren?") == 2
    assert "Bibliotheekversie, zoals gecontroleerd" in page


def test_it_answers_favicon_ico_with_the_static_icon(client: Client) -> None:
    answer = client.get("/favicon.ico")
    assert answer.status_code == 301
    assert answer["Location"] == f"{settings.STATIC_URL}favicon.ico"
    found = finders.find("favicon.ico")
    assert found is not None
    with open(found, "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # an ICO file's header


def test_the_step_bar_names_every_step_for_screen_readers(
    fclient: Client, deliberation: Deliberation
) -> None:
    page = fclient.get(
        reverse(
            "deliberation:step",
            kwargs={"team": deliberation.team.slug, "pk": deliberation.pk, "step": "dilemma"},
        )
    ).content.decode()
    bar = page[page.index('class="steps"') : page.index("</nav>", page.index('class="steps"'))]
    assert bar.count('class="step-title"') == 8
    assert "Belanghebbenden" in bar and 'aria-current="step"' in bar
