"""Retention: after an organisation's period, the free texts of a concluded deliberation are erased.

What the team's overviews need stays: date, team, themes, values (slugs), stakeholder kinds,
option × value effects, outcome and the number of actions (and whether they were done).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from beraad.accounts.models import Organisation
from beraad.audit.log import log_command
from beraad.audit.models import Action
from beraad.deliberation import signals, texts
from beraad.deliberation.models import Deliberation, Option, Stakeholder, Status
from beraad.privacy.models import Dismissal, NameChoice, Pseudonym, Replacement


@dataclass
class RetentionReport:
    deliberations: int = 0
    texts: Counter[str] = field(default_factory=Counter)


def months_before(moment: datetime, months: int) -> datetime:
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    day = min(moment.day, 28)  # safe in every month; a few days either way do not matter here
    return moment.replace(year=year, month=month + 1, day=day)


def due_for_erasure(now: datetime) -> list[Deliberation]:
    due: list[Deliberation] = []
    for organisation in Organisation.objects.all():
        cutoff = months_before(now, organisation.retention_months)
        due.extend(
            Deliberation.objects.filter(
                team__organisation=organisation,
                status=Status.CONCLUDED,
                concluded_at__lt=cutoff,
                erased_at__isnull=True,
            ).select_related("team")
        )
    return due


def erase_texts(deliberation: Deliberation, *, now: datetime, report: RetentionReport) -> None:
    """Empty every free text declared in ``deliberation.texts``, of the deliberation and its items."""
    own = texts.names(texts.texts_of(Deliberation))
    for name in own:
        if getattr(deliberation, name):
            report.texts[f"deliberation.{name}"] += 1
            setattr(deliberation, name, "")
    deliberation.title = _("Deliberation of %(date)s (texts erased)") % {
        "date": deliberation.held_on.isoformat()
    }
    deliberation.erased_at = now
    deliberation.save(update_fields=[*own, "erased_at"])
    parts: dict[type[Any], list[str]] = {}
    for kind, free in texts.item_texts():
        parts.setdefault(kind.model, []).append(free.name)
    for model, names in parts.items():
        rows = model._default_manager.filter(deliberation=deliberation)
        for name in names:
            filled = rows.exclude(Q(**{name: ""}))
            count = filled.count()
            if count:
                report.texts[f"{model._meta.model_name}.{name}"] += count
                filled.update(**{name: ""})
    # The keyed digests of names and their pseudonyms have no use once the texts are gone.
    for model in (Pseudonym, Dismissal, NameChoice, Replacement):
        count, _deleted = model.objects.filter(deliberation=deliberation).delete()
        if count:
            report.texts[f"{model._meta.model_name}s"] += count
    # Labels and titles must stay distinguishable rows for the overviews.
    Stakeholder.objects.filter(deliberation=deliberation).update(label=F("kind"))
    for number, option in enumerate(Option.objects.filter(deliberation=deliberation), start=1):
        option.title = _("Option %(number)s") % {"number": number}
        option.save(update_fields=["title"])
    # The updates above bypass the models' signals: say what changed (the search entry holds
    # the same texts and is rebuilt from what is left).
    for model in parts:
        signals.announce(model, [deliberation.pk])


def apply_retention(*, now: datetime | None = None, dry_run: bool = False) -> RetentionReport:
    now = now or timezone.now()
    report = RetentionReport()
    erased: list[int] = []
    for deliberation in due_for_erasure(now):
        report.deliberations += 1
        with transaction.atomic():
            with signals.batched():  # the search entry and the like rebuilt once, at the end
                erase_texts(deliberation, now=now, report=report)
            if dry_run:
                transaction.set_rollback(True)
            else:
                log_command(
                    action=Action.ERASE,
                    object_type="deliberation",
                    object_id=deliberation.pk,
                    team=deliberation.team,
                )
                erased.append(deliberation.pk)
    if not dry_run:
        # Features clean up after retention too (reports: expired report files).
        for _receiver, removed in signals.retention_applied.send(
            sender=Deliberation, deliberation_ids=frozenset(erased), now=now
        ):
            report.texts.update(removed or {})
    return report
