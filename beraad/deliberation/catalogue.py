"""The built-in catalogue: values, themes and stakeholder kinds.

Slugs are part of the exchange format (``beraad.deliberation/1``) and never change.
Labels and glosses are translated like every other interface text (Dutch first).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Entry:
    slug: str
    label: str | Promise
    gloss: str | Promise = ""


VALUES: tuple[Entry, ...] = (
    Entry(
        "trust",
        _("trust"),
        _(
            "Counting on another's good will and competence; the binding agent of all collaboration."
        ),
    ),
    Entry(
        "justice",
        _("justice"),
        _(
            "Fair distribution of benefits and burdens, weighed against each person's carrying capacity."
        ),
    ),
    Entry("equality", _("equality"), _("Equal worth despite unequal roles, power and knowledge.")),
    Entry(
        "solidarity",
        _("solidarity"),
        _("Mutual solidarity between citizens, and how much can be asked of it."),
    ),
    Entry(
        "privacy",
        _("privacy and confidentiality"),
        _("Privacy and confidentiality; professional secrecy."),
    ),
    Entry(
        "self-reliance", _("self-reliance"), _('Self-reliance, without "condemning" people to it.')
    ),
    Entry(
        "autonomy",
        _("autonomy and self-direction"),
        _("(Relational) autonomy; control over one's own life."),
    ),
    Entry("dignity", _("dignity"), _("Dignity; being involved in organising one's own care.")),
    Entry("safety", _("safety"), _("Safety of the client and others.")),
    Entry("care", _("care"), _("Care for the individual; not letting someone struggle alone.")),
    Entry("respect", _("respect"), _('Respectful treatment, also when the client is "difficult".')),
    Entry("honesty", _("openness and honesty"), _("Open, honest, transparent communication.")),
    Entry("reciprocity", _("reciprocity"), _("Reciprocity in the helping relationship.")),
    Entry("quality-of-care", _("quality of care"), _("Professional quality and accountability.")),
    Entry(
        "efficiency",
        _("efficiency"),
        _('Careful use of scarce public means ("frugal but sensible").'),
    ),
    Entry("loyalty", _("loyalty"), _("Loyalty to team, parent organisation, client.")),
    Entry(
        "freedom", _("freedom"), _("Freedom, also professional room to use one's own judgement.")
    ),
    Entry(
        "recognition",
        _("recognition"),
        _("Recognition of the client's story and the carer's effort."),
    ),
)

THEMES: tuple[Entry, ...] = (
    Entry("confidentiality", _("professional secrecy, privacy and data sharing")),
    Entry("consent", _("the client's consent")),
    Entry("self-reliance", _("self-reliance versus help")),
    Entry("carer-burden", _("what informal carers can carry")),
    Entry("volunteers", _("role and responsibility of volunteers")),
    Entry("responsibility", _("shifting tasks and dividing responsibility")),
    Entry("double-loyalty", _("double loyalty (team and parent organisation)")),
    Entry(
        "municipality", _("relationship with the municipality (steering, accountability, fraud)")
    ),
    Entry("caring-for-vs-seeing-to", _('"caring for" or "seeing to it"')),
    Entry("respect", _("respect and equal worth in dealing with clients")),
    Entry("paternalism", _("assertive outreach, paternalism and autonomy")),
    Entry("safety", _("safety, concerns and reporting")),
    Entry("scarce-means", _("fair distribution of scarce means")),
    Entry("team-climate", _("moral climate and collaboration in the team")),
)


@dataclass(frozen=True)
class Kind:
    slug: str
    label: str | Promise
    professional_secrecy: bool | None


# Whether a party of this kind is bound by professional secrecy, as a default the team can change.
STAKEHOLDER_KINDS: tuple[Kind, ...] = (
    Kind("client", _("client"), None),
    Kind("family", _("family, household or next of kin"), False),
    Kind("informal-carer", _("informal carer"), False),
    Kind("volunteer", _("volunteer"), False),
    Kind("expert-by-experience", _("expert by experience"), None),
    Kind("neighbour", _("neighbour"), False),
    Kind("social-worker", _("social worker"), True),
    Kind("district-nurse", _("district nurse"), True),
    Kind("youth-worker", _("youth or family worker"), True),
    Kind("educationalist", _("educationalist or psychologist"), True),
    Kind("gp", _("general practitioner"), True),
    Kind("police", _("community police officer"), None),
    Kind("debt-counsellor", _("debt counsellor"), None),
    Kind("client-supporter", _("client supporter"), None),
    Kind("probation", _("probation service"), None),
    Kind("municipality", _("municipality"), False),
    Kind("parent-organisation", _("parent organisation"), None),
    Kind("team", _("the neighbourhood team"), True),
    Kind("society", _("society, public interest"), False),
    Kind("other", _("other"), None),
)

VALUES_BY_SLUG = {entry.slug: entry for entry in VALUES}
THEMES_BY_SLUG = {entry.slug: entry for entry in THEMES}
KINDS_BY_SLUG = {kind.slug: kind for kind in STAKEHOLDER_KINDS}
