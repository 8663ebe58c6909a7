"""Log filters: a link that is itself a key (a guest link, an invitation) never reaches a log."""

from __future__ import annotations

import logging
import re

SECRET_PATH = re.compile(r"(/(?:guest|invitation)/)[^/\s?]+")


def redact(text: str) -> str:
    return SECRET_PATH.sub(r"\1…", text)


class RedactKeys(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(a) if isinstance(a, str) else a for a in record.args)
        return True
