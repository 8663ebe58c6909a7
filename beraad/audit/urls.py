from __future__ import annotations

from django.urls import path

from beraad.audit import views

app_name = "audit"

urlpatterns = [
    path("t/<slug:team>/log/", views.team_log, name="team_log"),
]
