from __future__ import annotations

import factory
from factory.django import DjangoModelFactory

from beraad.accounts.models import Membership, Organisation, Role, Team, User
from beraad.deliberation.models import (
    Action,
    Deliberation,
    Option,
    Participant,
    Stakeholder,
    Value,
    ValueAtStake,
)

PASSWORD = "a-long-test-password-42"


class OrganisationFactory(DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Gemeente Test {n}")
    slug = factory.Sequence(lambda n: f"gemeente-{n}")


class TeamFactory(DjangoModelFactory[Team]):
    class Meta:
        model = Team

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Wijkteam {n}")
    slug = factory.Sequence(lambda n: f"team-{n}")


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    name = factory.Sequence(lambda n: f"Collega {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def saved(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create:
            self.save()


class MembershipFactory(DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    team = factory.SubFactory(TeamFactory)
    role = Role.MEMBER


class DeliberationFactory(DjangoModelFactory[Deliberation]):
    class Meta:
        model = Deliberation

    team = factory.SubFactory(TeamFactory)
    title = factory.Sequence(lambda n: f"Casus {n}")


class ParticipantFactory(DjangoModelFactory[Participant]):
    class Meta:
        model = Participant

    deliberation = factory.SubFactory(DeliberationFactory)
    role = "participant"


class StakeholderFactory(DjangoModelFactory[Stakeholder]):
    class Meta:
        model = Stakeholder

    deliberation = factory.SubFactory(DeliberationFactory)
    kind = "client"
    label = "mevrouw A."
    professional_secrecy = "unknown"


class OptionFactory(DjangoModelFactory[Option]):
    class Meta:
        model = Option

    deliberation = factory.SubFactory(DeliberationFactory)
    title = factory.Sequence(lambda n: f"Optie {n}")


class ValueAtStakeFactory(DjangoModelFactory[ValueAtStake]):
    class Meta:
        model = ValueAtStake

    deliberation = factory.SubFactory(DeliberationFactory)
    value = factory.LazyFunction(lambda: Value.objects.get(team=None, slug="trust"))


class ActionFactory(DjangoModelFactory[Action]):
    class Meta:
        model = Action

    deliberation = factory.SubFactory(DeliberationFactory)
    what = "Gesprek plannen met de zoon"


def ready_to_conclude(deliberation: Deliberation) -> Deliberation:
    """Fill in exactly what concluding requires."""
    option = OptionFactory(deliberation=deliberation)
    deliberation.dilemma_question = "Mag ik delen wat de cliënt mij vertelde?"
    deliberation.option_a = "Wel delen"
    deliberation.option_b = "Niet delen"
    deliberation.outcome = "decided"
    deliberation.chosen_option = option
    deliberation.save()
    return deliberation
