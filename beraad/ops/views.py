"""``/healthz``: for load balancers and monitoring."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.http import require_safe

from beraad.ops import health


@require_safe
def healthz(request: HttpRequest) -> HttpResponse:
    """200 "ok" or 503 "not ok", and nothing else to whoever asks: no case data, no names of
    what failed. Signed-in staff get which check failed (JSON); so does ``manage.py check_health``
    on the server. Not in the access log (it reads no case material), no session needed."""
    result = health.check()
    status = 200 if result.ok else 503
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.is_active and user.is_staff:
        return JsonResponse(result.details(), status=status)
    return HttpResponse(
        "ok\n" if result.ok else "not ok\n",
        content_type="text/plain; charset=utf-8",
        status=status,
    )
