from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable

import pytest


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:  # CI installs poppler-utils; a missing tool must fail, not skip
        pytest.fail(f"{name} (Debian package poppler-utils) is needed to read the PDFs back")
    return path


@pytest.fixture
def pdf_text() -> Callable[[bytes], str]:
    def read(content: bytes) -> str:
        assert content.startswith(b"%PDF")
        result = subprocess.run(  # noqa: S603 - a fixed local tool, our own bytes
            [_tool("pdftotext"), "-", "-"],
            input=content,
            capture_output=True,
            check=True,
        )
        return " ".join(result.stdout.decode("utf-8").split())

    return read


@pytest.fixture
def pdf_info() -> Callable[[bytes], dict[str, str]]:
    def read(content: bytes) -> dict[str, str]:
        result = subprocess.run(  # noqa: S603
            [_tool("pdfinfo"), "-"], input=content, capture_output=True, check=True
        )
        info = {}
        for line in result.stdout.decode("utf-8").splitlines():
            key, _sep, value = line.partition(":")
            info[key.strip()] = value.strip()
        return info

    return read


@pytest.fixture
def pdf_fonts() -> Callable[[bytes], list[str]]:
    """The fonts a PDF uses, one line of pdffonts each."""

    def read(content: bytes) -> list[str]:
        result = subprocess.run(  # noqa: S603
            [_tool("pdffonts"), "-"], input=content, capture_output=True, check=True
        )
        return [line for line in result.stdout.decode().splitlines()[2:] if line.strip()]

    return read
