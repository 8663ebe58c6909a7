"""Every form of the product, driven with arbitrary input by Hypothesis.

Each page below is opened as a person who may use it; every form on it (and every field that
saves or checks itself through htmx) is found in the page's HTML and sent with arbitrary values:
the page's own values, arbitrary unicode (NUL characters and lone surrogates included, sent as
raw bytes the way a broken client would), and very long texts. The answer is never a server
error, and what is stored afterwards is either what was sent or what was there before: never a
truncated, half-saved or mangled text. Each example runs in a transaction that is rolled back,
so every example starts from the same data.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote_plus, urlsplit

import pytest
from django.apps import apps
from django.db import models, transaction
from django.http import QueryDict
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from beraad.accounts.models import Invitation, Membership
from beraad.deliberation.method import STEPS
from beraad.deliberation.models import (
    CaseQuestion,
    Choice,
    Deliberation,
    Option,
    OptionEffect,
    Participant,
    Rating,
    Status,
    Value,
    ValueAtStake,
)
from beraad.insights.stats import Period
from beraad.live.models import Collecting, LiveSession
from beraad.reports import jobs
from beraad.reports.models import ReportJob
from tests.test_url_access import RULES, world  # noqa: F401  (world is a fixture used below)

FUZZ = settings(
    max_examples=4,
    deadline=None,
    database=None,  # each run starts afresh: the pages' ids differ from run to run
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# Text as a person, a paste or a broken client sends it.
TEXT = st.one_of(
    st.text(max_size=40),
    st.text(st.characters(codec=None, categories=None), max_size=40),  # surrogates included
    st.sampled_from(["\x00", "\ud800", "²", " ", "\r\n", "<script>", "' OR 1=1 --"]),
    st.builds(
        lambda c, n: c * n, st.sampled_from(["x", "é", "😀", "\x00"]), st.integers(0, 30_000)
    ),
    st.integers(-(10**30), 10**30).map(str),
    st.sampled_from(["0", "-1", "9999-12-31", "2026-02-30", "1e999", "NaN", "None", "[]"]),
)

# Sent in every field at once, for every form, besides what Hypothesis draws: what broke before.
NASTY = ["a\x00b", "\ud800", "²", "٣", "9" * 25, "x" * 30_000]

# Fields the product writes itself, never from a form: checked elsewhere.
DERIVED = {
    "accounts.User.password",
    "accounts.Invitation.token",
    "deliberation.Deliberation.current_step",
    "privacy.Pseudonym.kind",
    "privacy.Pseudonym.digest",
    "privacy.Pseudonym.label",
    "privacy.NameChoice.digest",
    "privacy.NameChoice.person",
    "privacy.Replacement.changes",
    "library.LibraryCase.source_digest",
    "live.LiveSession.step",
    "live.LiveSession.join_code",
    "live.LiveSession.collecting",
    "live.GuestInvite.key_digest",
    "reports.ReportJob.by",
    "reports.ReportJob.language",
    "reports.ReportJob.task_id",
}
# Forms whose very purpose is to write texts nobody sent: a pseudonym in place of personal data,
# a library copy (with pseudonyms) of a deliberation, a practice deliberation from a library case.
REWRITES = {
    "privacy:replace",
    "privacy:replace_all",
    "privacy:undo",
    "library:propose",
    "library:practice",
}
# Forms of the page layout itself: fuzzed once, on the home page.
LAYOUT = {"set_language", "account_logout"}


@dataclass
class Target:
    """One thing a page sends: a form, or an element that posts itself through htmx."""

    method: str
    url: str
    fields: dict[str, list[str]] = field(default_factory=dict)
    multiple: set[str] = field(default_factory=set)

    @property
    def name(self) -> str:
        return resolve(urlsplit(self.url).path).view_name

    @property
    def key(self) -> tuple[str, str, tuple[str, ...]]:
        return (self.method, self.url, tuple(sorted(self.fields)))


class FormFinder(HTMLParser):
    """The forms and htmx-posting elements of a page, with their fields and offered values."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.page = page
        self.targets: list[Target] = []
        self.open: list[tuple[str, Target]] = []
        self.select: str | None = None
        self.textarea: tuple[str, list[str]] | None = None

    def _offer(self, name: str, value: str, *, multiple: bool = False) -> None:
        for _tag, target in self.open:
            offered = target.fields.setdefault(name, [])
            if value not in offered:
                offered.append(value)
            if multiple:
                target.multiple.add(name)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._push(tag, Target(a.get("method", "get").lower(), a.get("action") or self.page))
        elif "hx-post" in a:
            target = Target("post", a["hx-post"])
            if a.get("hx-vals"):
                target.fields = {k: [str(v)] for k, v in json.loads(a["hx-vals"]).items()}
            self._push(tag, target)
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text")
            self._offer(
                name,
                a.get("value", "on" if kind == "checkbox" else ""),
                multiple=kind == "checkbox",
            )
            if self.open and self.open[-1][0] == "input":
                self.open.pop()  # an input that posts itself has no end tag
        elif tag == "button" and name:
            self._offer(name, a.get("value", ""))
        elif tag == "select" and name:
            self.select = name
            if "multiple" in a:
                for _tag, target in self.open:
                    target.multiple.add(name)
        elif tag == "option" and self.select:
            self._offer(self.select, a.get("value", ""))
        elif tag == "textarea" and name:
            self.textarea = (name, [])

    def handle_data(self, data: str) -> None:
        if self.textarea is not None:
            self.textarea[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        if tag == "textarea" and self.textarea is not None:
            name, parts = self.textarea
            self._offer(name, "".join(parts).removeprefix("\n"))
            self.textarea = None
        if self.open and self.open[-1][0] == tag:
            self.open.pop()

    def _push(self, tag: str, target: Target) -> None:
        self.targets.append(target)
        self.open.append((tag, target))


def targets_on(page: str, html: str, *, layout: bool) -> list[Target]:
    finder = FormFinder(page)
    finder.feed(html)
    found: dict[tuple[str, str, tuple[str, ...]], Target] = {}
    for target in finder.targets:
        if target.url.startswith("http") or (target.name in LAYOUT) != layout:
            continue
        if target.name == "account_logout":
            continue  # it would end the session the rest of the run needs
        if target.name == "privacy:check" and any(
            t.name == "privacy:check" for t in found.values()
        ):
            continue  # one text field per page: the check reads them all the same way
        found.setdefault(target.key, target)
    return list(found.values())


def encode(pairs: list[tuple[str, str]]) -> bytes:
    """URL-encoded as a browser would, but a lone surrogate goes out as its raw bytes."""
    return "&".join(
        f"{quote_plus(k.encode('utf-8', 'surrogatepass'))}="
        f"{quote_plus(v.encode('utf-8', 'surrogatepass'))}"
        for k, v in pairs
    ).encode("ascii")


@st.composite
def filled(draw: st.DrawFn, target: Target) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, offered in target.fields.items():
        choice = draw(st.sampled_from(["offered", "text", "left out"]))
        if choice == "left out":
            continue
        values = st.sampled_from(offered) if choice == "offered" and offered else TEXT
        if name in target.multiple:
            pairs += [(name, v) for v in draw(st.lists(values, max_size=3))]
        else:
            pairs.append((name, draw(values)))
    # Now and then a field the form does not have.
    pairs += draw(st.lists(st.tuples(TEXT, TEXT), max_size=1))
    return pairs


def text_columns() -> dict[str, list[str]]:
    return {
        model._meta.label: [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField)
            and not f.choices
            and not isinstance(f, models.SlugField)
            and f"{model._meta.label}.{f.name}" not in DERIVED
        ]
        for model in apps.get_models()
        if model.__module__.startswith("beraad.")
        and model._meta.app_label != "audit"
        and model._meta.label != "insights.SearchEntry"
    }


def stored_texts(columns: dict[str, list[str]]) -> dict[tuple[str, Any, str], str]:
    texts = {}
    for label, names in columns.items():
        if not names:
            continue
        model = apps.get_model(label)
        for row in model._default_manager.values_list("pk", *names):
            for name, value in zip(names, row[1:], strict=True):
                texts[(label, row[0], name)] = value
    return texts


def check_stored(
    target: Target,
    body: bytes,
    status: int,
    before: dict[tuple[str, Any, str], str],
    after: dict[tuple[str, Any, str], str],
) -> None:
    """What changed is what was sent (as Django read it), or an existing text copied."""
    sent = QueryDict(body)
    if target.name in REWRITES or {"replace", "dismiss"} & set(sent):
        return  # the buttons of a step form's personal-data check: a rewrite, or a dismissal
    allowed = {""} | set(before.values())
    for _name, values in sent.lists():
        allowed |= {v for v in values} | {v.strip() for v in values}
    changed = {key: value for key, value in after.items() if before.get(key) != value}
    if status == 400:
        assert changed == {}, f"{target.name} answered 400 but stored {sorted(changed)}"
    for key, value in changed.items():
        model = apps.get_model(key[0])
        default = model._meta.get_field(key[2]).get_default()
        assert value in allowed or value == default, f"{target.name} stored {key} = {value!r}"


def nasty(target: Target, value: str) -> list[tuple[str, str]]:
    return [
        (name, offered[0] if name == "csrfmiddlewaretoken" else value)
        for name, offered in target.fields.items()
    ]


def fuzz(client: Client, target: Target, columns: dict[str, list[str]]) -> None:
    @FUZZ
    @given(pairs=filled(target), htmx=st.booleans())
    def run(pairs: list[tuple[str, str]], htmx: bool) -> None:
        body = encode(pairs)
        headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
        with transaction.atomic():
            before = stored_texts(columns)
            if target.method == "post":
                response = client.post(
                    target.url, body, content_type="application/x-www-form-urlencoded", **headers
                )
            else:
                response = client.get(f"{target.url}?{body.decode()}", **headers)
            assert response.status_code < 500, (target.name, response.status_code)
            check_stored(target, body, response.status_code, before, stored_texts(columns))
            transaction.set_rollback(True)

    for value in NASTY:
        run = example(pairs=nasty(target, value), htmx=False)(run)
    run()


# The pages, who opens them, and what has to be true first


def _more_items(w: dict[str, Any]) -> dict[str, Any]:
    """One item of every kind, a team value, text with personal data, a job: every form shows."""
    d = Deliberation.objects.get(pk=w["kwargs"]["pk"])
    stakeholder = d.stakeholders.get()
    stakeholder.perspective = "Mevrouw Jansen, BSN 123456782, belt vaak."
    stakeholder.save()
    own = Value.objects.create(team=d.team, slug="hoop", name="Hoop")
    trust = Value.objects.get(team=None, slug="trust")
    participant = Participant.objects.create(deliberation=d, role="participant", name="Anna")
    option = Option.objects.create(deliberation=d, title="Samen instrueren")
    OptionEffect.objects.create(option=option, value=own, effect="serves")
    value = ValueAtStake.objects.create(deliberation=d, value=trust, stakeholder=stakeholder)
    # Complete enough to conclude and to propose for the library; text with personal data.
    Deliberation.objects.filter(pk=d.pk).update(
        case_description="Mevrouw Jansen (BSN 123456782, 06-12345678) belde de wijkverpleging.",
        dilemma_question="Delen of niet?",
        option_a="Delen",
        option_b="Niet delen",
        outcome="decided",
        chosen_option=option,
        consent="given",
    )
    d.refresh_from_db()
    items = {
        "participants": participant,
        "questions": CaseQuestion.objects.create(deliberation=d, question="Wat weet de zoon?"),
        "stakeholders": stakeholder,
        "values": value,
        "options": option,
        "choices": Choice.objects.create(deliberation=d, participant=participant, option=option),
        "actions": w["action"],
        "ratings": Rating.objects.create(deliberation=d, score=4),
    }
    member = w["people"]["member"]
    job = jobs.submit(
        d.team,
        member,
        Period(timezone.localdate() - timedelta(days=90), timezone.localdate()),
        "nl",
    )
    # Made: its download form shows.
    ReportJob.objects.filter(pk=job.pk).update(content=b"%PDF-1.7")
    DBTaskResult.objects.filter(pk=job.task_id).update(status="SUCCESSFUL")
    return {"deliberation": d, "items": items, "job": job}


def _live(**state: Any) -> Callable[[dict[str, Any], dict[str, Any]], None]:
    def setup(w: dict[str, Any], more: dict[str, Any]) -> None:
        session = LiveSession.for_deliberation(more["deliberation"])
        for name, value in state.items():
            setattr(session, name, value)
        session.save()

    return setup


def _concluded(w: dict[str, Any], more: dict[str, Any]) -> None:
    Deliberation.objects.filter(pk=more["deliberation"].pk).update(status=Status.CONCLUDED)


def _names_replaced(w: dict[str, Any], more: dict[str, Any]) -> None:
    """Two Henks and a "Henk" alone (a choice to make), and a "Vervang alle" to undo."""
    from beraad.privacy.replacing import replace_all, replace_targets

    d = more["deliberation"]
    Deliberation.objects.filter(pk=d.pk).update(
        dilemma_question="Henk de Boer en Henk Smit zijn buren. Henk belde. Bel 06-87654321."
    )
    d.refresh_from_db()
    phone = next(t for t, _s, _n, forms in replace_targets(d) if forms == ["06-87654321"])
    replace_all(deliberation=d, target=phone)


def _team(w: dict[str, Any], name: str, **extra: Any) -> str:
    return reverse(name, kwargs={"team": w["kwargs"]["team"], **extra})


def _case(w: dict[str, Any], name: str, **extra: Any) -> str:
    return _team(w, name, pk=w["kwargs"]["pk"], **extra)


def _item_edit(kind: str) -> Callable[[dict[str, Any], dict[str, Any]], str]:
    return lambda w, more: _case(
        w, "deliberation:item_edit", kind=kind, item=more["items"][kind].pk
    )


Page = tuple[str, str, Callable[[dict[str, Any], dict[str, Any]], str], Any]

PAGES: list[Page] = [
    ("home", "member", lambda w, m: reverse("home"), None),
    ("list", "facilitator", lambda w, m: _team(w, "deliberation:list"), None),
    ("create", "facilitator", lambda w, m: _team(w, "deliberation:create"), None),
    ("catalogue", "facilitator", lambda w, m: _team(w, "deliberation:catalogue"), None),
    ("import", "facilitator", lambda w, m: _team(w, "deliberation:import"), None),
    *(
        (
            f"step-{step.slug}",
            "facilitator",
            (lambda slug: lambda w, m: _case(w, "deliberation:step", step=slug))(step.slug),
            None,
        )
        for step in STEPS
    ),
    *(
        (f"edit-{kind}", "facilitator", _item_edit(kind), None)
        for kind in ("participants", "questions", "stakeholders", "values", "options", "choices")
    ),
    ("edit-actions", "facilitator", _item_edit("actions"), None),
    # Without JavaScript, removing an item goes through this confirmation page.
    (
        "remove-stakeholder",
        "facilitator",
        lambda w, more: _case(
            w,
            "deliberation:item_delete",
            kind="stakeholders",
            item=more["items"]["stakeholders"].pk,
        ),
        None,
    ),
    ("conclude", "facilitator", lambda w, m: _case(w, "deliberation:conclude"), None),
    ("privacy", "facilitator", lambda w, m: _case(w, "privacy:review"), _names_replaced),
    ("withdraw-consent", "member", lambda w, m: _case(w, "deliberation:withdraw_consent"), None),
    ("delete", "facilitator", lambda w, m: _case(w, "deliberation:delete"), None),
    ("detail-concluded", "facilitator", lambda w, m: _case(w, "deliberation:detail"), _concluded),
    ("members", "team_admin", lambda w, m: _team(w, "accounts:members"), None),
    # Removing a member and withdrawing an invitation ask on a page of their own first.
    (
        "remove-member",
        "team_admin",
        lambda w, m: _team(
            w,
            "accounts:member_update",
            pk=Membership.objects.get(
                team__slug=w["kwargs"]["team"], user=w["people"]["member"]
            ).pk,
        ),
        None,
    ),
    (
        "withdraw-invitation",
        "team_admin",
        lambda w, m: _team(
            w,
            "accounts:invitation_revoke",
            pk=Invitation.objects.get(token=w["kwargs"]["token"]).pk,
        ),
        None,
    ),
    ("team-log", "team_admin", lambda w, m: _team(w, "accounts:team_log"), None),
    (
        "invitation",
        "anonymous",
        lambda w, m: reverse("accounts:invitation_accept", kwargs={"token": w["kwargs"]["token"]}),
        None,
    ),
    ("dashboard", "team_admin", lambda w, m: _team(w, "insights:dashboard"), None),
    ("actions", "member", lambda w, m: _team(w, "insights:actions"), None),
    (
        "organisation",
        "coordinator",
        lambda w, m: reverse(
            "insights:organisation", kwargs={"organisation": w["kwargs"]["organisation"]}
        ),
        None,
    ),
    ("session-report", "member", lambda w, m: _case(w, "reports:session"), None),
    ("team-reports", "member", lambda w, m: _team(w, "reports:team"), None),
    ("report-job", "member", lambda w, m: _team(w, "reports:job", pk=m["job"].pk), None),
    (
        "library",
        "trainer",
        lambda w, m: reverse("library:list", kwargs={"organisation": w["kwargs"]["organisation"]}),
        None,
    ),
    (
        "library-case",
        "facilitator",
        lambda w, m: reverse(
            "library:case",
            kwargs={"organisation": w["kwargs"]["organisation"], "pk": w["published"].pk},
        ),
        None,
    ),
    ("library-propose", "facilitator", lambda w, m: _case(w, "library:propose"), _concluded),
    (
        "library-draft",
        "facilitator",
        lambda w, m: reverse("library:draft", kwargs={"pk": w["draft"].pk}),
        None,
    ),
    (
        "library-approved",
        "facilitator",
        lambda w, m: reverse("library:draft", kwargs={"pk": w["draft"].pk}),
        lambda w, m: type(w["draft"]).objects.filter(pk=w["draft"].pk).update(status="approved"),
    ),
    (
        "library-review",
        "trainer",
        lambda w, m: reverse("library:review", kwargs={"pk": w["draft"].pk}),
        None,
    ),
    (
        "library-import",
        "trainer",
        lambda w, m: reverse(
            "library:import", kwargs={"organisation": w["kwargs"]["organisation"]}
        ),
        None,
    ),
    ("present", "facilitator", lambda w, m: _case(w, "live:present"), None),
    (
        "present-choices",
        "facilitator",
        lambda w, m: _case(w, "live:present"),
        _live(step="decision", collecting=Collecting.OPEN),
    ),
    ("guests", "facilitator", lambda w, m: _case(w, "live:guests"), None),
    ("join", "member", lambda w, m: reverse("live:join"), None),
    (
        "device-choice",
        "member",
        lambda w, m: reverse("live:device", kwargs={"pk": w["kwargs"]["pk"]}),
        _live(step="decision", collecting=Collecting.OPEN, collect_by_name=True),
    ),
    (
        "device-rating",
        "member",
        lambda w, m: reverse("live:device", kwargs={"pk": w["kwargs"]["pk"]}),
        _live(step="evaluation", ratings_open=True),
    ),
    *(
        (
            f"device-contribute-{step}",
            "member",
            lambda w, m: reverse("live:device", kwargs={"pk": w["kwargs"]["pk"]}),
            _live(step=step, contributions_open=True),
        )
        for step in ("stakeholders", "values", "options")
    ),
    (
        "guest",
        "anonymous",
        lambda w, m: reverse("live:guest", kwargs={"key": w["kwargs"]["key"]}),
        None,
    ),
    ("login", "anonymous", lambda w, m: reverse("account_login"), None),
    ("password-reset", "anonymous", lambda w, m: reverse("account_reset_password"), None),
    ("password-change", "member", lambda w, m: reverse("account_change_password"), None),
]


def open_page(client: Client, w: dict[str, Any], page: Page) -> tuple[str, str]:
    _id, role, url, setup = page
    more = _more_items(w)
    if setup is not None:
        setup(w, more)
    if role != "anonymous":
        client.force_login(w["people"][role])
    response = client.get(url(w, more), follow=True)
    assert response.status_code == 200, (url(w, more), response.status_code)
    return response.request["PATH_INFO"], response.content.decode()


@pytest.mark.parametrize("page", PAGES, ids=[page[0] for page in PAGES])
def test_it_never_fails_and_stores_only_what_was_sent(
    client: Client,
    world: dict[str, Any],  # noqa: F811
    page: Page,
) -> None:
    address, html = open_page(client, world, page)
    targets = targets_on(address, html, layout=page[0] == "home")
    assert targets, f"no form on {address}"
    columns = text_columns()
    for target in targets:
        fuzz(client, target, columns)


# Every URL that accepts a POST is reached by a form on one of the pages above.
POSTED = {
    "deliberation:list",
    "deliberation:create",
    "deliberation:catalogue",
    "deliberation:import",
    "deliberation:conclude",
    "deliberation:reopen",
    "deliberation:delete",
    "deliberation:withdraw_consent",
    "deliberation:grid",
    "deliberation:step",
    "deliberation:autosave",
    "deliberation:item_add",
    "deliberation:item_edit",
    "deliberation:item_delete",
    "accounts:members",
    "accounts:member_update",
    "accounts:invitation_revoke",
    "accounts:invitation_accept",
    "accounts:team_log",  # a GET form: the filter
    "privacy:check",
    "privacy:replace",
    "privacy:dismiss",
    "privacy:replace_all",
    "privacy:undo",
    "privacy:choose",
    "insights:dashboard",  # a GET form: the period
    "insights:cadence",
    "insights:action_mark",
    "insights:organisation",  # a GET form: the period
    "reports:session",
    "reports:team",
    "reports:job",
    "library:propose",
    "library:draft",
    "library:review",
    "library:publish",
    "library:list",
    "library:practice",
    "library:import",
    "live:control",
    "live:guests",
    "live:guest_end",
    "live:join",
    "live:device_choice",
    "live:device_rating",
    "live:device_contribute",
    "live:guest",
    "set_language",
}


def test_it_fuzzes_a_form_for_every_url_that_takes_one(
    world: dict[str, Any],  # noqa: F811
) -> None:
    posted_in_walk = {name for name, rule in RULES.items() if rule[0] == "post"}
    assert posted_in_walk <= POSTED
    reached: set[str] = set()
    for page in PAGES:
        with transaction.atomic():
            address, html = open_page(Client(), world, page)
            reached |= {t.name for t in targets_on(address, html, layout=page[0] == "home")}
            transaction.set_rollback(True)
    assert POSTED - reached == set()
