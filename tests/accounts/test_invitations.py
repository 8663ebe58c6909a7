from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from beraad.accounts.models import Invitation, Membership, Role, User
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client: Client, team: Any) -> Client:
    client.force_login(MembershipFactory(team=team, role=Role.TEAM_ADMIN).user)
    return client


def test_it_makes_an_invitation_link(admin_client: Client, team: Any) -> None:
    response = admin_client.post(
        reverse("accounts:members", kwargs={"team": team.slug}),
        {"email": "Nieuw@Example.test", "role": "facilitator"},
        follow=True,
    )
    invitation = Invitation.objects.get()
    assert invitation.email == "nieuw@example.test"
    assert invitation.role == Role.FACILITATOR
    assert invitation.expires_at > timezone.now() + timedelta(days=6)
    assert invitation.token in response.content.decode()


def test_it_refuses_to_invite_a_member_twice(admin_client: Client, team: Any) -> None:
    existing = MembershipFactory(team=team).user
    response = admin_client.post(
        reverse("accounts:members", kwargs={"team": team.slug}),
        {"email": existing.email, "role": "member"},
    )
    assert response.status_code == 400
    assert not Invitation.objects.exists()


def test_it_creates_an_account_from_an_invitation(client: Client, team: Any) -> None:
    invitation = Invitation.objects.create(team=team, email="nieuw@example.test", role="member")
    url = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "name": "Nieuwe Collega",
            "password1": "een-lang-wachtwoord-7",
            "password2": "een-lang-wachtwoord-7",
        },
    )
    user = User.objects.get(email="nieuw@example.test")
    assert response.status_code == 302
    assert Membership.objects.get(user=user).team == team
    assert user.check_password("een-lang-wachtwoord-7")
    # The link works once.
    client.logout()
    assert client.get(url).status_code == 410


def test_it_refuses_an_expired_invitation(client: Client, team: Any) -> None:
    invitation = Invitation.objects.create(
        team=team, email="laat@example.test", expires_at=timezone.now() - timedelta(minutes=1)
    )
    url = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    response = client.post(
        url,
        {"name": "x", "password1": "een-lang-wachtwoord-7", "password2": "een-lang-wachtwoord-7"},
    )
    assert response.status_code == 410
    assert not User.objects.filter(email="laat@example.test").exists()


def test_it_lets_an_existing_person_join_another_team(client: Client, team: Any) -> None:
    person = UserFactory()
    invitation = Invitation.objects.create(team=team, email=person.email, role="facilitator")
    client.force_login(person)
    client.post(reverse("accounts:invitation_accept", kwargs={"token": invitation.token}))
    assert Membership.objects.get(user=person, team=team).role == Role.FACILITATOR


def test_it_keeps_mismatched_passwords_out(client: Client, team: Any) -> None:
    invitation = Invitation.objects.create(team=team, email="x@example.test")
    url = reverse("accounts:invitation_accept", kwargs={"token": invitation.token})
    response = client.post(
        url, {"name": "X", "password1": "een-lang-wachtwoord-7", "password2": "anders-wachtwoord-8"}
    )
    assert response.status_code == 400
    assert 'value="X"' in response.content.decode()
    assert not User.objects.filter(email="x@example.test").exists()


def test_it_has_no_public_sign_up(client: Client) -> None:
    client.post(
        reverse("account_signup"),
        {
            "email": "zomaar@example.test",
            "password1": "een-lang-wachtwoord-7",
            "password2": "een-lang-wachtwoord-7",
        },
    )
    assert not User.objects.filter(email="zomaar@example.test").exists()


def test_it_keeps_the_last_team_admin(admin_client: Client, team: Any) -> None:
    me = Membership.objects.get(team=team, role=Role.TEAM_ADMIN)
    url = reverse("accounts:member_update", kwargs={"team": team.slug, "pk": me.pk})
    admin_client.post(url, {"role": "member"})
    admin_client.post(url, {"remove": "1"})
    me.refresh_from_db()
    assert me.role == Role.TEAM_ADMIN


def test_it_changes_a_role_and_removes_a_member(admin_client: Client, team: Any) -> None:
    other = MembershipFactory(team=team, role=Role.MEMBER)
    url = reverse("accounts:member_update", kwargs={"team": team.slug, "pk": other.pk})
    admin_client.post(url, {"role": "facilitator"})
    other.refresh_from_db()
    assert other.role == Role.FACILITATOR
    admin_client.post(url, {"remove": "1"})
    assert not Membership.objects.filter(pk=other.pk).exists()


def test_removing_a_member_or_withdrawing_an_invitation_asks_first(
    admin_client: Client, team: Any
) -> None:
    other = MembershipFactory(team=team, role=Role.MEMBER)
    invitation = Invitation.objects.create(
        team=team,
        email="nieuw@example.test",
        role=Role.MEMBER,
        expires_at=timezone.now() + timedelta(days=7),
    )
    members = admin_client.get(reverse("accounts:members", kwargs={"team": team.slug}))
    remove = reverse("accounts:member_update", kwargs={"team": team.slug, "pk": other.pk})
    withdraw = reverse(
        "accounts:invitation_revoke", kwargs={"team": team.slug, "pk": invitation.pk}
    )
    page = members.content.decode()
    # Links to a page that asks, not buttons that remove at once (also without JavaScript).
    assert f'<a href="{remove}" class="danger">' in page
    assert f'<a href="{withdraw}" class="danger">' in page

    asked = admin_client.get(remove)
    assert asked.status_code == 200
    assert "uit het team halen?" in asked.content.decode()
    assert Membership.objects.filter(pk=other.pk).exists()
    admin_client.post(remove, {"remove": "1"})
    assert not Membership.objects.filter(pk=other.pk).exists()

    asked = admin_client.get(withdraw)
    assert "De uitnodiging voor nieuw@example.test intrekken?" in asked.content.decode()
    assert Invitation.objects.filter(pk=invitation.pk).exists()
    admin_client.post(withdraw)
    assert not Invitation.objects.filter(pk=invitation.pk).exists()


def test_it_logs_in_with_email(client: Client) -> None:
    person = UserFactory(email="inlog@example.test")
    response = client.post(
        reverse("account_login"),
        {"login": "inlog@example.test", "password": "a-long-test-password-42"},
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(person.pk)


def test_it_sends_a_password_reset_link(client: Client, mailoutbox: list[Any]) -> None:
    UserFactory(email="vergeten@example.test")
    response = client.post(reverse("account_reset_password"), {"email": "vergeten@example.test"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/key/" in mailoutbox[0].body
