"""The school's channels: only the bot and the speakers the config names write there.

Anything else posted in a channel is deleted, and its author is told privately where to write
instead — never in the channel itself, which stays clean (a closed dialog means no note at all).
"""

from __future__ import annotations

import logging

from bot.domain.chats import CHANNEL_KINDS, SchoolChat
from bot.domain.people import Role, Roles
from bot.services.ports import Messenger, MessengerError
from bot.services.replies import ReplyService
from bot.services.turns import Turn
from bot.storage.chat_repo import ChatRepo
from bot.texts import posts as texts

log = logging.getLogger(__name__)


class ChannelGuard:
    def __init__(
        self,
        chats: ChatRepo,
        messenger: Messenger,
        replies: ReplyService,
        *,
        speakers: list[str],
    ) -> None:
        self._chats = chats
        self._messenger = messenger
        self._replies = replies
        self._speakers = frozenset(Role(s) for s in speakers)

    def may_speak(self, roles: Roles) -> bool:
        return any(roles.has(role) for role in self._speakers)

    async def out_of_turn(self, turn: Turn) -> SchoolChat | None:
        """The channel this message was posted in by someone who may not write there."""
        incoming = turn.incoming
        if not incoming.is_chat or incoming.author_id <= 0 or incoming.action is not None:
            return None
        chat = await self._chats.by_peer(peer_id=incoming.peer_id)
        if chat is None or chat.kind not in CHANNEL_KINDS or self.may_speak(turn.speaker.roles):
            return None
        return chat

    async def remove(self, turn: Turn, chat: SchoolChat) -> None:
        incoming = turn.incoming
        try:
            await self._messenger.delete_messages(incoming.peer_id, [incoming.message_id])
        except MessengerError as error:
            log.warning("could not delete a message in channel %s: %s", chat.peer_id, error)
        try:
            await self._replies.send(
                incoming.author_id,
                texts.CHANNEL_NOTICE.format(title=chat.title),
                key=incoming.reply_key("channel"),
            )
        except MessengerError:
            return  # the author's dialog is closed: the channel stays clean all the same
