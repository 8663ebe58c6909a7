"""gunicorn.conf.py: the detector loaded once in the master, shared by workers that answer only
with it in place; settings from the environment; no path in the access log."""

from __future__ import annotations

import os
import runpy
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from beraad.lib import memory
from beraad.privacy import detector

CONFIG = str(settings.BASE_DIR / "gunicorn.conf.py")
MB = 1024 * 1024


def load_config() -> dict[str, Any]:
    return runpy.run_path(CONFIG)


def test_it_reads_its_settings_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    assert load_config()["preload_app"] is True
    monkeypatch.setenv("WEB_CONCURRENCY", "5")
    monkeypatch.setenv("BERAAD_BIND", "127.0.0.1:9001,127.0.0.1:9002")
    monkeypatch.setenv("BERAAD_PRELOAD", "false")
    config = load_config()
    assert config["workers"] == 5
    assert config["bind"] == ["127.0.0.1:9001", "127.0.0.1:9002"]
    assert config["preload_app"] is False
    assert config["worker_class"] == "gthread"
    assert config["accesslog"] is None  # off unless asked for


def test_its_access_log_holds_no_path_or_query_string() -> None:
    line_format = load_config()["access_log_format"]
    for path_or_query in ("%(r)s", "%(U)s", "%(q)s", "%(f)s", "{raw_uri}"):
        assert path_or_query not in line_format


class Worker:
    pid = 4321

    class app:  # gunicorn's worker.app
        app_uri = "beraad.wsgi"

    class log:  # gunicorn's worker.log
        messages: list[str] = []

        @classmethod
        def info(cls, message: str, *args: Any) -> None:
            cls.messages.append(message % args)

        error = info


def test_a_worker_without_the_detector_stops(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(detector, "deduce_ready", lambda: False)
    with pytest.raises(SystemExit) as stopped:
        load_config()["post_worker_init"](Worker())
    assert stopped.value.code == 3  # WORKER_BOOT_ERROR: gunicorn's master stops as well
    assert "Worker 4321 has no personal-data detector loaded" in Worker.log.messages[-1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_the_master_loads_the_detector_and_the_workers_share_it(tmp_path: Path) -> None:
    """Starts gunicorn (about 5–20 s: deduce loads once, in the master)."""
    log = tmp_path / "gunicorn.log"
    environment = os.environ | {
        "DEBUG": "false",
        "BERAAD_SQLITE_PATH": str(tmp_path / "db.sqlite3"),
        "BERAAD_VAR_DIR": str(tmp_path),
        "BERAAD_BIND": f"127.0.0.1:{free_port()}",
        "WEB_CONCURRENCY": "2",
    }
    with open(log, "wb") as written:
        server = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
            [sys.executable, "-m", "gunicorn", "-c", CONFIG],
            env=environment,
            cwd=settings.BASE_DIR,
            stdout=written,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 180
        while log.read_text().count("ready, detector loaded: True") < 2:
            assert server.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        text = log.read_text()
        preloaded = text.index("Application preloaded (detector loaded)")
        assert preloaded < text.index("Booting worker")  # loaded before the first fork
        workers = memory.children(server.pid)
        assert len(workers) == 2
        for pid in workers:
            used = memory.of_process(pid)
            assert used.rss > 500 * MB  # the detector is mapped in the worker …
            assert used.uss < 200 * MB  # … but its pages are the master's, shared
    finally:
        server.terminate()
        server.wait(timeout=30)
