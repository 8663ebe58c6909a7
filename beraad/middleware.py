from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation


class DutchFirstLocaleMiddleware:
    """Dutch unless the person chose another language with the switch (a cookie).

    Django's LocaleMiddleware would follow the browser's language; a Dutch team whose laptops
    happen to be set to English should still get the Dutch interface.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.known = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.known else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        response.headers.setdefault("Vary", "Cookie")
        return response


class ResponseHeadersMiddleware:
    """``Cache-Control: no-store`` and ``Permissions-Policy`` on every response Beraad renders.

    Almost every page, fragment, export, PDF and poll answer carries case data, and which ones do
    depends on who asks (a guest link, a team page, a 204 poll): one rule for everything the
    application answers is the one that cannot miss a new view. What it costs is that the login
    page and the error pages are not cached either. Static files are answered by whitenoise,
    which sits before this middleware, and keep their own caching.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.permissions_policy = ", ".join(
            f"{feature}={allow}" for feature, allow in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # Replaces whatever a view or Django set (never_cache's "no-store" included): not stored
        # by the browser, a proxy or the back-forward cache.
        response["Cache-Control"] = "no-store"
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        return response
