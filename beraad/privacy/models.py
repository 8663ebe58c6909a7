"""What the privacy check remembers per deliberation: never the personal data itself, only keyed digests."""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from beraad.deliberation.models import Deliberation
from beraad.privacy.pseudonyms import normalise


def digest(deliberation_id: int, kind: str, text: str) -> str:
    """A keyed digest: the same name in the same deliberation gives the same value, and the
    database alone does not reveal the name."""
    message = f"{deliberation_id}:{kind}:{normalise(text)}".encode()
    return hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).hexdigest()


class Pseudonym(models.Model):
    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=20)
    digest = models.CharField(max_length=64)
    label = models.CharField(max_length=40)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deliberation", "digest"], name="one_pseudonym_each")
        ]
        verbose_name = _("pseudonym")
        verbose_name_plural = _("pseudonyms")

    def __str__(self) -> str:
        return self.label


class Dismissal(models.Model):
    """A warning the team judged not to be personal data (e.g. "Bakker" the profession)."""

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deliberation", "digest"], name="one_dismissal_each")
        ]

    def __str__(self) -> str:
        return self.digest[:8]


class NameChoice(models.Model):
    """Who an ambiguous name is, as a person chose it ("Henk" is Henk de Boer, not Henk Smit):
    the digest of the name as mentioned and the digest of the chosen person's fullest name."""

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64)
    person = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["deliberation", "digest"], name="one_name_choice_each")
        ]

    def __str__(self) -> str:
        return self.digest[:8]


class Replacement(models.Model):
    """What the last "Vervang alle" changed in a deliberation, so that it can be undone until one
    of those texts is saved again. Holds the texts as they were (case text: erased with the
    deliberation's texts by retention, and replaced by the next "Vervang alle")."""

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="+")
    made_at = models.DateTimeField(auto_now_add=True)
    # [{"kind": item kind or "", "item": id or None, "field": name, "before": text,
    #   "after": guard token of the replaced text}]
    changes = models.JSONField(default=list)

    def __str__(self) -> str:
        return f"{self.deliberation_id} {self.made_at:%Y-%m-%d %H:%M}"
