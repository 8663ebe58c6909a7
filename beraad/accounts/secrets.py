"""Second-factor secrets (an authenticator app's TOTP secret, the seed of the recovery codes) are
stored encrypted, so that a copy of the database or of a backup does not give away anyone's second
factor.

The key is ``BERAAD_MFA_KEY`` (a Fernet key: ``python -c "from cryptography.fernet import Fernet;
print(Fernet.generate_key().decode())"``), with older keys in ``BERAAD_MFA_KEY_FALLBACKS`` after a
rotation. Without it, a key derived from ``SECRET_KEY`` is used (and from ``SECRET_KEY_FALLBACKS``
for reading); set ``BERAAD_MFA_KEY`` to rotate ``SECRET_KEY`` on its own. A value written before
encryption came in (not a Fernet token) is read as it is, until the migration or the next set-up
encrypts it.
"""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

_TOKEN_START = "gAAAAA"  # noqa: S105 - not a secret: every Fernet token (version byte 0x80, then a timestamp) starts so


def _derived(secret_key: str) -> Fernet:
    digest = hashlib.sha256(b"beraad-mfa-secrets\x00" + secret_key.encode()).digest()
    return Fernet(base64.urlsafe_b64encode(digest))


def _keys() -> MultiFernet:
    own = [
        getattr(settings, "MFA_SECRETS_KEY", ""),
        *getattr(settings, "MFA_SECRETS_KEY_FALLBACKS", []),
    ]
    fernets = [Fernet(key.strip().encode()) for key in own if key]
    # The keys derived from SECRET_KEY come last: they read what was written before
    # BERAAD_MFA_KEY was set.
    secret_keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    fernets += [_derived(key) for key in secret_keys if key]
    return MultiFernet(fernets)


def encrypt(text: str) -> str:
    return _keys().encrypt(text.encode()).decode()


def decrypt(stored: str) -> str:
    if not is_encrypted(stored):
        return stored  # written before secrets were encrypted
    try:
        return _keys().decrypt(stored.encode()).decode()
    except InvalidToken as exc:
        raise InvalidToken(
            "A second-factor secret cannot be decrypted: BERAAD_MFA_KEY (or SECRET_KEY) differs "
            "from the key it was stored with; list the old key in BERAAD_MFA_KEY_FALLBACKS."
        ) from exc


def is_encrypted(stored: str) -> bool:
    return stored.startswith(_TOKEN_START)
