"""Count the deliberations made before the tallies existed (the organisation overview reads them).

Uses the historical models of this point in the migrations. Should the tally models change
later, this stays correct for the schema it runs against only as long as ``rebuild_tallies``
does; if not, turn it into a no-op: ``manage.py rebuild_tallies`` fills the tallies at any time.
"""

from django.db import migrations


def fill(apps, schema_editor):
    from beraad.insights.tallies import rebuild_tallies

    rebuild_tallies(apps=apps)


class Migration(migrations.Migration):
    dependencies = [("insights", "0003_tallies")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
