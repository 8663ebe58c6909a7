"""Detect two people editing the same field at once, so neither loses work silently.

Every guarded form carries, per field, a token of the value the person started from
(``_base_<field>``). On save, a three-way comparison decides per field:

* the person did not change it → the stored value stays (someone else's edit survives);
* only the person changed it → it is saved;
* both changed it to different texts → nothing is saved for that field, and the form shows
  the other version next to the person's own text, which stays in the field.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import date
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext as _

from beraad.web.forms import AccessibleFormMixin

BASE_PREFIX = "_base_"


def token(value: Any) -> str:
    if value is None:
        text = ""
    elif isinstance(value, models.Model):
        text = str(value.pk)
    elif isinstance(value, models.QuerySet | list | tuple | set):
        text = ",".join(sorted(str(v.pk if isinstance(v, models.Model) else v) for v in value))
    elif isinstance(value, date):
        text = value.isoformat()
    else:
        text = str(value).replace("\r\n", "\n").strip()
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def stored_value(instance: models.Model, name: str) -> Any:
    field = instance._meta.get_field(name)
    if field.many_to_many:
        return list(getattr(instance, name).all()) if instance.pk else []
    return getattr(instance, name)


def describe(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Iterable) and not isinstance(value, str):
        return ", ".join(str(v) for v in value)
    return str(value)


class GuardedModelForm(AccessibleFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.bases: dict[str, str] = {}
        self.conflicts: dict[str, str] = {}
        for name in self.fields:
            posted = self.data.get(self.add_prefix(BASE_PREFIX + name)) if self.is_bound else None
            self.bases[name] = posted if posted else self._current_token(name)

    def _current_token(self, name: str) -> str:
        try:
            return token(stored_value(self.instance, name))
        except Exception:  # a form-only field has no stored value
            return token(self.initial.get(name))

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        if not self.instance.pk:
            return cleaned
        for name in list(cleaned):
            posted_base = self.data.get(self.add_prefix(BASE_PREFIX + name))
            if not posted_base:
                continue
            try:
                current = stored_value(self.instance, name)
            except Exception:  # noqa: S112 - not a model field
                continue
            mine, theirs = token(cleaned[name]), token(current)
            if mine == posted_base:
                cleaned[name] = current  # untouched here: keep what is stored
            elif theirs != posted_base and mine != theirs:
                self.conflicts[name] = describe(current)
                self.bases[name] = theirs  # saving again now overwrites, knowingly
                self.add_error(
                    name,
                    _(
                        "Someone else changed this field while you were typing. Their version is "
                        "shown below; your text is still in the field. Combine the two and save again."
                    ),
                )
        return cleaned

    def refresh_bases(self) -> None:
        """After a save: the stored values are the new starting point."""
        for name in self.fields:
            self.bases[name] = self._current_token(name)
