"""gunicorn settings for Beraad: `gunicorn -c gunicorn.conf.py beraad.wsgi:application`.

One copy of the personal-data detector per machine, not per worker. deduce holds about 850 MB
once loaded. With ``preload_app`` the master imports the application (``beraad/wsgi.py`` loads
deduce there, outside DEBUG) before it forks; ``gc.freeze()`` then moves every object the master
holds out of the garbage collector's reach, so a worker's collections never write to those pages
and the workers keep sharing them copy-on-write with the master. A worker answers only once the
detector is loaded: with preload it is loaded before the first fork, and ``post_worker_init``
stops a worker that finds it missing (also without preload, where each worker loads its own copy
before it accepts a connection).

With preload, new code needs a restart of the master (``systemctl restart``); a HUP signal starts
new workers from the application already loaded in the master.

Every setting can be changed from the environment (defaults in brackets):

- ``BERAAD_BIND`` [127.0.0.1:8000]: address, or several separated by commas; a TLS proxy in front.
- ``WEB_CONCURRENCY`` [3]: worker processes. Each shares the detector; count about 150 MB more per
  worker (``manage.py memory_report`` measures it on the machine).
- ``BERAAD_THREADS`` [4]: threads per worker (gthread); they overlap database waits.
- ``BERAAD_KEEP_ALIVE`` [75]: seconds an idle keep-alive connection stays open. Live devices poll
  every 2 s; gunicorn's own default (2 s) would close their connection between two polls.
- ``BERAAD_TIMEOUT`` [60]: seconds a worker may be silent before the master restarts it.
- ``BERAAD_GRACEFUL_TIMEOUT`` [30]: seconds a worker gets to finish its requests at a restart.
- ``BERAAD_MAX_REQUESTS`` [0: never]: a worker is replaced after this many requests (with a tenth
  of jitter). Cheap with preload (a fork of the master, milliseconds): a remedy should a worker's
  own memory (USS) grow as it touches the shared pages over days.
- ``BERAAD_PRELOAD`` [true]: ``false`` makes every worker load its own detector (the old way; for
  comparing memory only).
- ``BERAAD_ACCESS_LOG`` [off]: a file, or ``-`` for standard output. Its lines hold no path and no
  query string: guest links carry their key in the path, and a log is no place for it.
- ``BERAAD_FORWARDED_ALLOW_IPS`` [127.0.0.1]: proxies whose X-Forwarded-* headers gunicorn trusts.
"""

from __future__ import annotations

import gc
import os
import sys
from typing import Any

# `gunicorn -c gunicorn.conf.py` run from the virtualenv's bin folder: the project importable.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from beraad.lib.env import env_bool, env_int, env_list, env_str

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "beraad.settings")

wsgi_app = "beraad.wsgi:application"
bind = env_list("BERAAD_BIND", ["127.0.0.1:8000"])
workers = env_int("WEB_CONCURRENCY", 3)
worker_class = "gthread"
threads = env_int("BERAAD_THREADS", 4)
keepalive = env_int("BERAAD_KEEP_ALIVE", 75)
timeout = env_int("BERAAD_TIMEOUT", 60)
graceful_timeout = env_int("BERAAD_GRACEFUL_TIMEOUT", 30)
max_requests = env_int("BERAAD_MAX_REQUESTS", 0)
max_requests_jitter = max_requests // 10
preload_app = env_bool("BERAAD_PRELOAD", default=True)
forwarded_allow_ips = env_str("BERAAD_FORWARDED_ALLOW_IPS", "127.0.0.1")
errorlog = "-"
loglevel = "info"
accesslog = env_str("BERAAD_ACCESS_LOG") or None
# Remote address, time, method, status, bytes, milliseconds: never the path or query string.
access_log_format = '%(h)s %(t)s "%(m)s" %(s)s %(B)s %(M)sms'


def when_ready(server: Any) -> None:
    """In the master, after the application (and with it the detector) is loaded, before the
    first fork: nothing the workers would inherit and must not share, and the loaded objects
    frozen so the workers' garbage collections leave their pages shared."""
    from django.db import connections

    # A database connection opened in the master would be one socket shared by every worker.
    connections.close_all()
    if server.cfg.preload_app:
        gc.collect()
        gc.freeze()
        from beraad.privacy.detector import deduce_ready

        server.log.info(
            "Application preloaded (detector %s); %d objects frozen before forking.",
            "loaded" if deduce_ready() else "NOT loaded",
            gc.get_freeze_count(),
        )


def post_worker_init(worker: Any) -> None:
    """In each worker, after it loaded (or inherited) the application, before it accepts any
    connection: it answers only with the full personal-data check in place."""
    from django.conf import settings

    from beraad.privacy.detector import deduce_ready

    if getattr(worker.app, "app_uri", wsgi_app).partition(":")[0] != "beraad.wsgi":
        return  # another application (a test serves Django's own): not Beraad's to check
    if not deduce_ready() and not settings.DEBUG:
        worker.log.error("Worker %s has no personal-data detector loaded; stopping it.", worker.pid)
        sys.exit(3)  # gunicorn.arbiter.Arbiter.WORKER_BOOT_ERROR: the master stops too
    worker.log.info("Worker %s ready, detector loaded: %s.", worker.pid, deduce_ready())
