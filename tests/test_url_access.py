"""Walks every URL pattern for every kind of visitor.

A new URL pattern that is not classified here makes ``test_it_classifies_every_url_pattern`` fail,
so nobody adds a page without deciding who may see it. Every answer the walk gets must also be
private (``tests/headers.py``): ``Cache-Control: no-store`` and a Content-Security-Policy without
``'unsafe-inline'`` for scripts.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from beraad.accounts.models import Invitation, OrganisationRole, Role
from beraad.audit.models import AccessLog
from beraad.library.models import LibraryCase
from beraad.live.models import GuestInvite, LiveSession
from tests.factories import (
    ActionFactory,
    DeliberationFactory,
    MembershipFactory,
    StakeholderFactory,
    TeamFactory,
    UserFactory,
)
from tests.headers import assert_private

LOGIN = "login"
OK = "ok"  # 200 or a redirect that is not to the login page
VISITORS = [
    "anonymous",
    "outsider",
    "trainer",
    "coordinator",
    "member",
    "facilitator",
    "team_admin",
]


def expect(member: Any, facilitator: Any = None, team_admin: Any = None) -> dict[str, Any]:
    facilitator = member if facilitator is None else facilitator
    team_admin = facilitator if team_admin is None else team_admin
    return {
        "anonymous": LOGIN,
        "outsider": 404,
        "trainer": 404,
        "coordinator": 404,  # sees the organisation's figures, never a team's pages
        "member": member,
        "facilitator": facilitator,
        "team_admin": team_admin,
    }


READ = expect(200)
FACILITATOR = expect(403, 200)
TEAM_ADMIN = expect(403, 403, 200)

ALWAYS, DENIALS, NEVER = "always", "denials", "never"  # when a request writes an access-log entry

# name → (method, POST data, expected status per visitor, access logging)
RULES: dict[str, tuple[str, dict[str, Any], dict[str, Any], str]] = {
    "home": ("get", {}, {v: OK for v in VISITORS} | {"anonymous": LOGIN}, NEVER),
    "deliberation:list": ("get", {}, READ, ALWAYS),
    "deliberation:create": ("get", {}, FACILITATOR, ALWAYS),
    "deliberation:import": ("get", {}, FACILITATOR, ALWAYS),
    "deliberation:catalogue": ("get", {}, READ, DENIALS),
    "deliberation:detail": ("get", {}, READ, ALWAYS),
    "deliberation:conclude": ("get", {}, FACILITATOR, ALWAYS),
    "deliberation:reopen": ("post", {}, expect(403, 302), ALWAYS),
    "deliberation:delete": ("get", {}, FACILITATOR, ALWAYS),
    "deliberation:export": ("get", {}, READ, ALWAYS),
    "deliberation:withdraw_consent": ("get", {}, READ, ALWAYS),
    "deliberation:grid": ("post", {}, expect(302), ALWAYS),
    "deliberation:step": ("get", {}, READ, ALWAYS),
    "deliberation:autosave": ("post", {"case_description": "Een nieuwe zin."}, READ, ALWAYS),
    "deliberation:item_add": (
        "post",
        {"add-stakeholders-kind": "neighbour", "add-stakeholders-label": "de buurman"},
        expect(302),
        ALWAYS,
    ),
    "deliberation:item_edit": ("get", {}, READ, ALWAYS),
    "deliberation:item_delete": ("post", {}, expect(302), ALWAYS),
    "accounts:members": ("get", {}, TEAM_ADMIN, DENIALS),
    "accounts:member_update": ("post", {"role": "member"}, expect(403, 403, 302), DENIALS),
    "accounts:invitation_revoke": ("post", {}, expect(403, 403, 302), DENIALS),
    "accounts:team_log": ("get", {}, TEAM_ADMIN, ALWAYS),
    "privacy:review": ("get", {}, READ, ALWAYS),
    # The check while typing reads nothing stored: only a refused attempt is worth an entry.
    "privacy:check": (
        "post",
        {"field": "case_description", "case_description": "Een zin."},
        READ,
        DENIALS,
    ),
    "privacy:replace": (
        "post",
        {"kind": "stakeholders", "field": "label", "item": "{item}", "digest": "0" * 64},
        expect(302),
        ALWAYS,
    ),
    "privacy:dismiss": ("post", {"digest": "a" * 64}, expect(302), ALWAYS),
    "privacy:replace_all": ("post", {"target": "person:persoon A"}, expect(302), ALWAYS),
    "privacy:undo": ("post", {}, expect(302), ALWAYS),
    "privacy:choose": ("post", {"name": "a" * 64, "person": "b" * 64}, expect(302), ALWAYS),
    # Public: the invitation link itself is the key.
    "accounts:invitation_accept": (
        "get",
        {},
        {v: 403 for v in VISITORS} | {"anonymous": 200},
        NEVER,
    ),
    "insights:dashboard": ("get", {}, READ, ALWAYS),
    "insights:cadence": ("post", {"cadence_weeks": "4"}, expect(403, 403, 302), ALWAYS),
    "insights:actions": ("get", {}, READ, ALWAYS),
    "insights:action_mark": ("post", {"done": "1", "note": "Gebeld."}, expect(302), ALWAYS),
    "insights:organisation": (
        "get",
        {},
        {v: 404 for v in VISITORS} | {"anonymous": LOGIN, "coordinator": 200},
        ALWAYS,
    ),
    "reports:session": ("get", {}, READ, ALWAYS),
    "reports:team": ("get", {}, READ, ALWAYS),
    # A job belongs to the person who asked for it; the walk has none for anybody: 404.
    "reports:job": ("get", {}, expect(404), ALWAYS),
    "library:propose": ("get", {}, FACILITATOR, ALWAYS),
    # A case in review: its proposing team's facilitators see it (and are told why they cannot
    # review it); facilitators of other teams and trainers review it; nobody else knows it exists.
    "library:draft": ("get", {}, expect(404, 200), ALWAYS),
    "library:review": ("get", {}, expect(404, 403) | {"outsider": 200, "trainer": 200}, ALWAYS),
    "library:publish": (
        "post",
        {},
        expect(404, 302) | {"outsider": 302, "trainer": 302},
        ALWAYS,
    ),
    # The library: trainers and the organisation's facilitators; never members or coordinators.
    "library:list": ("get", {}, expect(404, 200) | {"outsider": 200, "trainer": 200}, ALWAYS),
    "library:case": ("get", {}, expect(404, 200) | {"outsider": 200, "trainer": 200}, ALWAYS),
    "library:practice": ("post", {"team": "{team}"}, expect(404, 302), ALWAYS),
    "library:export": ("get", {}, expect(404, 200) | {"outsider": 200, "trainer": 200}, ALWAYS),
    "library:import": ("get", {}, expect(404, 200) | {"outsider": 200, "trainer": 200}, ALWAYS),
    "live:present": ("get", {}, READ, ALWAYS),
    # Polled every two seconds: only refusals are worth an entry.
    "live:state": ("get", {}, READ, DENIALS),
    "live:control": ("post", {"do": "next"}, expect(403, 302), ALWAYS),
    # The code form reads nothing; following a code leads to the presentation, which is logged.
    "live:join": ("get", {}, {v: 200 for v in VISITORS} | {"anonymous": LOGIN}, NEVER),
    "live:guests": ("get", {}, FACILITATOR, ALWAYS),
    "live:guest_end": ("post", {}, expect(403, 302), ALWAYS),
    # A participant's device: the team's members (a guest is tested in tests/live).
    "live:device": ("get", {}, READ, ALWAYS),
    "live:device_state": ("get", {}, READ, DENIALS),
    "live:device_choice": ("post", {}, expect(400), ALWAYS),  # no option chosen
    "live:device_rating": ("post", {"score": "3"}, expect(409), ALWAYS),  # ratings not open
    "live:device_contribute": ("post", {}, expect(409), ALWAYS),  # the step is not open
    # The guest link is the key; anyone signed in is told it is not for them.
    "live:guest": ("get", {}, {v: 400 for v in VISITORS} | {"anonymous": 200}, ALWAYS),
    # For load balancers: "ok" or "not ok" to anyone, no session, never in the access log
    # (tests/ops/test_healthz.py: the 503 cases and what staff see).
    "ops:healthz": ("get", {}, {v: 200 for v in VISITORS}, NEVER),
    # The icon for pages that name none: a redirect to the static file, for anyone.
    "favicon": ("get", {}, {v: 301 for v in VISITORS}, NEVER),
    "set_language": ("post", {"language": "en", "next": "/"}, {v: 302 for v in VISITORS}, NEVER),
    # The person's own account page. Signing out everywhere is a POST (tests/accounts/
    # test_sessions.py); walked with GET, so that no walk signs its visitors out.
    "accounts:account": ("get", {}, {v: 200 for v in VISITORS} | {"anonymous": LOGIN}, NEVER),
    "accounts:sign_out_everywhere": (
        "get",
        {},
        {v: 405 for v in VISITORS} | {"anonymous": LOGIN},
        NEVER,
    ),
}

# django-allauth's pages are public or lead to the login page; they must never fail.
ALLAUTH_KWARGS = {
    "account_confirm_email": {"key": "unknown-key"},
    "account_reset_password_from_key": {"uidb36": "1", "key": "unknown-key"},
    "mfa_edit_webauthn": {"pk": 1},
    "mfa_remove_webauthn": {"pk": 1},
}
# allauth.mfa's pages (tests/accounts/test_mfa.py signs in and uses them).
ALLAUTH_PREFIXES = ("account_", "mfa_")


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple[str, str]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            ns = pattern.namespace or ""
            full_ns = f"{namespace}:{ns}" if namespace and ns else namespace or ns
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), full_ns)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or ""
            yield (
                (f"{namespace}:{name}" if namespace and name else name),
                prefix + str(pattern.pattern),
            )


def all_patterns() -> list[tuple[str, str]]:
    return list(_walk(get_resolver().url_patterns))


def test_it_classifies_every_url_pattern() -> None:
    unclassified = [
        (name, route)
        for name, route in all_patterns()
        if not route.startswith("admin/")
        and name not in RULES
        and not name.startswith(ALLAUTH_PREFIXES)
    ]
    assert unclassified == []


@pytest.fixture
def world(db: None) -> dict[str, Any]:
    team = TeamFactory()
    other = TeamFactory(organisation=team.organisation)
    deliberation = DeliberationFactory(team=team)
    stakeholder = StakeholderFactory(deliberation=deliberation)
    target = MembershipFactory(team=team, role=Role.MEMBER)
    invitation = Invitation.objects.create(team=team, email="new@example.test")
    people = {
        "member": MembershipFactory(team=team, role=Role.MEMBER).user,
        "facilitator": MembershipFactory(team=team, role=Role.FACILITATOR).user,
        "team_admin": MembershipFactory(team=team, role=Role.TEAM_ADMIN).user,
        "outsider": MembershipFactory(team=other, role=Role.TEAM_ADMIN).user,
        "trainer": UserFactory(),
        "coordinator": UserFactory(),
    }
    OrganisationRole.objects.create(
        user=people["coordinator"], organisation=team.organisation, role="coordinator"
    )
    action = ActionFactory(deliberation=deliberation)
    draft = LibraryCase.objects.create(
        organisation=team.organisation,
        team=team,
        title="Concept",
        proposed_by=people["facilitator"],
        status="in_review",
    )
    published = LibraryCase.objects.create(
        organisation=team.organisation, title="Gepubliceerd", status="published"
    )
    OrganisationRole.objects.create(
        user=people["trainer"], organisation=team.organisation, role="trainer"
    )
    invite, key = GuestInvite.issue(
        LiveSession.for_deliberation(deliberation), label="wijkagent", hours=4, by=None
    )
    kwargs = {
        "team": team.slug,
        "key": key,
        "guest": invite.pk,
        "pk": deliberation.pk,
        "step": "case",
        "field": "case_description",
        "kind": "stakeholders",
        "item": stakeholder.pk,
        "token": invitation.token,
        "organisation": team.organisation.slug,
    }
    return {
        "people": people,
        "kwargs": kwargs,
        "target": target,
        "invitation": invitation,
        "action": action,
        "draft": draft,
        "published": published,
    }


def _url(name: str, world: dict[str, Any]) -> str:
    pattern_keys = {
        "accounts:member_update": {"team": world["kwargs"]["team"], "pk": world["target"].pk},
        "accounts:invitation_revoke": {
            "team": world["kwargs"]["team"],
            "pk": world["invitation"].pk,
        },
        "accounts:invitation_accept": {"token": world["kwargs"]["token"]},
        "insights:action_mark": {"team": world["kwargs"]["team"], "pk": world["action"].pk},
        **{
            name: {"pk": world["draft"].pk}
            for name in ("library:draft", "library:review", "library:publish")
        },
        **{
            name: {"organisation": world["kwargs"]["organisation"], "pk": world["published"].pk}
            for name in ("library:case", "library:practice", "library:export")
        },
    }
    if name in pattern_keys:
        return reverse(name, kwargs=pattern_keys[name])
    route = dict(all_patterns())
    route = next(r for n, r in all_patterns() if n == name)
    needed = {k: v for k, v in world["kwargs"].items() if f":{k}>" in route}
    return reverse(name, kwargs=needed)


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("name", sorted(RULES))
def test_it_gives_each_visitor_the_expected_answer(
    client: Client, world: dict[str, Any], name: str, visitor: str
) -> None:
    method, data, expected, logging = RULES[name]
    if visitor != "anonymous":
        client.force_login(world["people"][visitor])
    url = _url(name, world)
    data = {k: v.format(**world["kwargs"]) if isinstance(v, str) else v for k, v in data.items()}
    before = AccessLog.objects.count()
    response = getattr(client, method)(url, data)
    want = expected[visitor]
    denied = want == LOGIN or want in (403, 404, 405)
    entries = list(AccessLog.objects.order_by("-id")[: AccessLog.objects.count() - before])
    if logging == ALWAYS or (logging == DENIALS and denied):
        assert len(entries) == 1
        status = want if isinstance(want, int) else 200
        assert entries[0].outcome == ("denied" if denied else "error" if status >= 400 else "ok")
        assert entries[0].request_id == response["X-Request-ID"]
        if visitor != "anonymous":
            assert entries[0].user_id == world["people"][visitor].pk
    else:
        assert entries == []
    # Every answer, whoever asks and whatever the outcome: not stored, no inline script.
    assert_private(response)
    if want == LOGIN:
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    elif want == OK:
        assert response.status_code in (200, 302)
        assert not response.get("Location", "").startswith(reverse("account_login"))
    else:
        assert response.status_code == want


@pytest.mark.parametrize(
    "name", sorted({n for n, _route in all_patterns() if n.startswith(ALLAUTH_PREFIXES)})
)
def test_it_serves_the_account_pages_without_errors(client: Client, db: None, name: str) -> None:
    response = client.get(reverse(name, kwargs=ALLAUTH_KWARGS.get(name)))
    assert response.status_code in (200, 302)
    assert_private(response)


def test_it_shows_the_admin_to_staff_only(client: Client, db: None) -> None:
    client.force_login(UserFactory())
    assert client.get("/admin/").status_code == 302
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get("/admin/").status_code == 200
    changelist = client.get("/admin/deliberation/deliberation/")
    assert changelist.status_code == 200
    assert_private(changelist)
