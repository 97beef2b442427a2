"""Quiet hours and away mode in the chats: the bot's own short answer to plain talk.

Self-contained: it acts only on talk that earns a note (`QuietService.note_for`); everything
else falls through to the next feature, so its place among the talk handlers is one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.services.ports import MessengerError

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class EarnsQuietNote(ABCRule[Message]):
    def __init__(self, services: Services) -> None:
        self.services = services

    async def check(self, event: Message, turn: Turn | None = None) -> dict | bool:
        if turn is None:
            return False
        note = await self.services.quiet.note_for(turn)
        return {"note": note} if note is not None else False


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(EarnsQuietNote(services))
    async def on_quiet_talk(message: Message, turn: Turn, note: str) -> None:
        try:
            await services.replies.reply(turn.incoming, note, purpose="quiet")
        except MessengerError:
            return  # a note is a courtesy: the chat goes on without it

    return lab
