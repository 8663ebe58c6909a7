"""What every response Beraad renders must carry: shared by the URL walk and the header tests."""

from __future__ import annotations

from typing import Any


def csp_directives(response: Any) -> dict[str, list[str]]:
    header = response.get("Content-Security-Policy", "")
    directives: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0].lower()] = words[1:]
    return directives


def assert_private(response: Any) -> None:
    """Not stored anywhere, and no script runs unless it is ours.

    ``no-store`` without anything that would let a shared cache keep it; a policy whose scripts
    come only from this site or carry the request's nonce (never ``'unsafe-inline'`` or
    ``'unsafe-eval'``; ``script-src-elem``/``-attr`` do not widen it).
    """
    cache_control = {d.strip().lower() for d in response.get("Cache-Control", "").split(",")}
    assert "no-store" in cache_control, response.get("Cache-Control")
    assert not cache_control & {"public", "s-maxage"}, response.get("Cache-Control")
    assert not any(d.startswith("max-age=") and d != "max-age=0" for d in cache_control)
    policy = csp_directives(response)
    scripts = policy.get("script-src", policy.get("default-src"))
    assert scripts, response.get("Content-Security-Policy")
    assert set(scripts) <= {"'self'"} | {s for s in scripts if s.startswith("'nonce-")}
    for directive in ("script-src-elem", "script-src-attr"):
        assert directive not in policy
    assert policy["object-src"] == ["'none'"] and policy["frame-ancestors"] == ["'none'"]
    assert "camera=()" in response.get("Permissions-Policy", "")
