"""Service messages of joins and leaves in the school's chats: the gate decides who stays."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn

JOINS = frozenset({"chat_invite_user_by_link", "chat_invite_user"})
LEAVES = frozenset({"chat_kick_user"})


class ChatAction(ABCRule[Message]):
    """A service message of one of these kinds, not caused by the bot itself."""

    def __init__(self, kinds: frozenset[str]) -> None:
        self.kinds = kinds

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return (
            turn is not None
            and turn.incoming.is_chat
            and turn.incoming.action is not None
            and turn.incoming.action.kind in self.kinds
            and turn.incoming.author_id > 0  # the bot's own kicks come back as service messages
        )


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(ChatAction(JOINS))
    async def on_join(message: Message, turn: Turn) -> None:
        incoming = turn.incoming
        joined = incoming.action.member_id or incoming.author_id
        await services.gate.on_join(incoming.peer_id, joined)

    @lab.message(ChatAction(LEAVES))
    async def on_leave(message: Message, turn: Turn) -> None:
        incoming = turn.incoming
        await services.gate.on_leave(incoming.peer_id, incoming.action.member_id or 0)

    return lab
