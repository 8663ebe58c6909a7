"""The backup file format: encrypted frames that restore only whole, unchanged and with a known key."""

from __future__ import annotations

import io
import os

import pytest
from cryptography.fernet import Fernet, MultiFernet

from beraad.backup import archive

MANIFEST = {"format": archive.FORMAT, "engine": "sqlite", "tables": {"t": 1}}
CASE_TEXT = b"Mevrouw Jansen (82) weigert de thuiszorg"


def written(
    data: bytes, fernet: MultiFernet | None, chunk: int = 64, compress: bool = False
) -> bytes:
    out = io.BytesIO()
    writer = archive.Writer(out, fernet, chunk=chunk, compress=compress)
    writer.manifest(MANIFEST)
    writer.write(data)
    writer.close()
    return out.getvalue()


def read(blob: bytes, fernet: MultiFernet | None) -> tuple[dict, bytes]:
    inp = io.BytesIO(blob)
    mode = archive.mode_of(inp)
    assert mode == (archive.ENCRYPTED if fernet else archive.PLAIN)
    reader = archive.Reader(inp, fernet)
    manifest = reader.manifest()
    manifest.pop("compression")
    return manifest, b"".join(reader.chunks())


def fernet(*keys: bytes) -> MultiFernet:
    return MultiFernet([Fernet(key) for key in keys])


KEY, OLD_KEY, OTHER_KEY = Fernet.generate_key(), Fernet.generate_key(), Fernet.generate_key()
DATA = CASE_TEXT * 20 + os.urandom(300)  # several frames of 64 bytes


@pytest.mark.parametrize("compress", [False, True])
def test_it_gives_back_what_was_written_over_many_frames(compress: bool) -> None:
    assert read(written(DATA, fernet(KEY), compress=compress), fernet(KEY)) == (MANIFEST, DATA)
    assert read(written(DATA, None, compress=compress), None) == (MANIFEST, DATA)


def test_it_compresses_what_compresses() -> None:
    repetitive = CASE_TEXT * 10_000
    assert len(written(repetitive, None, chunk=4096, compress=True)) < len(repetitive) / 20


def test_it_holds_no_case_text_in_the_clear() -> None:
    assert b"Jansen" not in written(DATA, fernet(KEY))
    assert b"sqlite" not in written(DATA, fernet(KEY))  # the manifest is encrypted too


def test_it_restores_with_an_old_key_after_a_rotation() -> None:
    blob = written(DATA, fernet(OLD_KEY))
    assert read(blob, fernet(KEY, OLD_KEY)) == (MANIFEST, DATA)


def test_it_says_plainly_when_the_key_is_wrong() -> None:
    with pytest.raises(archive.ArchiveError, match="cannot be decrypted with BERAAD_BACKUP_KEY"):
        read(written(DATA, fernet(KEY)), fernet(OTHER_KEY))


def frames(blob: bytes) -> tuple[bytes, list[bytes]]:
    header, rest = blob.split(b"\n", 1)
    parts = []
    while rest:
        length = int.from_bytes(rest[:4], "big")
        parts.append(rest[: 4 + length])
        rest = rest[4 + length :]
    return header + b"\n", parts


@pytest.mark.parametrize("compress", [False, True], ids=["raw", "zlib"])
@pytest.mark.parametrize("key", [KEY, None], ids=["encrypted", "plain"])
@pytest.mark.parametrize(
    "damage",
    ["cut_off", "frame_dropped", "frames_swapped", "frame_repeated", "bytes_added"],
)
def test_it_refuses_a_changed_file(key: bytes | None, damage: str, compress: bool) -> None:
    f = fernet(key) if key else None
    header, parts = frames(written(DATA * 3, f, compress=compress))
    assert len(parts) > 5
    changed = {
        "cut_off": parts[:-1],
        "frame_dropped": parts[:2] + parts[3:],
        "frames_swapped": [parts[0], parts[2], parts[1], *parts[3:]],
        "frame_repeated": [*parts[:3], parts[2], *parts[3:]],
        "bytes_added": [*parts, b"x"],
    }[damage]
    with pytest.raises(archive.ArchiveError):
        read(header + b"".join(changed), f)


def test_it_refuses_a_changed_byte_in_an_encrypted_file() -> None:
    blob = bytearray(written(DATA, fernet(KEY)))
    blob[len(blob) // 2] ^= 0x01
    with pytest.raises(archive.ArchiveError, match="changed"):
        read(bytes(blob), fernet(KEY))


def test_it_refuses_a_frame_from_another_backup() -> None:
    header, parts = frames(written(DATA, fernet(KEY)))
    _other_header, other = frames(written(DATA, fernet(KEY)))
    with pytest.raises(archive.ArchiveError, match="another backup"):
        read(header + b"".join([*parts[:2], other[2], *parts[3:]]), fernet(KEY))


def test_it_refuses_a_file_that_is_not_a_backup() -> None:
    with pytest.raises(archive.ArchiveError, match="not a Beraad backup"):
        archive.mode_of(io.BytesIO(b"SQLite format 3\x00"))
