"""A question in a class's chat that a stored answer covers gets that answer as a reply.

Runs on plain chat messages, before `talk` ends them. The rule is a pure check of the question's
form, so ordinary talk costs no database query; the handler does not block, so later features
(quiet hours, talk) still see the message.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.domain.faq import looks_like_question
from bot.domain.grammar import NotACommand

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class IsChatQuestion(ABCRule[Message]):
    """A person's plain chat message in a question's form."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return (
            turn is not None
            and turn.incoming.is_chat
            and isinstance(turn.parsed, NotACommand)
            and turn.incoming.action is None
            and turn.verdict is None
            and looks_like_question(turn.incoming.text)
        )


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsChatQuestion(), blocking=False)
    async def on_question(message: Message, turn: Turn) -> None:
        await services.faq.on_question(turn)

    return lab
