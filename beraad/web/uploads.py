"""Uploads are never kept past the import limit."""

from __future__ import annotations

from io import BytesIO
from typing import Any

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.core.files.uploadhandler import FileUploadHandler


class OversizedUpload(UploadedFile):
    """Stands in for a file larger than BERAAD_IMPORT_MAX_BYTES: it knows its size (so the view can
    say so), but holds none of its bytes."""

    def __init__(self, name: str, size: int) -> None:
        super().__init__(BytesIO(b""), name=name, size=size)


class CappedUploadHandler(FileUploadHandler):
    """First of the upload handlers: passes a file's bytes on to Django's own handlers up to the
    limit and only counts the rest, so a 1 GB upload costs neither memory nor disk space."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.received += len(raw_data)
        if self.received > settings.BERAAD_IMPORT_MAX_BYTES:
            return None  # the next handlers never see this chunk
        return raw_data

    def file_complete(self, file_size: int) -> UploadedFile | None:
        if self.received > settings.BERAAD_IMPORT_MAX_BYTES:
            return OversizedUpload(self.file_name or "", self.received)
        return None  # Django's handlers hand over the whole file
