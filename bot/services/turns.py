"""One turn of talk: a person's message, what it asks for, and who the person is."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.domain.events import IncomingMessage
from bot.services.ports import Community

_HELP_WORDS = {"помощь", "help", "начать", "start"}


@dataclass(frozen=True)
class Turn:
    incoming: IncomingMessage
    command: str | None


class TurnService:
    def __init__(self, community: Community) -> None:
        self._community = community
        self._mention = re.compile(
            rf"^\s*(\[club{community.id}\|[^\]]*\]|@{re.escape(community.screen_name)}|"
            rf"@club{community.id})[\s,:]*",
            re.IGNORECASE,
        )

    async def begin(self, incoming: IncomingMessage) -> Turn:
        return Turn(incoming=incoming, command=self._recognise(incoming))

    def _recognise(self, incoming: IncomingMessage) -> str | None:
        if incoming.payload and incoming.payload.get("command") == "start":
            return "help"
        text = self._mention.sub("", incoming.text, count=1).strip().lower().replace("ё", "е")
        text = text.lstrip("/!").strip()
        return "help" if text in _HELP_WORDS else None
