"""`помощь` and `кто я`: what the bot can do for this person, and who the bot thinks they are."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.domain.permissions import commands_for
from bot.rules.command import IsCommand
from bot.texts import help as texts
from bot.texts.commands import render_help, render_whoami

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsCommand("help"))
    async def cmd_help(message: Message, turn: Turn) -> None:
        text = texts.greeting(services.config.school.name)
        text += "\n\n" + render_help(commands_for(turn.speaker.roles))
        await services.replies.reply(turn.incoming, text)

    @lab.message(IsCommand("whoami"))
    async def cmd_whoami(message: Message, turn: Turn) -> None:
        speaker = turn.speaker
        children = await services.school.names(set(speaker.roles.children))
        text = render_whoami(
            speaker.roles,
            full_name=speaker.person.full_name if speaker.person else None,
            pupil_names=children,
        )
        await services.replies.reply(turn.incoming, text)

    return lab
