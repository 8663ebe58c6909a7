from __future__ import annotations

from django.urls import path

from beraad.library import views

app_name = "library"

urlpatterns = [
    path("t/<slug:team>/d/<int:pk>/library/", views.propose, name="propose"),
    path("library/<int:pk>/draft/", views.draft, name="draft"),
    path("library/<int:pk>/review/", views.review, name="review"),
    path("library/<int:pk>/publish/", views.publish, name="publish"),
    path("o/<slug:organisation>/library/", views.library, name="list"),
    path("o/<slug:organisation>/library/<int:pk>/", views.case_detail, name="case"),
    path("o/<slug:organisation>/library/<int:pk>/practice/", views.practice, name="practice"),
    path("o/<slug:organisation>/library/<int:pk>/export/", views.export, name="export"),
    path("o/<slug:organisation>/library/import/", views.import_view, name="import"),
]
