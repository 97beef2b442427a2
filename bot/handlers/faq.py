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
from bot.handlers.talk import is_chat_talk

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class IsChatQuestion(ABCRule[Message]):
    """A person's plain chat message in a question's form."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return (
            is_chat_talk(turn)
            and turn.verdict is None  # type: ignore[union-attr]
            and looks_like_question(turn.incoming.text)  # type: ignore[union-attr]
        )


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsChatQuestion(), blocking=False)
    async def on_question(message: Message, turn: Turn) -> None:
        await services.faq.on_question(turn)

    return lab
