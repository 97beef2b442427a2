"""Deterministic `random_id`s: the same send, repeated after a retry or restart, is dropped by VK."""

from __future__ import annotations

import hashlib


def random_id_for(key: str) -> int:
    # VK's newer docs type random_id as int32; stay positive and non-zero.
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") % 2_147_483_646 + 1
