from __future__ import annotations

from typing import Any

from allauth.mfa.webauthn.forms import AddWebAuthnForm
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from beraad.accounts.models import Invitation, Membership, Role, Team, User
from beraad.web.forms import AccessibleFormMixin


class InvitationForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Invitation
        fields = ["email", "role"]

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        self.team = team
        super().__init__(*args, **kwargs)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].lower()
        if Membership.objects.filter(team=self.team, user__email__iexact=email).exists():
            raise forms.ValidationError(_("This person is already a member of the team."))
        return email


class MembershipForm(AccessibleFormMixin, forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["role"]

    def clean_role(self) -> str:
        role = self.cleaned_data["role"]
        if (
            self.instance.role == Role.TEAM_ADMIN
            and role != Role.TEAM_ADMIN
            and not Membership.objects.filter(team=self.instance.team, role=Role.TEAM_ADMIN)
            .exclude(pk=self.instance.pk)
            .exists()
        ):
            raise forms.ValidationError(_("A team needs at least one team admin."))
        return role


class AcceptInvitationForm(AccessibleFormMixin, forms.Form):
    name = forms.CharField(label=_("Your name"), max_length=150)
    password1 = forms.CharField(label=_("Password"), widget=forms.PasswordInput, strip=False)
    password2 = forms.CharField(label=_("Password again"), widget=forms.PasswordInput, strip=False)

    def __init__(self, *args: Any, email: str, **kwargs: Any) -> None:
        self.email = email
        super().__init__(*args, **kwargs)
        self.fields[
            "password1"
        ].help_text = password_validation.password_validators_help_text_html()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            try:
                password_validation.validate_password(
                    first, User(email=self.email, name=cleaned.get("name", ""))
                )
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class AddPasskeyForm(AddWebAuthnForm):
    """allauth's form for a new passkey or security key, with a label that says what the name is
    for (allauth leaves it to Django, which does not translate it)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].label = _("Name of this key")
        self.fields["name"].help_text = _(
            "For example “phone” or “laptop”, to tell your keys apart."
        )
