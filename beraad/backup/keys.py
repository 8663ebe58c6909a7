"""The backup keys from the settings (BERAAD_BACKUP_KEY, BERAAD_BACKUP_KEY_FALLBACKS) as Fernet.

A backup is always written with the current key; a restore tries the current key and then every
fallback, so after a rotation older backups still restore. A key is never printed.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, MultiFernet
from django.conf import settings


class KeyProblem(Exception):
    pass


def _fernet(key: str, name: str) -> Fernet:
    try:
        return Fernet(key.strip().encode())
    except ValueError as exc:
        raise KeyProblem(
            f"{name} is not a backup key: it must be 44 characters of URL-safe base64 "
            "(make one with `manage.py backup --new-key`)."
        ) from exc


def for_writing() -> MultiFernet:
    key = getattr(settings, "BACKUP_KEY", "")
    if not key:
        raise KeyProblem(
            "Set BERAAD_BACKUP_KEY to encrypt backups (make a key with "
            "`manage.py backup --new-key` and keep it outside this server too)."
        )
    return MultiFernet([_fernet(key, "BERAAD_BACKUP_KEY")])


def for_reading() -> MultiFernet:
    fernets = []
    key = getattr(settings, "BACKUP_KEY", "")
    if key:
        fernets.append(_fernet(key, "BERAAD_BACKUP_KEY"))
    for number, old in enumerate(getattr(settings, "BACKUP_KEY_FALLBACKS", []), start=1):
        fernets.append(_fernet(old, f"Key {number} in BERAAD_BACKUP_KEY_FALLBACKS"))
    if not fernets:
        raise KeyProblem(
            "This backup is encrypted: set BERAAD_BACKUP_KEY (or BERAAD_BACKUP_KEY_FALLBACKS) "
            "to the key it was made with."
        )
    return MultiFernet(fernets)


def new_key() -> str:
    return Fernet.generate_key().decode()
