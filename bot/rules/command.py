"""Rules that compare what the middleware already worked out about a message."""

from __future__ import annotations

from vkbottle.bot import Message
from vkbottle.dispatch.rules import ABCRule

from bot.services.turns import Turn


class IsCommand(ABCRule[Message]):
    def __init__(self, *keys: str) -> None:
        self.keys = frozenset(keys)

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return turn is not None and turn.command in self.keys
