"""What participants do from their own device: take a seat, choose privately, rate anonymously.

Every write here happens in one transaction with the seat locked, so a double tap or two devices
cannot submit twice, and moves the screen's version on so the facilitator sees it within a poll.
"""

from __future__ import annotations

import secrets
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connections, router, transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from beraad.deliberation import signals
from beraad.deliberation.models import (
    Choice,
    Deliberation,
    Participant,
    ParticipantRole,
    Rating,
)
from beraad.live.models import (
    Collecting,
    GuestInvite,
    LiveSession,
    PendingChoice,
    PendingRating,
    Seat,
)


class NotNow(Exception):
    """The facilitator has not opened this (or closed it already)."""


def participant_for(pk: int, name: str, role: str) -> Participant:
    """Their line on the list of participants.

    A member takes over a line of the same name that the facilitator typed, unless another seat
    has it already; a guest always gets a line of their own (two volunteers are two people).
    """
    found = _unseated(pk, name, role)
    existing = found.first() if found is not None else None
    if existing is not None:
        return existing
    return Participant.objects.create(deliberation_id=pk, name=name, role=role)


def _unseated(pk: int, name: str, role: str) -> QuerySet[Participant] | None:
    """The lines a person of this name may take over, or None: they make their own."""
    if not name or role == ParticipantRole.GUEST:
        return None
    taken = Seat.objects.filter(session_id=pk, participant__isnull=False).values("participant_id")
    return Participant.objects.filter(deliberation_id=pk, name__iexact=name).exclude(pk__in=taken)


def take_seat(session: LiveSession, user: Any) -> Seat:
    """A team member's seat, made the first time they follow (they join the participants).

    The caller has just found no seat: it is made without looking again. If the same person's
    other device made it in the meantime, this seat (their participant line with it) is rolled
    back and that seat is theirs.
    """
    name = getattr(user, "name", "") or str(user)
    try:
        return _made_seat(session, name, ParticipantRole.PARTICIPANT, user=user)
    except IntegrityError:
        made = Seat.objects.select_related("participant").filter(session=session, user=user).first()
        if made is None:  # another constraint failed: not the race this is for
            raise
        made.session = session
        return made


def guest_seat(invite: GuestInvite) -> Seat:
    """The seat of a guest, made when the link is opened (the guest joins the participants);
    one made meanwhile by their other tab is theirs, as in take_seat."""
    seat = Seat.objects.filter(guest=invite).first()
    if seat is not None:
        return seat
    try:
        return _made_seat(invite.session, invite.label, ParticipantRole.GUEST, guest=invite)
    except IntegrityError:
        seat = Seat.objects.filter(guest=invite).first()
        if seat is None:
            raise
        return seat


def _made_seat(
    session: LiveSession,
    name: str,
    role: str,
    *,
    user: Any = None,
    guest: GuestInvite | None = None,
) -> Seat:
    """A new seat with its participant line, and the screen's news of it, all or nothing.

    On PostgreSQL in one statement (_seat_statement): a whole room arrives within a few seconds,
    and four round trips less for each keeps every device's first page quick. Elsewhere as
    separate writes in a transaction. The room's version is moved on last, so the live session's
    row is locked only until the commit.
    """
    connection = connections[router.db_for_write(Seat)]
    if connection.vendor != "postgresql":
        with transaction.atomic(using=connection.alias):
            participant = participant_for(session.pk, name, role)
            seat = Seat.objects.create(
                session=session, user=user, guest=guest, participant=participant
            )
            LiveSession.bump(session.pk, room=True)
        return seat
    sql, params = _seat_statement(connection, session.pk, name, role, user, guest)
    # One statement is a transaction of its own; inside a transaction (an atomic block, or
    # autocommit turned off), a savepoint undoes it alone when it fails (the races take_seat
    # and guest_seat are for), as the atomic block above does.
    alone = (
        nullcontext() if connection.get_autocommit() else transaction.atomic(using=connection.alias)
    )
    with alone, connection.cursor() as cursor:
        cursor.execute(sql, params)
        seat_id, participant_id, line_name, line_role, made = cursor.fetchone()
    participant = Participant(
        pk=participant_id, deliberation_id=session.pk, role=line_role, name=line_name
    )
    seat = Seat(pk=seat_id, session=session, user=user, guest=guest, participant=participant)
    for instance in (participant, seat):
        instance._state.adding, instance._state.db = False, connection.alias
    if made:  # what saving it through the ORM announces (beraad/deliberation/signals.py)
        signals.announce(Participant, [session.pk], created=True)
    return seat


# The columns _seat_statement writes, in the order of its values: every column of the two tables
# but the id (a test holds them to the models, so a new field cannot be left out on PostgreSQL).
PARTICIPANT_WRITES = ("deliberation", "role", "name")
SEAT_WRITES = ("session", "user", "guest", "participant", "chose", "rated")


def _seat_statement(
    connection: Any, pk: int, name: str, role: str, user: Any, guest: GuestInvite | None
) -> tuple[str, list[Any]]:
    """_made_seat's writes as one PostgreSQL statement: take over an unseated line of this name
    (participant_for's rule, its query made by the ORM) or add one, add the seat, move the room's
    version on. Its row: the seat, the participant line with its name and role, and whether the
    line is new. The data-modifying WITH queries all run, once, and fail or commit together."""
    quote = connection.ops.quote_name
    participant, seat, live = Participant._meta, Seat._meta, LiveSession._meta

    def column(meta: Any, field: str) -> str:
        return quote(meta.get_field(field).column)

    unseated = _unseated(pk, name, role)
    found_sql, found_params = "SELECT NULL::bigint, NULL::text, NULL::text WHERE false", ()
    if unseated is not None:
        found = unseated.order_by("pk").values_list("pk", "name", "role")[:1]
        found_sql, found_params = found.query.sql_with_params()
    pid, pname, prole = (column(participant, f) for f in ("id", "name", "role"))
    version = column(live, "room_version")
    sql = f"""
        WITH found (id, name, role) AS ({found_sql}),
        made (id, name, role) AS (
            INSERT INTO {quote(participant.db_table)}
                ({", ".join(column(participant, f) for f in PARTICIPANT_WRITES)})
            SELECT %s, %s, %s WHERE NOT EXISTS (SELECT 1 FROM found)
            RETURNING {pid}, {pname}, {prole}
        ),
        line (id, name, role, made) AS (
            SELECT id, name, role, false FROM found
            UNION ALL SELECT id, name, role, true FROM made
        ),
        seat (id) AS (
            INSERT INTO {quote(seat.db_table)}
                ({", ".join(column(seat, f) for f in SEAT_WRITES)})
            SELECT %s, %s, %s, id, false, false FROM line
            RETURNING {column(seat, "id")}
        ),
        bumped AS (
            UPDATE {quote(live.db_table)} SET {version} = {version} + 1
            WHERE {quote(live.pk.column)} = %s
        )
        SELECT seat.id, line.id, line.name, line.role, line.made FROM seat, line
    """  # noqa: S608 - names from the models' own options; every value is a parameter
    user_id, guest_id = getattr(user, "pk", None), getattr(guest, "pk", None)
    return sql, [*found_params, pk, role, name, pk, user_id, guest_id, pk]


def _locked(seat: Seat) -> tuple[Seat, LiveSession]:
    """The seat and its live session, both rows locked until the commit, in one query."""
    locked = Seat.objects.select_for_update().select_related("session").get(pk=seat.pk)
    return locked, locked.session


def submit_choice(seat: Seat, data: dict[str, Any]) -> None:
    """Store a choice out of sight until the reveal.

    By name: the choice points to the participant and may be changed until the reveal.
    Anonymous: it points to nobody, so it cannot be found again to be changed; the seat only
    remembers that it was sent.

    No savepoint (two round trips while the rows are locked): the request's transaction
    (audit.log.run_logged) fails as a whole anyway. So NotNow is raised after the block, which
    has written nothing then: an exception inside it would spoil the request's transaction.
    """
    with transaction.atomic(savepoint=False):
        seat, session = _locked(seat)
        refused = session.collecting != Collecting.OPEN or (
            seat.chose and not session.collect_by_name
        )
        if not refused:
            fields = {k: data.get(k) for k in ("option", "deciding_value")} | {
                k: data.get(k) or "" for k in ("harm", "mitigation", "needs")
            }
            if session.collect_by_name:
                # The seat is locked: nobody else can add this seat's choice meanwhile.
                named = fields | {"participant_id": seat.participant_id}
                if not PendingChoice.objects.filter(session=session, seat=seat).update(**named):
                    PendingChoice.objects.create(session=session, seat=seat, **named)
            else:
                PendingChoice.objects.create(session=session, **fields)
            Seat.objects.filter(pk=seat.pk).update(chose=True)
            LiveSession.bump(session.pk, room=True)
    if refused:
        raise NotNow


def reveal(session: LiveSession) -> int:
    """All pending choices become the deliberation's choices at once, in a shuffled order."""
    with transaction.atomic():
        session = LiveSession.objects.select_for_update().get(pk=session.pk)
        if session.collecting != Collecting.OPEN:
            raise NotNow
        pending = list(PendingChoice.objects.filter(session=session))
        secrets.SystemRandom().shuffle(pending)
        Choice.objects.bulk_create(
            Choice(
                deliberation_id=session.pk,
                participant_id=p.participant_id if session.collect_by_name else None,
                **p.content(),
            )
            for p in pending
        )
        PendingChoice.objects.filter(session=session).delete()
        LiveSession.objects.filter(pk=session.pk).update(collecting=Collecting.REVEALED)
        LiveSession.bump(session.pk)
    return len(pending)


def rate(seat: Seat, score: int) -> None:
    """An anonymous rating: held without person or time, written shuffled when ratings close."""
    with transaction.atomic(savepoint=False):  # see submit_choice
        seat, session = _locked(seat)
        refused = not session.ratings_open or seat.rated
        if not refused:
            PendingRating.objects.create(session=session, score=score)
            Seat.objects.filter(pk=seat.pk).update(rated=True)
            LiveSession.bump(session.pk, room=True)
    if refused:
        raise NotNow


def close_ratings(session_id: int) -> int:
    """The ratings sent from devices become the deliberation's ratings, in a shuffled order."""
    with transaction.atomic():
        pending = list(PendingRating.objects.select_for_update().filter(session_id=session_id))
        secrets.SystemRandom().shuffle(pending)
        Rating.objects.bulk_create(
            Rating(deliberation_id=session_id, score=p.score) for p in pending
        )
        PendingRating.objects.filter(pk__in=[p.pk for p in pending]).delete()
        LiveSession.objects.filter(pk=session_id).update(ratings_open=False)
    return len(pending)


@dataclass
class Tally:
    label: str
    count: int


@dataclass
class Distribution:
    total: int
    options: list[Tally]
    values: list[Tally]
    named: list[Choice]


def distribution(deliberation: Deliberation) -> Distribution:
    """How the group's choices fall over the options and the deciding values."""
    choices = list(
        deliberation.choices.select_related("option", "deciding_value", "participant").order_by(
            "id"
        )
    )
    titles = {o.pk: o.title for o in deliberation.options.order_by("id")}
    options: Counter[Any] = Counter(dict.fromkeys(titles, 0))
    options.update(c.option_id for c in choices)
    values = Counter(c.deciding_value.label if c.deciding_value else None for c in choices)

    def tallies(counter: Counter[Any], label: Any, empty: str) -> list[Tally]:
        ranked = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0] is None, str(label(kv[0]))))
        return [Tally(str(label(key)) if key is not None else empty, n) for key, n in ranked]

    return Distribution(
        total=len(choices),
        options=tallies(options, titles.get, _("no option chosen")),
        values=tallies(values, str, _("no value named")),
        named=[c for c in choices if c.participant_id is not None],
    )
