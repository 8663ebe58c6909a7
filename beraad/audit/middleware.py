from __future__ import annotations

import uuid
from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from beraad.audit.log import AuditContext, write_entry


class AccessLogMiddleware:
    """Gives each request an id and, if the view touched case material, writes one log entry."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = uuid.uuid4().hex  # type: ignore[attr-defined]
        request.audit = AuditContext()  # type: ignore[attr-defined]
        response = self.get_response(request)
        write_entry(request, response.status_code)
        response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
        return response
