"""«Чаты всем классам»: the preview and its buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle import GroupEventType
from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.handlers.convert import to_button_press
from bot.rules.command import IsCommand
from bot.services.chat_setup import ChatSetupService

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class IsChatSetupButton(ABCRule[dict]):
    async def check(self, event: dict) -> bool:
        press = to_button_press(event)
        return press is not None and ChatSetupService.is_ours(press.payload)


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsCommand("setup_all_chats"))
    async def cmd_setup_all_chats(message: Message, turn: Turn) -> None:
        text, keyboard = await services.chat_setup.preview()
        await services.replies.reply(turn.incoming, text, keyboard=keyboard)

    @lab.raw_event(GroupEventType.MESSAGE_EVENT, dict, IsChatSetupButton())
    async def on_chat_setup_button(event: dict) -> None:
        press = to_button_press(event)
        if press is not None:
            await services.chat_setup.on_button(press)

    return lab
