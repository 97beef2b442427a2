"""`помощь`: what the bot can do for this person."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.rules.command import IsCommand
from bot.texts import help as texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsCommand("help"))
    async def cmd_help(message: Message, turn: Turn) -> None:
        await services.replies.reply(
            turn.incoming, texts.help_text(services.config.school.name), purpose="help"
        )

    return lab
