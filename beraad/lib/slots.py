"""A place for one provider that another part registers: the core's small extension points."""

from __future__ import annotations

from typing import Generic, TypeVar

T = TypeVar("T")


class Slot(Generic[T]):
    """Holds at most one registered provider; registering again replaces it."""

    def __init__(self) -> None:
        self._provider: T | None = None

    def register(self, provider: T) -> None:
        self._provider = provider

    def unregister(self) -> None:
        self._provider = None

    def get(self) -> T | None:
        return self._provider
