"""Moderation's joins and commands: counted and answered after plain talk has ended.

Joins by link are counted for raids WITHOUT stopping the event, so the gatekeeping handler (a
later feature) still sees them; names posing as staff are looked at on every join.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.rules.command import IsCommand
from bot.rules.moderation import Joined, JoinedByLink
from bot.services.ports import MessengerError

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()
    moderation = services.moderation

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

    return lab
