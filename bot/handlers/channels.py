"""The school's channels: a message from someone who may not write there is removed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class OutOfTurnInChannel(ABCRule[Message]):
    """Asks the channel guard: the turn alone does not say which kind of chat this is."""

    def __init__(self, services: Services) -> None:
        self.services = services

    async def check(self, event: Message, turn: Turn | None = None) -> dict | bool:
        if turn is None:
            return False
        chat = await self.services.channels.out_of_turn(turn)
        return {"channel": chat} if chat is not None else False


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(OutOfTurnInChannel(services))
    async def on_channel_message(message: Message, turn: Turn, channel) -> None:
        await services.channels.remove(turn, channel)

    return lab
