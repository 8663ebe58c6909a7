"""django-tasks-db's ``db_worker``, which first puts back what a killed worker left running.

This app comes before django_tasks_db in INSTALLED_APPS, so ``manage.py db_worker`` is this
command: the same options and the same worker, with ``queue.recover_interrupted`` before it starts.
Unlike django-tasks-db's, it serves every queue unless told otherwise (``--queue-name`` defaults to
``*``): see ``beraad.web.tasks.OWNER_QUEUE``. Give each worker a fixed ``--worker-id`` (in systemd: ``--worker-id %H-%i``), so a restarted worker
recognises the task its killed predecessor was running and runs it again at once; tasks of
workers that never come back are put back after BERAAD_TASK_RUNNING_LIMIT_MINUTES.
"""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django_tasks_db.management.commands import db_worker

from beraad.ops import queue


class Command(db_worker.Command):
    help = (
        "Run the background tasks (period reports, retention, purges, the search index) as they "
        "are queued; any machine that reaches the database may run one or more. Before starting, "
        "puts back in the queue the task a previous worker with the same --worker-id was "
        "running when it was killed, and any task running for longer than "
        "BERAAD_TASK_RUNNING_LIMIT_MINUTES. Stop it with SIGTERM: it finishes the running task "
        "first. Runs every queue by default; where the application's database role is not the "
        "owner, give the application's workers --exclude-queues owner and run "
        "'db_worker --queue-name owner --batch' daily as the owner (the access-log purge). "
        "--batch does what is queued and exits."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        # Every queue unless told otherwise: with one database role (SQLite, a simple PostgreSQL)
        # one worker does everything. With a non-owner application role: --exclude-queues owner.
        parser.set_defaults(queue_name="*")

    def handle(self, *args: Any, **options: Any) -> None:
        recovered = queue.recover_interrupted(worker_id=options.get("worker_id") or "")
        if recovered.requeued or recovered.failed:
            self.stdout.write(
                f"Interrupted tasks: {recovered.requeued} put back in the queue, "
                f"{recovered.failed} given up."
            )
        super().handle(*args, **options)
