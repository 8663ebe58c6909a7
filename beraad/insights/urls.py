from __future__ import annotations

from django.urls import path

from beraad.insights import views

app_name = "insights"

urlpatterns = [
    path("t/<slug:team>/dashboard/", views.dashboard, name="dashboard"),
    path("t/<slug:team>/dashboard/rhythm/", views.cadence_update, name="cadence"),
    path("t/<slug:team>/actions/", views.action_list, name="actions"),
    path("t/<slug:team>/actions/<int:pk>/mark/", views.action_mark, name="action_mark"),
    path("o/<slug:organisation>/dashboard/", views.organisation_dashboard, name="organisation"),
]
