from __future__ import annotations

from django.contrib import admin

from beraad.deliberation.models import (
    Action,
    CaseQuestion,
    Choice,
    Deliberation,
    Option,
    Participant,
    Stakeholder,
    Value,
    ValueAtStake,
)


class ParticipantInline(admin.TabularInline):
    model = Participant
    extra = 0


class QuestionInline(admin.TabularInline):
    model = CaseQuestion
    extra = 0


class StakeholderInline(admin.StackedInline):
    model = Stakeholder
    extra = 0


class ValueInline(admin.TabularInline):
    model = ValueAtStake
    extra = 0


class OptionInline(admin.StackedInline):
    model = Option
    extra = 0


class ChoiceInline(admin.StackedInline):
    model = Choice
    extra = 0


class ActionInline(admin.TabularInline):
    model = Action
    extra = 0


@admin.register(Deliberation)
class DeliberationAdmin(admin.ModelAdmin):
    list_display = ["title", "team", "held_on", "status"]
    list_filter = ["team", "status", "themes"]
    date_hierarchy = "held_on"
    inlines = [
        ParticipantInline,
        QuestionInline,
        StakeholderInline,
        ValueInline,
        OptionInline,
        ChoiceInline,
        ActionInline,
    ]


@admin.register(Value)
class ValueAdmin(admin.ModelAdmin):
    list_display = ["slug", "name", "team"]
    list_filter = ["team"]
