from __future__ import annotations

from django.urls import path

from beraad.privacy import views

app_name = "privacy"

urlpatterns = [
    path("t/<slug:team>/d/<int:pk>/privacy/", views.review, name="review"),
    path("t/<slug:team>/d/<int:pk>/privacy/check/", views.check_text, name="check"),
    path("t/<slug:team>/d/<int:pk>/privacy/replace/", views.replace_in_item, name="replace"),
    path(
        "t/<slug:team>/d/<int:pk>/privacy/replace-all/",
        views.replace_everywhere,
        name="replace_all",
    ),
    path("t/<slug:team>/d/<int:pk>/privacy/undo/", views.undo_replace, name="undo"),
    path("t/<slug:team>/d/<int:pk>/privacy/choose/", views.choose, name="choose"),
    path("t/<slug:team>/d/<int:pk>/privacy/dismiss/", views.dismiss_warning, name="dismiss"),
]
