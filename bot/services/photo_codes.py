"""QR codes in the photos of a chat message: downloaded and read off the event loop."""

from __future__ import annotations

import asyncio
import logging

from bot.domain.events import IncomingMessage
from bot.moderation.qr import qr_texts
from bot.services.ports import Messenger

log = logging.getLogger(__name__)

MAX_PHOTOS = 5  # VK allows 10 attachments; a scam needs one
MAX_BYTES = 15 * 1024 * 1024


class PhotoCodes:
    def __init__(self, messenger: Messenger) -> None:
        self._messenger = messenger

    async def read(self, incoming: IncomingMessage) -> list[str]:
        """The texts of every QR code in the message's photos (a photo that cannot be fetched
        is skipped: the message is not held back on a guess)."""
        found: list[str] = []
        photos = [a for a in incoming.attachments if a.kind == "photo" and a.url]
        for photo in photos[:MAX_PHOTOS]:
            try:
                data = await self._messenger.download(photo.url, max_bytes=MAX_BYTES)
            except Exception as error:  # the messenger's HTTP errors are not MessengerError
                log.warning("could not fetch a photo in %s: %s", incoming.peer_id, error)
                continue
            try:
                found += await asyncio.to_thread(qr_texts, data)
            except Exception:  # a decoder bug must not keep the message from moderation
                log.exception("could not read a photo in %s", incoming.peer_id)
        return found
