"""Typing help for requests that passed django-htmx's middleware."""

from __future__ import annotations

from typing import cast

from django.http import HttpRequest
from django.utils.http import content_disposition_header
from django_htmx.middleware import HtmxDetails


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails


def attachment(filename: str) -> str:
    """A ``Content-Disposition`` value that makes the browser save the answer as ``filename``."""
    # Django's helper is typed "str | None": None only for an inline answer without a file name.
    return cast(str, content_disposition_header(as_attachment=True, filename=filename))
