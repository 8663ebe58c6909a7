from __future__ import annotations

from django.urls import path

from beraad.ops import views

app_name = "ops"

urlpatterns = [
    # SECURE_REDIRECT_EXEMPT (settings.py) names this path: keep them together.
    path("healthz", views.healthz, name="healthz"),
]
