from __future__ import annotations

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from beraad.accounts import views as account_views

urlpatterns = [
    path("", account_views.home, name="home"),
    path("", include("beraad.accounts.urls")),
    path("", include("beraad.deliberation.urls")),
    path("", include("beraad.privacy.urls")),
    path("", include("beraad.insights.urls")),
    path("", include("beraad.reports.urls")),
    path("", include("beraad.library.urls")),
    path("", include("beraad.live.urls")),
    path("", include("beraad.ops.urls")),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico on pages that name no icon (a PDF, a JSON export, an error
    # page outside the base layout): the static file, which whitenoise serves with its caching.
    path(
        "favicon.ico",
        RedirectView.as_view(url=f"{settings.STATIC_URL}favicon.ico", permanent=True),
        name="favicon",
    ),
]

# A request over the upload limits (settings.py) or with an unreadable body: a page that says so.
handler400 = "beraad.web.errors.bad_request"
