"""Fill the organisation days, the day of every due-date row and tally mark, and every other
tally, from the deliberations (the organisation overview reads them).

Recomputes every tally with the historical models of this point in the migrations. Reversing
does nothing: reversing 0007 drops what this filled. Should the tally models change later and
this no longer fit the schema it runs against, turn it into a no-op: ``manage.py
rebuild_tallies`` fills the tallies at any time.
"""

from django.db import migrations


def fill(apps, schema_editor):
    from beraad.insights.tallies import rebuild_tallies

    rebuild_tallies(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("insights", "0007_organisation_days")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
