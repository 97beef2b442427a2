"""Rules for moderation: they only read what the middleware already worked out."""

from __future__ import annotations

from vkbottle.bot import Message
from vkbottle.dispatch.rules import ABCRule

from bot.services.turns import Turn

JOIN_BY_LINK = "chat_invite_user_by_link"


class Violates(ABCRule[Message]):
    """The message broke the chat's rules and the policy says to act."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return turn is not None and (turn.verdict is not None or turn.content is not None)


class JoinedByLink(ABCRule[Message]):
    """The service message of someone joining a chat by its invite link."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        action = turn.incoming.action if turn is not None else None
        return action is not None and action.kind == JOIN_BY_LINK


class Joined(ABCRule[Message]):
    """Someone joined a chat: by link, or added by a member (not the bot's own arrival)."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        action = turn.incoming.action if turn is not None else None
        return action is not None and action.kind in (JOIN_BY_LINK, "chat_invite_user")
