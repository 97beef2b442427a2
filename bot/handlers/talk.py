"""Ordinary talk in a chat: nothing for the bot to do once moderation has looked at it.

Most chat messages are plain talk. Ending them here, right after moderation and the channel guard,
spares vkbottle from trying every command handler's rules on each of them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.domain.grammar import NotACommand

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def is_chat_talk(turn: Turn | None) -> bool:
    """A person's chat message that is not a command or a service message."""
    return (
        turn is not None
        and turn.incoming.is_chat
        and isinstance(turn.parsed, NotACommand)
        and turn.incoming.action is None
    )


class IsPlainTalk(ABCRule[Message]):
    """Chat talk without a file."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return is_chat_talk(turn) and not turn.incoming.attachments  # type: ignore[union-attr]


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsPlainTalk())
    async def on_plain_talk(message: Message) -> None:
        return None

    return lab
