"""Moderation: every chat message is checked before anything else handles it.

A message with a verdict is acted on and goes no further; clean messages fall through to the
features after this one. Joins and the moderation commands are in `moderation_desk`, after plain
talk has ended (every handler tried costs each message a rule check). Edits and alert buttons
arrive as raw events, read as plain dicts and converted in convert.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle import GroupEventType
from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.handlers.convert import edited_to_incoming, to_button_press
from bot.rules.moderation import Violates
from bot.services.incidents import IncidentDesk

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class IsModerationButton(ABCRule[dict]):
    async def check(self, event: dict) -> bool:
        press = to_button_press(event)
        return press is not None and IncidentDesk.is_ours(press.payload)


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()
    moderation = services.moderation

    @lab.message(Violates())
    async def on_violation(message: Message, turn: Turn) -> None:
        await moderation.on_message(turn)

    @lab.raw_event(GroupEventType.MESSAGE_EDIT, dataclass=dict)
    async def on_edit(event: dict) -> None:
        incoming = edited_to_incoming(event)
        if incoming is not None:
            await moderation.on_edit(incoming)

    @lab.raw_event(GroupEventType.MESSAGE_EVENT, dict, IsModerationButton())
    async def on_button(event: dict) -> None:
        press = to_button_press(event)
        if press is not None:
            await moderation.on_button(press)

    return lab
