"""Every page of the admin that draws a form renders: its widgets (a related object's wrapper, a
date) are the admin's own Django templates, which any form renderer must find."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def superuser_client(client: Client) -> Client:
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


@pytest.mark.parametrize(
    "model",
    [model for model in admin.site._registry],
    ids=lambda model: f"{model._meta.app_label}.{model._meta.model_name}",
)
def test_each_add_page_of_the_admin_renders(superuser_client: Client, model: Any) -> None:
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    response = superuser_client.get(url)
    # Some models cannot be added by hand (403, or a redirect); none may fail to render.
    assert response.status_code in (200, 302, 403), response.status_code
    if response.status_code == 200:
        assert b"<form" in response.content


def test_a_teams_change_page_renders_its_organisation_widget(
    superuser_client: Client, team: Any
) -> None:
    response = superuser_client.get(reverse("admin:accounts_team_change", args=[team.pk]))
    assert response.status_code == 200
    assert b'name="organisation"' in response.content
