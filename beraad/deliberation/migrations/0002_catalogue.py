"""Load the built-in values and themes. Their labels live in beraad/deliberation/catalogue.py."""

from django.db import migrations

VALUES = [
    "trust", "justice", "equality", "solidarity", "privacy", "self-reliance", "autonomy",
    "dignity", "safety", "care", "respect", "honesty", "reciprocity", "quality-of-care",
    "efficiency", "loyalty", "freedom", "recognition",
]
THEMES = [
    "confidentiality", "consent", "self-reliance", "carer-burden", "volunteers",
    "responsibility", "double-loyalty", "municipality", "caring-for-vs-seeing-to", "respect",
    "paternalism", "safety", "scarce-means", "team-climate",
]


def load(apps, schema_editor):
    Value = apps.get_model("deliberation", "Value")
    Theme = apps.get_model("deliberation", "Theme")
    for slug in VALUES:
        Value.objects.get_or_create(team=None, slug=slug)
    for slug in THEMES:
        Theme.objects.get_or_create(slug=slug)


class Migration(migrations.Migration):
    dependencies = [("deliberation", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
