from __future__ import annotations

from django.urls import path

from beraad.deliberation import views, views_items

app_name = "deliberation"

urlpatterns = [
    path("t/<slug:team>/", views.deliberation_list, name="list"),
    path("t/<slug:team>/new/", views.deliberation_create, name="create"),
    path("t/<slug:team>/import/", views.import_view, name="import"),
    path("t/<slug:team>/values/", views.catalogue, name="catalogue"),
    path("t/<slug:team>/d/<int:pk>/", views.deliberation_detail, name="detail"),
    path("t/<slug:team>/d/<int:pk>/conclude/", views.conclude, name="conclude"),
    path("t/<slug:team>/d/<int:pk>/reopen/", views.reopen, name="reopen"),
    path("t/<slug:team>/d/<int:pk>/delete/", views.delete, name="delete"),
    path("t/<slug:team>/d/<int:pk>/export/", views.export, name="export"),
    path(
        "t/<slug:team>/d/<int:pk>/consent/withdraw/",
        views.withdraw_consent,
        name="withdraw_consent",
    ),
    path("t/<slug:team>/d/<int:pk>/grid/", views_items.grid_save, name="grid"),
    path("t/<slug:team>/d/<int:pk>/step/<slug:step>/", views.step_view, name="step"),
    path(
        "t/<slug:team>/d/<int:pk>/step/<slug:step>/field/<slug:field>/",
        views.autosave,
        name="autosave",
    ),
    path("t/<slug:team>/d/<int:pk>/<slug:kind>/add/", views_items.item_add, name="item_add"),
    path(
        "t/<slug:team>/d/<int:pk>/<slug:kind>/<int:item>/edit/",
        views_items.item_edit,
        name="item_edit",
    ),
    path(
        "t/<slug:team>/d/<int:pk>/<slug:kind>/<int:item>/delete/",
        views_items.item_delete,
        name="item_delete",
    ),
]
