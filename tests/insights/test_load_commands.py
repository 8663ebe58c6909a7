"""The volume generator and the benchmark run end to end on a small scale."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from beraad.deliberation.models import Action, Deliberation, OptionEffect, Stakeholder
from beraad.insights.models import SearchEntry

pytestmark = pytest.mark.django_db


def test_generate_load_data_makes_complete_deliberations_and_their_search_entries() -> None:
    call_command("generate_load_data", "--teams", "2", "--per-team", "6", stdout=StringIO())
    deliberations = Deliberation.objects.filter(team__slug__startswith="load-")
    assert deliberations.count() == 12
    assert SearchEntry.objects.filter(deliberation__in=deliberations).count() == 12
    assert Stakeholder.objects.filter(deliberation__in=deliberations).count() >= 12 * 3
    assert OptionEffect.objects.filter(option__deliberation__in=deliberations).exists()
    assert all(d.chosen_option_id for d in deliberations.filter(outcome="decided")), (
        "every decided deliberation names its option"
    )
    with pytest.raises(CommandError):
        call_command("generate_load_data", "--teams", "1", "--per-team", "1", stdout=StringIO())
    call_command(
        "generate_load_data", "--teams", "1", "--per-team", "3", "--replace", stdout=StringIO()
    )
    assert Deliberation.objects.filter(team__slug__startswith="load-").count() == 3
    assert Action.objects.filter(deliberation__team__slug="load-002").count() == 0


def test_the_benchmark_prints_a_line_per_page_with_the_baseline() -> None:
    # The smallest volume that still gives the team an in-progress and a concluded deliberation:
    # the test checks that the benchmark runs and prints its figures, not how fast the pages are.
    call_command("generate_load_data", "--teams", "1", "--per-team", "8", stdout=StringIO())
    out = StringIO()
    call_command("insights_benchmark", "--repeat", "2", stdout=out)
    lines = out.getvalue().splitlines()
    names = " ".join(lines)
    for page in ("baseline", "dashboard", "search: words", "similar list", "organisation"):
        assert page in names
    baseline = next(line for line in lines if line.startswith("baseline"))
    assert baseline.split()[-2] == "1.0"  # the baseline against itself
