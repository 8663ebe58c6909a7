"""Strict readers for settings taken from the environment."""

from __future__ import annotations

import os


class EnvError(ValueError):
    pass


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value == "true":
        return True
    if value == "false":
        return False
    raise EnvError(f"{name} must be 'true' or 'false', not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise EnvError(f"{name} must be a whole number, not {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return list(default)
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_header(name: str) -> str:
    """An HTTP header name (letters, digits and hyphens), or "" when unset."""
    raw = os.environ.get(name, "").strip()
    if raw and not all(c.isascii() and (c.isalnum() or c == "-") for c in raw):
        raise EnvError(f"{name} must be an HTTP header name such as X-Forwarded-Proto, not {raw!r}")
    return raw
