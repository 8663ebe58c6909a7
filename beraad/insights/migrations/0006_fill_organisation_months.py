"""Filled the organisation months and the team months' plain columns; now a no-op.

The tally models changed in 0007 (organisation days, the day of a due-date row and of a tally
mark), which ``rebuild_tallies`` needs and the schema at this point lacks: 0008 fills every tally
instead (``manage.py rebuild_tallies`` does the same at any time).
"""

from django.db import migrations


def fill(apps, schema_editor):
    """Nothing: 0008_fill_organisation_days fills the tallies."""


class Migration(migrations.Migration):
    dependencies = [("insights", "0005_organisation_months")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
