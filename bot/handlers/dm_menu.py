"""The dialog menu: words that are no command get a short menu of what the person can do here.

Last in the handler order: invitation codes, poll answers, appeals and every command come first,
so the menu answers only what nothing else took. «Передать куратору» under the menu passes a
parent's question on; `message_allow` (and any message in the dialog, see the middleware)
delivers what waited for the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle import GroupEventType
from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.handlers.convert import to_button_press
from bot.rules.command import IsMenuTalk
from bot.services.dm_menu import DmMenuService

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class IsAskCuratorButton(ABCRule[dict]):
    async def check(self, event: dict) -> bool:
        press = to_button_press(event)
        return press is not None and DmMenuService.is_ours(press.payload)


class AllowsMessages(ABCRule[dict]):
    """`message_allow`: the person let the community write to them."""

    async def check(self, event: dict) -> bool:
        obj = event.get("object")
        return isinstance(obj, dict) and isinstance(obj.get("user_id"), int)


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsMenuTalk())
    async def on_menu_talk(message: Message, turn: Turn) -> None:
        text, keyboard = await services.dm_menu.menu(turn)
        await services.replies.reply(turn.incoming, text, keyboard=keyboard, purpose="menu")

    @lab.raw_event(GroupEventType.MESSAGE_EVENT, dict, IsAskCuratorButton())
    async def on_ask_curator(event: dict) -> None:
        press = to_button_press(event)
        if press is not None:
            await services.dm_menu.ask_curator(press)

    @lab.raw_event(GroupEventType.MESSAGE_ALLOW, dict, AllowsMessages())
    async def on_message_allow(event: dict) -> None:
        services.held.contact(int(event["object"]["user_id"]))

    return lab
