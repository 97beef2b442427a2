"""Wrong commands and refused ones: a clear Russian answer, and nothing changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.domain.permissions import Denied
from bot.rules.command import IsMisspelt, IsRefused
from bot.texts.commands import render_parse_error, render_refusal

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsMisspelt())
    async def on_misspelt(message: Message, turn: Turn) -> None:
        await services.replies.reply(turn.incoming, render_parse_error(turn.error))

    @lab.message(IsRefused())
    async def on_refused(message: Message, turn: Turn) -> None:
        assert isinstance(turn.permission, Denied)
        await services.replies.reply(turn.incoming, render_refusal(turn.permission))

    return lab
