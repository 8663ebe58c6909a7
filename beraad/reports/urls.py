from __future__ import annotations

from django.urls import path

from beraad.reports import views

app_name = "reports"

urlpatterns = [
    path("t/<slug:team>/d/<int:pk>/report/", views.session_report, name="session"),
    path("t/<slug:team>/reports/", views.team_reports, name="team"),
    path("t/<slug:team>/reports/job/<int:pk>/", views.report_job, name="job"),
]
