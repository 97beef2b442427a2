"""«официально»: staff mark their own chat messages as the school's; others are refused."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.rules.command import IsCommand
from bot.texts import official as texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class AsksForOfficialMark(ABCRule[Message]):
    """«официально» in a chat, by anyone: the service refuses those who may not (in a chat the
    guard stays silent about commands not addressed to the bot, but here a refusal is the point:
    the chat must see that a parent cannot mark a message official)."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return turn is not None and turn.incoming.is_chat and turn.command == "official"


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(AsksForOfficialMark())
    async def on_mark(message: Message, turn: Turn) -> None:
        await services.official.mark(turn)

    @lab.message(IsCommand("official"))
    async def on_mark_in_dm(message: Message, turn: Turn) -> None:
        await services.replies.reply(turn.incoming, texts.HOW_TO)

    return lab
