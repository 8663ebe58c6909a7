from __future__ import annotations

from django.urls import path

from beraad.live import views, views_device

app_name = "live"

urlpatterns = [
    path("t/<slug:team>/d/<int:pk>/present/", views.present, name="present"),
    path("t/<slug:team>/d/<int:pk>/present/state/", views.state, name="state"),
    path("t/<slug:team>/d/<int:pk>/present/control/", views.control, name="control"),
    path("t/<slug:team>/d/<int:pk>/present/guests/", views.guests, name="guests"),
    path(
        "t/<slug:team>/d/<int:pk>/present/guests/<int:guest>/end/",
        views.guest_end,
        name="guest_end",
    ),
    path("join/", views.join, name="join"),
    # A participant's own device: team members signed in, or the deliberation's guest.
    path("live/<int:pk>/", views_device.device, name="device"),
    path("live/<int:pk>/state/", views_device.device_state, name="device_state"),
    path("live/<int:pk>/choice/", views_device.device_choice, name="device_choice"),
    path("live/<int:pk>/rating/", views_device.device_rating, name="device_rating"),
    path("live/<int:pk>/contribute/", views_device.device_contribute, name="device_contribute"),
    path("guest/<str:key>/", views_device.guest, name="guest"),
]
