"""Photos in messages: the community's upload path and what it sent.

VK's three steps for a community token: `photos.getMessagesUploadServer(peer_id)` hands out a
one-time upload URL; a multipart POST of the field `photo` there answers
`{"server": int, "photo": "<JSON string>", "hash": str}`; `photos.saveMessagesPhoto` with those
three values returns `[photo]`, attached to a message as `photo<owner_id>_<id>_<access_key>`.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
import struct
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .state import World

PHOTO_SERVER = 1
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8"


@dataclass
class Photo:
    id: int
    owner_id: int
    content: bytes
    width: int
    height: int
    date: int
    access_key: str


def image_size(content: bytes) -> tuple[int, int] | None:
    """(width, height) of a PNG or JPEG, or None if the bytes are neither."""
    if content.startswith(PNG_SIGNATURE) and len(content) >= 24:
        width, height = struct.unpack(">II", content[16:24])
        return width, height
    if content.startswith(JPEG_SIGNATURE):
        i = 2
        while i + 9 < len(content):
            if content[i] != 0xFF:
                return None
            marker, length = content[i + 1], int.from_bytes(content[i + 2 : i + 4], "big")
            if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
                height, width = struct.unpack(">HH", content[i + 5 : i + 9])
                return width, height
            i += 2 + length
    return None


def photo_hash(photo: str) -> str:
    return hashlib.sha256(photo.encode()).hexdigest()[:32]


class PhotoStore:
    def __init__(self) -> None:
        self.photos: dict[int, Photo] = {}
        self.pending: dict[str, tuple[int, bytes, int, int]] = {}  # opaque → (peer, bytes, w, h)
        self._next_id = 456239001

    def uploaded(self, peer_id: int, content: bytes, width: int, height: int) -> dict[str, Any]:
        opaque = secrets.token_hex(12)
        self.pending[opaque] = (peer_id, content, width, height)
        photo = f'[{{"photo":"{opaque}","sizes":[],"kid":"{secrets.token_hex(4)}"}}]'
        return {"server": PHOTO_SERVER, "photo": photo, "hash": photo_hash(photo)}

    def add(self, owner_id: int, content: bytes) -> Photo | None:
        """A photo a user attached to a message (PNG or JPEG), or None for other bytes."""
        size = image_size(content)
        if size is None:
            return None
        saved = Photo(self._next_id, owner_id, content, size[0], size[1], int(time.time()),
                      secrets.token_hex(9))
        self._next_id += 1
        self.photos[saved.id] = saved
        return saved

    def save(self, owner_id: int, photo: str) -> Photo | None:
        for opaque in list(self.pending):
            if f'"photo":"{opaque}"' in photo:
                _peer, content, width, height = self.pending.pop(opaque)
                saved = Photo(self._next_id, owner_id, content, width, height, int(time.time()),
                              secrets.token_hex(9))
                self._next_id += 1
                self.photos[saved.id] = saved
                return saved
        return None


def photo_object(world: World, photo: Photo) -> dict[str, Any]:
    ext = "png" if photo.content.startswith(PNG_SIGNATURE) else "jpg"
    url = f"{world.base_url}/_sandbox/photos/{photo.id}.{ext}"
    return {
        "id": photo.id,
        "owner_id": photo.owner_id,
        "album_id": -3,  # VK's «photos from messages» album
        "date": photo.date,
        "access_key": photo.access_key,
        "has_tags": False,
        "width": photo.width,
        "height": photo.height,
        "sizes": [{"type": "x", "width": photo.width, "height": photo.height, "url": url}],
        "text": "",
    }


def sent_photos(world: World, peer_id: int | None = None) -> list[dict[str, Any]]:
    """The photos the community attached to its own messages, oldest first."""
    out = []
    for conv in world.conversations.values():
        if peer_id is not None and conv.peer_id != int(peer_id):
            continue
        for msg in conv.messages.values():
            if msg.from_id != world.bot_id:
                continue
            for att in msg.attachments:
                photo = world.photos.photos.get(att.get("photo", {}).get("id", 0))
                if att["type"] != "photo" or photo is None:
                    continue
                out.append({
                    "peer_id": msg.peer_id, "conversation_message_id": msg.cmid,
                    "message": msg.text, "photo_id": photo.id, "owner_id": photo.owner_id,
                    "width": photo.width, "height": photo.height,
                    "content_b64": base64.b64encode(photo.content).decode(),
                })
    return sorted(out, key=lambda p: (p["peer_id"], p["conversation_message_id"]))
