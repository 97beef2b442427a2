"""Answering a person where they wrote, once even if the event comes twice."""

from __future__ import annotations

from bot.domain.events import IncomingMessage
from bot.services.ports import Keyboard, Messenger, RecipientUnreachable
from bot.texts import school as texts

# VK takes up to 9000 characters a message, but long ones are hard to read on a phone.
CHUNK = 4000


def split_text(text: str, limit: int = CHUNK) -> list[str]:
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                parts.append(current)
                current = ""
            parts.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current or not parts:
        parts.append(current)
    return parts


class ReplyService:
    def __init__(self, messenger: Messenger) -> None:
        self._messenger = messenger

    async def reply(
        self,
        incoming: IncomingMessage,
        text: str,
        *,
        keyboard: Keyboard | None = None,
        purpose: str = "reply",
    ) -> int:
        return await self.send(
            incoming.peer_id, text, key=incoming.reply_key(purpose), keyboard=keyboard
        )

    async def send(
        self, peer_id: int, text: str, *, key: str, keyboard: Keyboard | None = None
    ) -> int:
        """Sends `text` in as many messages as it needs; the keyboard rides on the last one."""
        parts = split_text(text)
        last = 0
        for number, part in enumerate(parts):
            is_last = number == len(parts) - 1
            last = await self._messenger.send(
                peer_id,
                part,
                dedup_key=key if number == 0 else f"{key}#{number}",
                keyboard=keyboard if is_last else None,
            )
        return last

    async def reply_private(self, incoming: IncomingMessage, text: str) -> None:
        """Personal data goes to the person's dialog, never into a chat."""
        if not incoming.is_chat:
            await self.reply(incoming, text)
            return
        try:
            await self.send(incoming.author_id, text, key=incoming.reply_key("private"))
        except RecipientUnreachable:
            await self.reply(incoming, texts.WRITE_ME_FIRST)
            return
        await self.reply(incoming, texts.SENT_TO_DM)
