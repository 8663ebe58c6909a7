"""Everything recorded in one deliberation, step by step."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from beraad.accounts.models import Team
from beraad.deliberation import catalogue
from beraad.deliberation.method import STEPS, Step

SHORT = 200
MEDIUM = 2000
LONG = 20000


class Theme(models.Model):
    """A recurring ethical signal from the built-in list; labels live in the catalogue."""

    slug = models.SlugField(max_length=60, unique=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return str(self.label)

    @property
    def label(self) -> str | Promise:
        entry = catalogue.THEMES_BY_SLUG.get(self.slug)
        return entry.label if entry else self.slug


class ValueQuerySet(models.QuerySet["Value"]):
    def available_to(self, team: Team) -> ValueQuerySet:
        return self.filter(Q(team__isnull=True) | Q(team=team))

    def used_in_or_builtin(self, deliberation: Deliberation) -> ValueQuerySet:
        """The catalogue's values and those this deliberation uses (at stake, behind a horn, a
        deciding value): what a guest may see. Never the team's other own values."""
        used = (
            Q(pk__in=ValueAtStake.objects.filter(deliberation=deliberation).values("value"))
            | Q(pk__in=deliberation.values_a.values("pk"))
            | Q(pk__in=deliberation.values_b.values("pk"))
            | Q(
                pk__in=Choice.objects.filter(
                    deliberation=deliberation, deciding_value__isnull=False
                ).values("deciding_value")
            )
        )
        return self.filter(Q(team__isnull=True) | (Q(team=deliberation.team_id) & used))

    def room_for(self, team: Team) -> int:
        """How many more values of its own the team may add (``BERAAD_TEAM_VALUES_MAX``)."""
        return max(0, settings.BERAAD_TEAM_VALUES_MAX - self.filter(team=team).count())


class Value(models.Model):
    """A value at stake: built in (no team, label from the catalogue) or a team's own."""

    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="own_values"
    )
    slug = models.SlugField(max_length=80)
    name = models.CharField(_("name"), max_length=80, blank=True)
    description = models.CharField(_("explanation"), max_length=300, blank=True)

    objects = ValueQuerySet.as_manager()

    class Meta:
        ordering = ["team_id", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["slug"], condition=Q(team__isnull=True), name="unique_builtin_value"
            ),
            models.UniqueConstraint(fields=["team", "slug"], name="unique_team_value"),
        ]
        verbose_name = _("value")
        verbose_name_plural = _("values")

    def __str__(self) -> str:
        return str(self.label)

    @property
    def is_builtin(self) -> bool:
        return self.team_id is None

    @property
    def label(self) -> str | Promise:
        entry = catalogue.VALUES_BY_SLUG.get(self.slug) if self.is_builtin else None
        return entry.label if entry else self.name

    @property
    def gloss(self) -> str | Promise:
        entry = catalogue.VALUES_BY_SLUG.get(self.slug) if self.is_builtin else None
        return entry.gloss if entry else self.description

    @property
    def exchange_name(self) -> str:
        """How the exchange format names this value: the slug if built in, else its name."""
        return self.slug if self.is_builtin else self.name


class Consent(models.TextChoices):
    UNKNOWN = "", _("not yet recorded")
    GIVEN = "given", _("the client gave consent")
    NOT_ASKED_PSEUDONYMISED = (
        "not_asked_pseudonymised",
        _("not asked: the case is discussed fully pseudonymised"),
    )
    NOT_APPLICABLE = "not_applicable", _("not applicable")


class Outcome(models.TextChoices):
    NONE = "", _("not yet concluded")
    DECIDED = "decided", _("decided: we chose an option")
    INSIGHT = "insight", _("insight, no decision")


class Status(models.TextChoices):
    IN_PROGRESS = "in_progress", _("in progress")
    CONCLUDED = "concluded", _("concluded")


class Language(models.TextChoices):
    NL = "nl", _("Dutch")
    EN = "en", _("English")


class DeliberationQuerySet(models.QuerySet["Deliberation"]):
    def for_team(self, team: Team) -> DeliberationQuerySet:
        return self.filter(team=team)

    def concluded(self) -> DeliberationQuerySet:
        return self.filter(status=Status.CONCLUDED)

    def in_progress(self) -> DeliberationQuerySet:
        return self.filter(status=Status.IN_PROGRESS)

    def newest_first(self) -> DeliberationQuerySet:
        return self.order_by("-held_on", "-id")


class Deliberation(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="deliberations")
    title = models.CharField(_("title"), max_length=SHORT)
    held_on = models.DateField(_("date"), default=timezone.localdate)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.NL
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.IN_PROGRESS)
    current_step = models.CharField(max_length=30, default=STEPS[0].slug)
    themes = models.ManyToManyField(Theme, blank=True, verbose_name=_("themes"))

    # 1 Opening
    confidentiality_agreed = models.BooleanField(
        _("we agree that what is said here stays here"), default=False
    )
    consent = models.CharField(
        _("client's consent for discussing the case"),
        max_length=30,
        choices=Consent.choices,
        default=Consent.UNKNOWN,
        blank=True,
    )
    consent_given_on = models.DateField(_("consent given on"), null=True, blank=True)
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    consent_withdrawn_at = models.DateTimeField(_("consent withdrawn"), null=True, blank=True)
    consent_withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # 2 Case
    case_description = models.TextField(_("the case"), max_length=LONG, blank=True)
    # 3 Dilemma
    dilemma_question = models.TextField(_("the moral question"), max_length=500, blank=True)
    dilemma_owner = models.CharField(_("whose dilemma is it?"), max_length=SHORT, blank=True)
    option_a = models.TextField(_("horn A"), max_length=MEDIUM, blank=True)
    harm_a = models.TextField(_("what goes wrong if we choose A"), max_length=MEDIUM, blank=True)
    option_b = models.TextField(_("horn B"), max_length=MEDIUM, blank=True)
    harm_b = models.TextField(_("what goes wrong if we choose B"), max_length=MEDIUM, blank=True)
    values_a = models.ManyToManyField(
        Value, blank=True, related_name="+", verbose_name=_("values behind horn A")
    )
    values_b = models.ManyToManyField(
        Value, blank=True, related_name="+", verbose_name=_("values behind horn B")
    )
    # 7 Conclusion
    outcome = models.CharField(
        _("conclusion"), max_length=20, choices=Outcome.choices, default=Outcome.NONE, blank=True
    )
    chosen_option = models.ForeignKey(
        "Option",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("chosen option"),
    )
    rationale = models.TextField(_("why this conclusion"), max_length=MEDIUM * 2, blank=True)
    dissent = models.TextField(_("dissent"), max_length=MEDIUM, blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    # 8 Evaluation
    learned = models.TextField(_("what we learned"), max_length=MEDIUM * 2, blank=True)
    takeaways = models.TextField(_("what we take with us"), max_length=MEDIUM * 2, blank=True)

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    concluded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    erased_at = models.DateTimeField(_("texts erased"), null=True, blank=True)
    # Started from a library case to practise; left out of the team's figures.
    is_practice = models.BooleanField(_("practice deliberation"), default=False)

    objects = DeliberationQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["team", "-held_on"])]
        verbose_name = _("deliberation")
        verbose_name_plural = _("deliberations")

    def __str__(self) -> str:
        return self.title

    @property
    def is_concluded(self) -> bool:
        return self.status == Status.CONCLUDED

    @property
    def consent_withdrawn(self) -> bool:
        return self.consent_withdrawn_at is not None

    def note_consent_change(self, user: Any) -> None:
        """Record who recorded consent, and default its date to today."""
        if self.consent == Consent.GIVEN:
            self.consent_recorded_by = user
            self.consent_given_on = self.consent_given_on or timezone.localdate()
        else:
            self.consent_recorded_by = None
            self.consent_given_on = None
        self.save(update_fields=["consent_recorded_by", "consent_given_on", "updated_at"])

    def withdraw_consent(self, user: Any) -> None:
        self.consent_withdrawn_at = timezone.now()
        self.consent_withdrawn_by = user
        self.save(update_fields=["consent_withdrawn_at", "consent_withdrawn_by", "updated_at"])

    def sharing_refusal(self) -> str | None:
        """Why this deliberation may not leave the team (export, reuse), or None."""
        if self.consent_withdrawn_at is not None:
            return str(
                _(
                    "The client withdrew consent for discussing this case on %(date)s. It can no "
                    "longer be exported or reused; it stays available to the team."
                )
                % {
                    "date": formats.date_format(
                        timezone.localtime(self.consent_withdrawn_at).date()
                    )
                }
            )
        if self.erased_at is not None:
            return str(_("The texts of this deliberation were erased after the retention period."))
        return None

    def steps_done(self) -> list[tuple[Step, bool]]:
        return [(step, step.is_done(self)) for step in STEPS]

    def missing_for_conclusion(self) -> list[tuple[Step, str | Promise]]:
        """What must still be recorded before the deliberation can be concluded."""
        by_slug = {step.slug: step for step in STEPS}
        missing: list[tuple[Step, str | Promise]] = []
        if not self.dilemma_question.strip():
            missing.append((by_slug["dilemma"], _("The moral question of the dilemma is empty.")))
        if not self.option_a.strip():
            missing.append((by_slug["dilemma"], _("Horn A of the dilemma is empty.")))
        if not self.option_b.strip():
            missing.append((by_slug["dilemma"], _("Horn B of the dilemma is empty.")))
        if not self.options.exists():
            missing.append((by_slug["options"], _("There is no option yet.")))
        if not self.outcome:
            missing.append(
                (by_slug["decision"], _("The group conclusion (an option or insight) is missing."))
            )
        elif self.outcome == Outcome.DECIDED and self.chosen_option_id is None:
            missing.append((by_slug["decision"], _("The conclusion names no chosen option.")))
        return missing

    def conclude(self, user: Any) -> None:
        self.status = Status.CONCLUDED
        self.concluded_at = timezone.now()
        self.concluded_by = user
        self.save(update_fields=["status", "concluded_at", "concluded_by", "updated_at"])

    def reopen(self) -> None:
        self.status = Status.IN_PROGRESS
        self.concluded_at = None
        self.concluded_by = None
        self.save(update_fields=["status", "concluded_at", "concluded_by", "updated_at"])

    def values_in_play(self) -> list[Value]:
        """The distinct values at stake, in the order they were first named: the grid's columns."""
        seen: dict[int, Value] = {}
        for item in self.values_at_stake.select_related("value").order_by("id"):
            seen.setdefault(item.value_id, item.value)
        return list(seen.values())


class ParticipantRole(models.TextChoices):
    FACILITATOR = "facilitator", _("facilitator")
    CASE_PRESENTER = "case_presenter", _("case presenter")
    PARTICIPANT = "participant", _("participant")
    MINUTE_TAKER = "minute_taker", _("minute taker")
    GUEST = "guest", _("guest")


class Participant(models.Model):
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="participants"
    )
    role = models.CharField(
        _("role"),
        max_length=20,
        choices=ParticipantRole.choices,
        default=ParticipantRole.PARTICIPANT,
    )
    name = models.CharField(
        _("name or function"),
        max_length=150,
        blank=True,
        help_text=_("A colleague's name, or a guest's function such as \"volunteer\"."),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        return self.name or str(self.get_role_display())


class CaseQuestion(models.Model):
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="questions"
    )
    question = models.TextField(_("clarifying question"), max_length=MEDIUM)
    answer = models.TextField(_("answer"), max_length=MEDIUM, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("clarifying question")
        verbose_name_plural = _("clarifying questions")

    def __str__(self) -> str:
        return f"#{self.pk}"


class Secrecy(models.TextChoices):
    YES = "yes", _("yes")
    NO = "no", _("no")
    UNKNOWN = "unknown", _("unknown")

    @classmethod
    def default_for_kind(cls, kind: str) -> str:
        entry = catalogue.KINDS_BY_SLUG.get(kind)
        if entry is None or entry.professional_secrecy is None:
            return cls.UNKNOWN
        return cls.YES if entry.professional_secrecy else cls.NO


STAKEHOLDER_KIND_CHOICES = [(kind.slug, kind.label) for kind in catalogue.STAKEHOLDER_KINDS]


class Stakeholder(models.Model):
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="stakeholders"
    )
    kind = models.CharField(_("kind"), max_length=40, choices=STAKEHOLDER_KIND_CHOICES)
    label = models.CharField(
        _("label"),
        max_length=SHORT,
        help_text=_('A role or pseudonym, never a real name: "mevrouw A.", "the son".'),
    )
    perspective = models.TextField(_("how they see it"), max_length=MEDIUM, blank=True)
    interests = models.TextField(_("interests"), max_length=MEDIUM, blank=True)
    professional_secrecy = models.CharField(
        _("bound by professional secrecy"),
        max_length=10,
        choices=Secrecy.choices,
        default=Secrecy.UNKNOWN,
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self) -> str:
        return self.label


class ValueAtStake(models.Model):
    deliberation = models.ForeignKey(
        Deliberation, on_delete=models.CASCADE, related_name="values_at_stake"
    )
    stakeholder = models.ForeignKey(
        Stakeholder,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="values_at_stake",
        verbose_name=_("stakeholder"),
    )
    value = models.ForeignKey(
        Value, on_delete=models.PROTECT, related_name="+", verbose_name=_("value")
    )
    norm = models.TextField(_('norm ("so we must …")'), max_length=MEDIUM, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("value at stake")
        verbose_name_plural = _("values at stake")

    def __str__(self) -> str:
        return str(self.value.label)


class Option(models.Model):
    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="options")
    title = models.CharField(_("option"), max_length=SHORT)
    description = models.TextField(_("description"), max_length=MEDIUM, blank=True)
    mitigation = models.TextField(_("what would limit the harm"), max_length=MEDIUM, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return self.title


class Effect(models.TextChoices):
    SERVES = "serves", _("serves")
    HARMS = "harms", _("harms")
    NEUTRAL = "neutral", _("neutral")


class OptionEffect(models.Model):
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="effects")
    value = models.ForeignKey(Value, on_delete=models.PROTECT, related_name="+")
    effect = models.CharField(_("effect"), max_length=10, choices=Effect.choices)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["option", "value"], name="one_effect_per_option_value")
        ]

    def __str__(self) -> str:
        return f"{self.option_id}/{self.value_id}: {self.effect}"


class ChoiceContent(models.Model):
    """What one participant chooses at step 7 (also kept, before a live reveal, by `live`)."""

    option = models.ForeignKey(
        Option, on_delete=models.SET_NULL, null=True, blank=True, verbose_name=_("option")
    )
    deciding_value = models.ForeignKey(
        Value, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("deciding value")
    )
    harm = models.TextField(_("the harm this choice does"), max_length=MEDIUM, blank=True)
    mitigation = models.TextField(_("how to limit it"), max_length=MEDIUM, blank=True)
    needs = models.TextField(_("what I need"), max_length=MEDIUM, blank=True)

    class Meta:
        abstract = True

    def content(self) -> dict[str, Any]:
        """The chosen content by column (``option_id`` …), to copy it without loading relations."""
        return {f.attname: getattr(self, f.attname) for f in ChoiceContent._meta.fields}


class Choice(ChoiceContent):
    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="choices")
    participant = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="choices",
        verbose_name=_("participant"),
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("choice")
        verbose_name_plural = _("choices")

    def __str__(self) -> str:
        return f"#{self.pk}"


class ActionQuerySet(models.QuerySet["Action"]):
    def open(self) -> ActionQuerySet:
        return self.filter(done=False)

    def overdue(self, today: Any = None) -> ActionQuerySet:
        return self.filter(done=False, due__lt=today or timezone.localdate())

    def followed_up(self) -> ActionQuerySet:
        """Actions that can still be followed up: not of a deliberation whose texts were erased."""
        return self.filter(deliberation__erased_at__isnull=True)


class Action(models.Model):
    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField(_("what"), max_length=MEDIUM)
    who = models.CharField(
        _("who"),
        max_length=SHORT,
        blank=True,
        help_text=_('A role or a colleague, e.g. "the district nurse".'),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("team member responsible"),
        help_text=_("The action then shows under their own actions."),
    )
    due = models.DateField(_("by when"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=False)
    done_at = models.DateTimeField(_("marked done"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    done_note = models.TextField(_("how it went"), max_length=MEDIUM, blank=True)

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def is_overdue(self) -> bool:
        return not self.done and self.due is not None and self.due < timezone.localdate()

    def mark(self, *, done: bool, user: Any, note: str = "") -> None:
        """Mark the action done (with how it went) or open again."""
        if done and not self.done:
            self.done_at, self.done_by = timezone.now(), user
        elif not done:
            self.done_at, self.done_by = None, None
        self.done = done
        self.done_note = note if done else self.done_note
        self.save(update_fields=["done", "done_at", "done_by", "done_note"])


class Rating(models.Model):
    """An anonymous rating of the session. It has, on purpose, no link to a person and no time."""

    deliberation = models.ForeignKey(Deliberation, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        ordering = ["id"]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return str(self.score)
