from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.http import HttpRequest


class InvitationOnlyAdapter(DefaultAccountAdapter):
    """No public sign-up: people join through a team admin's invitation link."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False
