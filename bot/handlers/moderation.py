"""Moderation: every chat message is checked before anything else handles it.

A message with a verdict is acted on and goes no further; clean messages fall through to the
features after this one. Joins by link are counted for raids WITHOUT stopping the event, so the
gatekeeping handler (a later feature) still sees them. Edits and alert buttons arrive as raw
events, read as plain dicts and converted in convert.py.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle import GroupEventType
from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.handlers.convert import edited_to_incoming, to_button_press
from bot.rules.command import IsCommand
from bot.rules.moderation import Joined, JoinedByLink, Violates
from bot.services.incidents import IncidentDesk
from bot.services.ports import MessengerError

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

    @lab.message(JoinedByLink(), blocking=False)
    async def on_join_by_link(message: Message, turn: Turn) -> None:
        action = turn.incoming.action
        vk_id = action.member_id if action and action.member_id else turn.incoming.author_id
        await moderation.on_join(turn.incoming.peer_id, vk_id, message_id=turn.incoming.message_id)

    @lab.message(Joined(), blocking=False)
    async def on_joined(message: Message, turn: Turn) -> None:
        action = turn.incoming.action
        vk_id = action.member_id if action and action.member_id else turn.incoming.author_id
        await moderation.on_member_joined(turn.incoming.peer_id, vk_id)

    @lab.message(IsCommand("report"))
    async def cmd_report(message: Message, turn: Turn) -> None:
        answer = await moderation.report(turn)
        if answer is None:
            return
        if not turn.incoming.is_chat:
            await services.replies.reply(turn.incoming, answer)
            return
        try:
            await services.replies.send(
                turn.incoming.author_id, answer, key=turn.incoming.reply_key("report")
            )
        except MessengerError:  # the reporter's DM is closed: the hidden «жалоба» says enough
            return

    @lab.message(IsCommand("incidents"))
    async def cmd_incidents(message: Message, turn: Turn) -> None:
        await services.replies.reply_private(turn.incoming, await moderation.list_incidents(turn))

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
