"""run_periodic enqueues what is due; each periodic task does its work; interrupted tasks return."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from beraad.audit.models import AccessLog
from beraad.deliberation.models import Deliberation
from beraad.insights.models import SearchEntry, TeamMonth
from beraad.ops import periodic, queue
from beraad.ops.tasks import prune_task_results
from beraad.reports.models import ReportJob
from tests.factories import DeliberationFactory, MembershipFactory
from tests.privacy.test_retention import SECRET, concluded_case

pytestmark = pytest.mark.django_db

PATHS = {
    "retention": "beraad.privacy.tasks.apply_retention",
    "report-files": "beraad.reports.tasks.purge_report_files",
    "access-log": "beraad.audit.tasks.purge_access_log",
    "search-index": "beraad.insights.tasks.rebuild_search_index",
    "tallies": "beraad.insights.tasks.rebuild_tallies",
    "task-results": "beraad.ops.tasks.prune_task_results",
}


def run_periodic(*args: str) -> str:
    out = io.StringIO()
    call_command("run_periodic", *args, stdout=out)
    return out.getvalue()


def enqueued() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def age_all(**delta: float) -> None:
    for row in DBTaskResult.objects.all():
        DBTaskResult.objects.filter(pk=row.pk).update(
            enqueued_at=row.enqueued_at - timedelta(**delta)
        )


def test_it_enqueues_each_job_once_and_again_when_due(run_tasks: Callable[[], int]) -> None:
    assert {job.name: job.task.module_path for job in periodic.SCHEDULE} == PATHS
    assert "Due: retention" in run_periodic("--dry-run") and enqueued() == []
    output = run_periodic()
    assert enqueued() == sorted(PATHS.values())
    assert all(f"Enqueued: {name}" in output for name in PATHS)
    assert "Nothing is due." in run_periodic()  # still waiting: not twice
    assert run_tasks() == len(PATHS)
    assert "Nothing is due." in run_periodic()  # just done
    age_all(hours=1)
    assert "Enqueued: report-files" in run_periodic()  # hourly
    assert len(enqueued()) == len(PATHS) + 1
    run_tasks()
    age_all(days=1)
    output = run_periodic()
    assert {line.split(":")[1].split()[0] for line in output.splitlines()} == {
        "retention",
        "report-files",
        "access-log",
        "task-results",
    }
    run_tasks()
    age_all(days=6)
    output = run_periodic()
    assert "Enqueued: search-index" in output and "Enqueued: tallies" in output  # weekly


def test_the_all_and_in_process_options_do_the_work_here(run_tasks: Callable[[], int]) -> None:
    # (run_tasks: its worker keeps this test's transaction open, here as in the command)
    old = DeliberationFactory()
    SearchEntry.objects.filter(deliberation=old).delete()
    run_periodic()
    output = run_periodic("--all", "--in-process")
    assert "The queue is empty." in output
    assert len(enqueued()) == 2 * len(PATHS)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert SearchEntry.objects.filter(deliberation=old).exists()


def test_retention_runs_as_a_task(run_tasks: Callable[[], int]) -> None:
    deliberation = concluded_case()
    Deliberation.objects.filter(pk=deliberation.pk).update(
        concluded_at=timezone.now() - timedelta(days=25 * 31)
    )
    periodic.enqueue_due()
    run_tasks()
    deliberation.refresh_from_db()
    assert deliberation.erased_at is not None and deliberation.case_description == ""
    result = DBTaskResult.objects.get(task_path=PATHS["retention"])
    assert result.status == "SUCCESSFUL"
    counts = result.return_value or {}
    assert counts["deliberations"] == 1 and counts["deliberation.case_description"] == 1
    assert SECRET not in str(counts)


def test_the_report_file_purge_runs_as_a_task(run_tasks: Callable[[], int]) -> None:
    membership = MembershipFactory()
    kept, old = (
        ReportJob.objects.create(
            team=membership.team,
            requested_by=membership.user,
            start=timezone.localdate(),
            end=timezone.localdate(),
            content=b"%PDF",
        )
        for _n in range(2)
    )
    ReportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    periodic.enqueue_due()
    run_tasks()
    assert list(ReportJob.objects.all()) == [kept]


def test_the_access_log_purge_runs_as_a_task(run_tasks: Callable[[], int]) -> None:
    def entry(**fields: Any) -> AccessLog:
        return AccessLog.objects.create(
            action="read", object_type="deliberation", outcome="ok", **fields
        )

    for days in (3, 2, 1):
        entry(at=timezone.now() - timedelta(days=365 * 6 + days))
    young = entry()
    periodic.enqueue_due()
    run_tasks()
    assert list(AccessLog.objects.all()) == [young]
    assert DBTaskResult.objects.get(task_path=PATHS["access-log"]).return_value == 3


def test_the_search_index_rebuild_runs_as_a_task(run_tasks: Callable[[], int]) -> None:
    deliberation = DeliberationFactory(case_description="Een buurman die kookt")
    SearchEntry.objects.all().delete()
    periodic.enqueue_due()
    run_tasks()
    assert "kookt" in str(SearchEntry.objects.get(deliberation=deliberation).parts)


def test_the_tallies_rebuild_runs_as_a_task(run_tasks: Callable[[], int]) -> None:
    DeliberationFactory()
    DeliberationFactory(is_practice=True)  # not counted
    TeamMonth.objects.update(counts={})  # as if written behind the change signals' back
    periodic.enqueue_due()
    run_tasks()
    result = DBTaskResult.objects.get(task_path=PATHS["tallies"])
    assert result.return_value == {
        "rows": 1,
        "changed": 1,
        "organisation_rows": 1,
        "organisation_changed": 0,  # the organisation's month still held the right sum
        "organisation_day_rows": 1,
        "organisation_day_changed": 0,  # and its day, counted from the deliberations
    }
    assert sum(TeamMonth.objects.get().counts["days"].values()) == 1


def test_old_task_results_are_pruned(run_tasks: Callable[[], int], settings: Any) -> None:
    prune_task_results.enqueue()
    run_tasks()
    DBTaskResult.objects.update(finished_at=timezone.now() - timedelta(days=15))
    waiting = prune_task_results.enqueue()
    assert queue.prune_finished() == 1
    assert list(DBTaskResult.objects.values_list("pk", flat=True)) == [waiting.db_result.pk]


def running(worker_id: str, minutes_ago: float, attempts: int = 1) -> DBTaskResult:
    row = prune_task_results.enqueue().db_result
    DBTaskResult.objects.filter(pk=row.pk).update(
        status="RUNNING",
        started_at=timezone.now() - timedelta(minutes=minutes_ago),
        worker_ids=[worker_id] * attempts,
    )
    return row


def status(row: DBTaskResult) -> str:
    return DBTaskResult.objects.get(pk=row.pk).status


def test_a_task_whose_worker_stopped_is_put_back(settings: Any) -> None:
    settings.TASK_RUNNING_LIMIT_MINUTES = 60
    busy = running("worker-a", minutes_ago=5)
    stale = running("worker-b", minutes_ago=61)
    recovered = queue.recover_interrupted()
    assert (recovered.requeued, recovered.failed) == (1, 0)
    assert (status(busy), status(stale)) == ("RUNNING", "READY")
    # A worker restarted with the same id knows that what it was running was interrupted.
    assert queue.recover_interrupted(worker_id="worker-a").requeued == 1
    assert status(busy) == "READY"


def test_a_task_that_keeps_losing_its_worker_fails_in_the_end(
    settings: Any, run_tasks: Callable[[], int]
) -> None:
    settings.TASK_MAX_ATTEMPTS = 3
    doomed = running("worker-a", minutes_ago=1, attempts=3)
    assert queue.recover_interrupted(worker_id="worker-a").failed == 1
    row = DBTaskResult.objects.get(pk=doomed.pk)
    assert row.status == "FAILED" and row.exception_class_path == "beraad.ops.queue.WorkerLost"
    assert run_tasks() == 0


def test_run_periodic_puts_back_stale_tasks(settings: Any) -> None:
    stale = running("gone", minutes_ago=settings.TASK_RUNNING_LIMIT_MINUTES + 1)
    assert "1 put back in the queue" in run_periodic()
    assert status(stale) == "READY"
