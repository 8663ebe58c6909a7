from __future__ import annotations

from django.urls import path

from beraad.live import views

app_name = "live"

urlpatterns = [
    path("t/<slug:team>/d/<int:pk>/present/", views.present, name="present"),
    path("t/<slug:team>/d/<int:pk>/present/state/", views.state, name="state"),
    path("t/<slug:team>/d/<int:pk>/present/control/", views.control, name="control"),
    path("join/", views.join, name="join"),
]
