"""Two saves at once, for the tallies' lock tests."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from typing import Any

from django.db import connections, transaction

from tests.factories import DeliberationFactory


def save_at_once(first_team: Any, second_team: Any, day: date) -> list[BaseException]:
    """A deliberation of ``first_team`` on ``day`` saved in a transaction held open until one of
    ``second_team`` on the next day has started to save (and is waiting for a lock, if any);
    returns what either raised."""
    holding, go = threading.Event(), threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with transaction.atomic():
                DeliberationFactory(team=first_team, held_on=day)
                holding.set()
                go.wait(10)
        except BaseException as error:
            errors.append(error)
            holding.set()
        finally:
            connections.close_all()

    def second() -> None:
        try:
            with transaction.atomic():
                DeliberationFactory(team=second_team, held_on=day + timedelta(days=1))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    one = threading.Thread(target=first)
    one.start()
    assert holding.wait(10)
    two = threading.Thread(target=second)
    two.start()
    two.join(0.5)  # the second now waits for the first's lock
    go.set()
    one.join(20)
    two.join(20)
    return errors
