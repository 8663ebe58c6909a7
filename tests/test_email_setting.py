"""Production never writes e-mail (password-reset links) into the server log: the settings refuse
to start with the console or file backend when DEBUG is false."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION = {"DEBUG": "false", "SECRET_KEY": "a-production-secret-key-for-this-test-only-0123"}


def start(**environment: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DEBUG", "BERAAD_INSECURE_DEV_KEY", "EMAIL_BACKEND", "SECRET_KEY")
    }
    return subprocess.run(
        [sys.executable, "-c", "import beraad.settings as s; print(s.EMAIL_BACKEND)"],
        env=env | environment,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize(
    "backend",
    [
        "",
        "django.core.mail.backends.console.EmailBackend",
        "django.core.mail.backends.filebased.EmailBackend",
    ],
)
def test_it_refuses_a_backend_that_writes_mail_into_logs_in_production(backend: str) -> None:
    started = start(**PRODUCTION, **({"EMAIL_BACKEND": backend} if backend else {}))
    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr
    assert "EMAIL_BACKEND is django.core.mail.backends." in started.stderr


def test_it_starts_in_production_with_a_real_mail_backend() -> None:
    smtp = "django.core.mail.backends.smtp.EmailBackend"
    started = start(**PRODUCTION, EMAIL_BACKEND=smtp, EMAIL_HOST="mail.example.test")
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip() == smtp


def test_it_keeps_the_console_for_local_use() -> None:
    assert start(DEBUG="true").returncode == 0
    assert start(BERAAD_INSECURE_DEV_KEY="true").returncode == 0
