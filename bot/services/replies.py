"""Answering a person where they wrote, once even if the event comes twice."""

from __future__ import annotations

from bot.domain.events import IncomingMessage
from bot.services.ports import Keyboard, Messenger


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
        return await self._messenger.send(
            incoming.peer_id, text, dedup_key=incoming.reply_key(purpose), keyboard=keyboard
        )
