"""Enqueue the periodic work that is due. Call it every 15 minutes from cron or a systemd timer."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from beraad.ops import periodic, queue


class Command(BaseCommand):
    help = (
        "Put the periodic work that is due on the task queue, for a db_worker to do: retention "
        "(daily), the purge of period-report files (hourly), the access-log purge (daily), the "
        "search-index and tallies rebuilds (weekly) and the pruning of old task results (daily). A job is due "
        "when none of its kind was enqueued within its interval and none is still waiting. Also "
        "puts back in the queue a task whose worker stopped halfway (running for longer than "
        "BERAAD_TASK_RUNNING_LIMIT_MINUTES). Safe to run as often as you like, and on several "
        "machines at once. --dry-run lists what is due and changes nothing; --all enqueues every "
        "job; --in-process then does all queued work here and exits (for a host without a "
        "db_worker)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="list what is due, change nothing"
        )
        parser.add_argument("--all", action="store_true", help="enqueue every job, due or not")
        parser.add_argument(
            "--in-process",
            action="store_true",
            help="afterwards, run every queued task in this process until the queue is empty",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        dry_run = options["dry_run"]
        if not dry_run:
            recovered = queue.recover_interrupted()
            if recovered.requeued or recovered.failed:
                self.stdout.write(
                    f"Interrupted tasks: {recovered.requeued} put back in the queue, "
                    f"{recovered.failed} given up."
                )
        due = periodic.enqueue_due(everything=options["all"], dry_run=dry_run)
        verb = "Due" if dry_run else "Enqueued"
        if not due:
            self.stdout.write("Nothing is due.")
        for job in due:
            self.stdout.write(f"{verb}: {job.name} ({job.why}).")
        if options["in_process"] and not dry_run:
            queue.batch_worker("run-periodic").run()
            self.stdout.write("The queue is empty.")
