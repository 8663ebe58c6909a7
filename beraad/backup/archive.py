"""The backup file: a manifest, the database dump, and a trailer, in frames that are each encrypted.

Layout: one header line (``BERAAD-BACKUP/1 fernet`` or ``… plain``), then frames, each a 4-byte
big-endian length and that many bytes. Inside a frame (after decryption, for ``fernet``): the
file's random 16-byte id, the frame's number (8 bytes), its kind (``M`` manifest, ``D`` data,
``T`` trailer) and its content. Frame 0 is the manifest (JSON), then data frames of at most
``CHUNK`` bytes, then the trailer (JSON: the dump's size and SHA-256), then nothing. The dump may
be compressed with zlib first (the manifest's ``compression`` says so): a SQLite file shrinks to a
fraction, pg_dump's custom format is compressed already.

Each frame is a Fernet token (AES-128-CBC with HMAC-SHA256), so the dump is never held in memory
whole: only one frame at a time. Because every frame carries the file's id and its number, frames
taken from another backup, swapped, repeated or cut off are refused, not only changed bytes.
``plain`` files have the same frames without encryption (local use only; the trailer's SHA-256 is
then the only check).

No Django here: ``beraad.backup.keys`` turns the settings into the Fernet objects passed in.
"""

from __future__ import annotations

import hashlib
import json
import os
import zlib
from collections.abc import Iterator
from typing import Any, BinaryIO

from cryptography.fernet import InvalidToken, MultiFernet

FORMAT = "beraad.backup/1"
HEADER_PREFIX = b"BERAAD-BACKUP/1 "
ENCRYPTED, PLAIN = "fernet", "plain"
CHUNK = 1 << 20  # plain bytes per data frame
MAX_FRAME = 4 * CHUNK  # a Fernet token of a full chunk is about 1.34 × CHUNK
_ID_BYTES, _SEQ_BYTES = 16, 8
_HEAD = _ID_BYTES + _SEQ_BYTES + 1
MANIFEST, DATA, TRAILER = b"M", b"D", b"T"
COMPRESSION_LEVEL = 6


class ArchiveError(Exception):
    """A backup file that cannot be read: the message says why in plain words, never content."""


class Writer:
    def __init__(
        self,
        out: BinaryIO,
        fernet: MultiFernet | None,
        *,
        chunk: int = CHUNK,
        compress: bool = False,
    ) -> None:
        self.out = out
        self.compressor = zlib.compressobj(COMPRESSION_LEVEL) if compress else None
        self.fernet = fernet
        self.chunk = chunk
        self.file_id = os.urandom(_ID_BYTES)
        self.seq = 0
        self.buffer = bytearray()
        self.sha = hashlib.sha256()
        self.size = 0
        mode = ENCRYPTED if fernet is not None else PLAIN
        out.write(HEADER_PREFIX + mode.encode() + b"\n")

    def manifest(self, manifest: dict[str, Any]) -> None:
        if self.seq != 0:
            raise RuntimeError("The manifest is the first frame")
        compression = "zlib" if self.compressor is not None else "none"
        self._frame(MANIFEST, json.dumps(manifest | {"compression": compression}).encode())

    def write(self, data: bytes) -> None:
        if self.seq == 0:
            raise RuntimeError("Write the manifest first")
        self.sha.update(data)
        self.size += len(data)
        self.buffer += self.compressor.compress(data) if self.compressor is not None else data
        self._full_frames()

    def _full_frames(self) -> None:
        while len(self.buffer) >= self.chunk:
            self._frame(DATA, bytes(self.buffer[: self.chunk]))
            del self.buffer[: self.chunk]

    def close(self) -> dict[str, Any]:
        if self.compressor is not None:
            self.buffer += self.compressor.flush()
            self._full_frames()
        if self.buffer:
            self._frame(DATA, bytes(self.buffer))
            self.buffer.clear()
        trailer = {"bytes": self.size, "sha256": self.sha.hexdigest()}
        self._frame(TRAILER, json.dumps(trailer).encode())
        self.out.flush()
        return trailer

    def _frame(self, kind: bytes, content: bytes) -> None:
        plain = self.file_id + self.seq.to_bytes(_SEQ_BYTES, "big") + kind + content
        payload = self.fernet.encrypt(plain) if self.fernet is not None else plain
        self.out.write(len(payload).to_bytes(4, "big"))
        self.out.write(payload)
        self.seq += 1


def mode_of(inp: BinaryIO) -> str:
    """Read the header line: ``fernet`` or ``plain``."""
    line = inp.readline(64)
    if not line.startswith(HEADER_PREFIX) or not line.endswith(b"\n"):
        raise ArchiveError("This file is not a Beraad backup (or not one of this format version).")
    mode = line[len(HEADER_PREFIX) : -1].decode("ascii", "replace")
    if mode not in (ENCRYPTED, PLAIN):
        raise ArchiveError("This backup uses an encryption this version of Beraad does not know.")
    return mode


class Reader:
    """Reads a backup after ``mode_of``: ``manifest()`` first, then ``chunks()`` once."""

    def __init__(self, inp: BinaryIO, fernet: MultiFernet | None) -> None:
        self.inp = inp
        self.fernet = fernet
        self.file_id: bytes | None = None
        self.seq = 0
        self.trailer: dict[str, Any] | None = None
        self.decompressor: Any = None

    def manifest(self) -> dict[str, Any]:
        kind, content = self._frame()
        if kind != MANIFEST:
            raise ArchiveError("This backup does not start with its manifest: it was changed.")
        try:
            manifest = json.loads(content)
        except ValueError as exc:
            raise ArchiveError("This backup's manifest cannot be read: it was changed.") from exc
        if (
            not isinstance(manifest, dict)
            or manifest.get("format") != FORMAT
            or manifest.get("compression", "none") not in ("none", "zlib")
        ):
            raise ArchiveError(
                "This backup was made in a format this version of Beraad does not read."
            )
        if manifest.get("compression") == "zlib":
            self.decompressor = zlib.decompressobj()
        return manifest

    def chunks(self) -> Iterator[bytes]:
        """The dump, one frame at a time; checks the trailer and the end of the file."""
        sha = hashlib.sha256()
        size = 0
        while True:
            kind, content = self._frame()
            if kind == DATA:
                for plain in self._plain(content):
                    sha.update(plain)
                    size += len(plain)
                    yield plain
            elif kind == TRAILER:
                if self.decompressor is not None and not self.decompressor.eof:
                    raise ArchiveError("This backup's compressed contents end too early.")
                break
            else:
                raise ArchiveError("This backup holds a frame out of place: it was changed.")
        try:
            trailer = json.loads(content)
        except ValueError as exc:
            raise ArchiveError("This backup's trailer cannot be read: it was changed.") from exc
        if trailer != {"bytes": size, "sha256": sha.hexdigest()}:
            raise ArchiveError("This backup's contents do not match its checksum: it was changed.")
        if self.inp.read(1):
            raise ArchiveError("This backup has bytes after its end: it was changed.")
        self.trailer = trailer

    def _plain(self, content: bytes) -> Iterator[bytes]:
        """Decompressed a bounded piece at a time (a frame may expand a thousandfold)."""
        if self.decompressor is None:
            yield content
            return
        try:
            piece = self.decompressor.decompress(content, CHUNK)
            while piece:
                yield piece
                piece = self.decompressor.decompress(self.decompressor.unconsumed_tail, CHUNK)
        except zlib.error as exc:
            raise ArchiveError("This backup's compressed contents are damaged.") from exc

    def _frame(self) -> tuple[bytes, bytes]:
        length_bytes = self.inp.read(4)
        if len(length_bytes) < 4:
            raise ArchiveError("This backup is incomplete: it ends too early (cut off?).")
        length = int.from_bytes(length_bytes, "big")
        if length > MAX_FRAME or length < _HEAD:
            raise ArchiveError("This backup is damaged: a part of it has an impossible length.")
        payload = self.inp.read(length)
        if len(payload) < length:
            raise ArchiveError("This backup is incomplete: it ends too early (cut off?).")
        if self.fernet is not None:
            try:
                payload = self.fernet.decrypt(payload)
            except InvalidToken as exc:
                if self.seq == 0:
                    raise ArchiveError(
                        "This backup cannot be decrypted with BERAAD_BACKUP_KEY or any key in "
                        "BERAAD_BACKUP_KEY_FALLBACKS: it was made with another key, or changed."
                    ) from exc
                raise ArchiveError(
                    f"Part {self.seq} of this backup does not decrypt: the file was changed."
                ) from exc
        file_id = payload[:_ID_BYTES]
        seq = int.from_bytes(payload[_ID_BYTES : _ID_BYTES + _SEQ_BYTES], "big")
        kind = payload[_HEAD - 1 : _HEAD]
        if self.file_id is None:
            self.file_id = file_id
        if file_id != self.file_id or seq != self.seq:
            raise ArchiveError(
                "This backup's parts are out of order or come from another backup: it was changed."
            )
        self.seq += 1
        return kind, payload[_HEAD:]
