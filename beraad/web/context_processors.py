"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest


def csp_nonce(request: HttpRequest) -> dict[str, str]:
    """The request's CSP nonce as ``csp_nonce``, the name ``{% htmx_script %}`` reads.

    django-csp makes the nonce lazily and puts it in the header only once it was used; it is
    read here, while the page renders, so a template can test ``{% if csp_nonce %}`` (the lazy
    object itself counts as false until it is read).
    """
    nonce = getattr(request, "csp_nonce", None)
    return {"csp_nonce": str(nonce)} if nonce is not None else {}
