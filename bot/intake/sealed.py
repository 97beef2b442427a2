"""Event bodies as they wait on disk: AES-GCM with a key derived from a secret the process
holds (the community token), so the database file never holds a message in clear."""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_CONTEXT = b"schoolbot callback inbox v1"
_NONCE = 12


class SealBroken(ValueError):
    """The body was sealed with another key (the token changed) or was altered."""


class Sealer:
    def __init__(self, secret: str) -> None:
        if not secret:
            raise ValueError("a secret is needed to seal the inbox")
        key = hmac.new(secret.encode(), _CONTEXT, hashlib.sha256).digest()
        self._aead = AESGCM(key)

    def seal(self, body: bytes, *, event_id: str) -> bytes:
        nonce = os.urandom(_NONCE)
        # The event id is bound in: a body cannot be moved under another event's id.
        return nonce + self._aead.encrypt(nonce, body, event_id.encode())

    def open(self, sealed: bytes, *, event_id: str) -> bytes:
        try:
            return self._aead.decrypt(sealed[:_NONCE], sealed[_NONCE:], event_id.encode())
        except InvalidTag as error:
            raise SealBroken(event_id) from error
