"""Form behaviour shared by every app."""

from __future__ import annotations

from typing import Any

from django import forms


class AccessibleFormMixin:
    """Errors tied to their field for screen readers; no silent truncation of a long paste."""

    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():
            # The server checks the length and says so; a browser limit would cut a paste silently.
            field.widget.attrs.pop("maxlength", None)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        for name in self.errors:  # type: ignore[attr-defined]
            if name in self.fields:
                bound = self[name]  # type: ignore[index]
                described = [f"{bound.auto_id}_error"]
                if self.fields[name].widget.attrs.get("hx-target"):
                    described.append(f"privacy-{bound.auto_id}")
                if self.fields[name].help_text:
                    described.append(f"{bound.auto_id}_helptext")
                self.fields[name].widget.attrs["aria-describedby"] = " ".join(described)
