from __future__ import annotations

import pytest

from beraad.privacy.detector import load_deduce


@pytest.fixture(autouse=True, scope="session")
def full_check() -> None:
    """The library's web requests use the full check only once deduce is loaded (a server loads
    it at start-up); these tests load it first, as the server would."""
    load_deduce()
