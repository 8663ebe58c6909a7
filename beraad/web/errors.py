"""The 400 page: says which limit a request passed, in the person's language."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _


def reason(exception: Exception | None) -> str:
    """What went wrong, in plain words (never the request's own content)."""
    if isinstance(exception, RequestDataTooBig):
        return _(
            "The form sent more than %(max)s MB of text, more than Beraad accepts. Nothing was "
            "saved. Go back, shorten the text and save again."
        ) % {"max": floatformat(settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1_000_000, -1)}
    if isinstance(exception, TooManyFieldsSent):
        return _(
            "The form sent more than %(max)s fields, more than Beraad accepts. Nothing was saved."
        ) % {"max": settings.DATA_UPLOAD_MAX_NUMBER_FIELDS}
    if isinstance(exception, TooManyFilesSent):
        return _(
            "The form sent more than %(max)s file(s), more than Beraad accepts. Nothing was saved."
        ) % {"max": settings.DATA_UPLOAD_MAX_NUMBER_FILES}
    return _("The request could not be read. Nothing was saved. Go back and try again.")


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400: Django's own page is English and does not say what happened."""
    return render(request, "400.html", {"reason": reason(exception)}, status=400)
