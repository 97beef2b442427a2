"""The sandbox world: the bot, people, chats and dialogs, messages, media, button presses."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from typing import Any

from .models import Callback, Chat, Media, Member, Message, User

# Group chat ids are negative int64 (as -70801090403050 in MAX's own examples); dialog ids
# are positive and distinct from user ids.
GROUP_ID_BASE = -70_000_000_000_000
DIALOG_ID_BASE = 500_000_000_000


def now_ms() -> int:
    return int(time.time() * 1000)


class World:
    def __init__(self, bot_id: int, bot_username: str, bot_name: str) -> None:
        self.bot = User(
            bot_id,
            bot_name,
            None,
            bot_username,
            is_bot=True,
            last_activity_time=now_ms(),
            description="Бот школы",
        )
        self.users: dict[int, User] = {bot_id: self.bot}
        self.chats: dict[int, Chat] = {}
        self.dialogs: dict[int, int] = {}  # user_id -> dialog chat_id
        self.messages: dict[str, Message] = {}
        self.media: dict[str, Media] = {}
        self.callbacks: dict[str, Callback] = {}
        self.commands: list[dict[str, Any]] = []
        self.base_url = ""
        # Before Nov 2026 bot_added said who added the bot; now it does not.
        self.bot_added_user = False
        # Where updates go (the long poll or the webhook); the server sets it.
        self.on_update: Callable[[dict[str, Any]], None] = lambda update: None
        self._next_user = 100001
        self._next_group = 1
        self._next_dialog = 1
        self._next_seq = 116_328_000_000_000_000
        self._next_media = 1

    @property
    def bot_id(self) -> int:
        return self.bot.user_id

    # --- ids -----------------------------------------------------------------------------
    def new_user_id(self) -> int:
        while self._next_user in self.users:
            self._next_user += 1
        return self._next_user

    def new_group_id(self) -> int:
        chat_id = GROUP_ID_BASE - self._next_group
        self._next_group += 1
        return chat_id

    def new_media_id(self) -> int:
        self._next_media += 1
        return 9_100_000_000 + self._next_media

    @staticmethod
    def new_link() -> str:
        return "https://max.ru/join/" + secrets.token_urlsafe(24)

    # --- lookups -------------------------------------------------------------------------
    def dialog_for(self, user_id: int, create: bool = False) -> Chat | None:
        chat_id = self.dialogs.get(user_id)
        if chat_id is not None:
            return self.chats[chat_id]
        if not create:
            return None
        chat_id = DIALOG_ID_BASE + self._next_dialog
        self._next_dialog += 1
        now = now_ms()
        dialog = Chat(
            chat_id, "dialog", None, None, now, dialog_user_id=user_id, last_event_time=now
        )
        dialog.members[user_id] = Member(user_id, now, now)
        dialog.members[self.bot_id] = Member(self.bot_id, now, now)
        self.chats[chat_id] = dialog
        self.dialogs[user_id] = chat_id
        return dialog

    def bot_member(self, chat: Chat) -> Member | None:
        if chat.status != "active":
            return None
        return chat.members.get(self.bot_id)

    def bot_can(self, chat: Chat, permission: str) -> bool:
        """In a group: is the bot an active admin holding `permission`? Dialogs allow all."""
        if chat.type == "dialog":
            return chat.status == "active"
        member = self.bot_member(chat)
        return bool(member and member.is_admin and permission in (member.permissions or []))

    def bot_reads(self, chat: Chat) -> bool:
        """MAX delivers a group's messages and joins only to an admin with read_all_messages."""
        return chat.type == "dialog" or self.bot_can(chat, "read_all_messages")

    # --- storing -------------------------------------------------------------------------
    def store(self, chat: Chat, sender_id: int | None, text: str | None, **extra: Any) -> Message:
        self._next_seq += 1
        msg = Message(
            "mid." + secrets.token_hex(16),
            self._next_seq,
            chat.chat_id,
            sender_id,
            text,
            now_ms(),
            **extra,
        )
        self.messages[msg.mid] = msg
        chat.mids.append(msg.mid)
        chat.last_event_time = msg.timestamp
        return msg

    def live_message(self, mid: str) -> Message | None:
        msg = self.messages.get(mid)
        return None if msg is None or msg.deleted else msg

    def emit(self, update_type: str, **fields: Any) -> dict[str, Any]:
        update = {"update_type": update_type, "timestamp": now_ms(), **fields}
        self.on_update(update)
        return update

    def new_callback(self, user_id: int, msg: Message, payload: str) -> Callback:
        cb = Callback(secrets.token_urlsafe(48), user_id, msg.mid, payload, now_ms())
        self.callbacks[cb.callback_id] = cb
        return cb

    def add_media(self, kind: str, *, token: str | None = None, **extra: Any) -> Media:
        media = Media(token or secrets.token_urlsafe(32), kind, self.new_media_id(), **extra)
        self.media[media.token] = media
        return media
