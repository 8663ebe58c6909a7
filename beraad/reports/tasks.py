"""The reports' background tasks, run by ``manage.py db_worker``."""

from __future__ import annotations

from beraad.insights import stats
from beraad.reports import jobs
from beraad.reports import team as team_report
from beraad.reports.models import ReportJob
from beraad.web.tasks import PERSON_WAITING, UPKEEP, task, without_case_text


@task(priority=PERSON_WAITING)
@without_case_text
def make_period_report(job_id: int) -> int:
    """Make the PDF of one report job; returns its size in bytes (0: the job is gone).

    Safe to run again after a worker was stopped halfway: it simply makes the report again."""
    job = ReportJob.objects.select_related("team").filter(pk=job_id).first()
    if job is None:  # purged, or its team removed, before a worker got to it
        return 0
    period = stats.Period(job.start, job.end, job.by)
    content = team_report.render_pdf(job.team, period, job.language)
    ReportJob.objects.filter(pk=job_id).update(content=content)
    return len(content)


@task(priority=UPKEEP)
@without_case_text
def purge_report_files() -> int:
    """Remove report jobs older than a day, with any PDF they still hold; returns how many."""
    return jobs.purge_expired()
