"""Counted the deliberations made before the tallies existed; now a no-op.

The tally models changed in 0005 (organisation months, plain columns), which ``rebuild_tallies``
needs and the schema at this point lacks: 0006 fills every tally instead (``manage.py
rebuild_tallies`` does the same at any time).
"""

from django.db import migrations


def fill(apps, schema_editor):
    """Nothing: 0006_fill_organisation_months fills the tallies."""


class Migration(migrations.Migration):
    dependencies = [("insights", "0003_tallies")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
