"""Writers of the access log at the same moment, each on its own database connection."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections


def write_at_once(write: Callable[[int], None], writers: int) -> None:
    """Runs ``write(n)`` for n = 0 … writers-1 in threads started together; waits for all."""

    def run(n: int) -> None:
        try:
            write(n)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(writers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
