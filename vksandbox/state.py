"""The sandbox world: users, the community's chats and conversations, stored messages, files."""

from __future__ import annotations

import re
import secrets
import time
from typing import Any

from .callback_api import CallbackApi
from .documents import DocServing, UploadStore
from .events import EventLog
from .models import (
    CHAT_PEER_BASE,
    CallbackEvent,
    Chat,
    Conversation,
    Doc,
    Member,
    Message,
    User,
)
from .photos import PhotoStore
from .render import client_info, message_object

__all__ = ["CHAT_PEER_BASE", "CallbackEvent", "Chat", "ChatQuota", "Conversation", "Doc", "Member",
           "Message", "User", "World"]


DEFAULT_CHATS_PER_DAY = 50


class ChatQuota:
    """How many chats the community may still create today. VK does not publish its number;
    the sandbox's day is moved on by the control API (`next_day`), never by the wall clock,
    so a test can spend a day's quota and see what happens tomorrow."""

    def __init__(self, per_day: int | None = DEFAULT_CHATS_PER_DAY) -> None:
        self.per_day = per_day
        self.used_today = 0

    def take(self) -> bool:
        if self.per_day is not None and self.used_today >= self.per_day:
            return False
        self.used_today += 1
        return True

    def next_day(self) -> None:
        self.used_today = 0


class World:
    def __init__(self, group_id: int, screen_name: str, group_name: str,
                 event_history: int = 10000) -> None:
        self.group_id = group_id
        self.screen_name = screen_name
        self.group_name = group_name
        self.base_url = ""
        self.events = EventLog(group_id, event_history)
        self.callback_api = CallbackApi(self.events, group_id)
        self.users: dict[int, User] = {}
        self.chats: dict[int, Chat] = {}
        self.conversations: dict[int, Conversation] = {}
        self.docs: dict[int, Doc] = {}
        self.uploads = UploadStore()
        self.doc_serving = DocServing()
        self.photos = PhotoStore()
        self.callback_events: dict[str, CallbackEvent] = {}
        self.sent_by_random_id: dict[tuple[int, int], Any] = {}
        self.message_event_ttl = 60.0
        self.lp_keys: list[str] = []
        self.chat_quota = ChatQuota()
        self._next_user_id = 100001
        self._next_message_id = 1
        self._next_doc_id = 1
        self._version = 1

    @property
    def bot_id(self) -> int:
        return -self.group_id

    # --- lookups -------------------------------------------------------------------------
    def new_user_id(self) -> int:
        while self._next_user_id in self.users:
            self._next_user_id += 1
        return self._next_user_id

    def chat_by_peer(self, peer_id: int) -> Chat | None:
        return self.chats.get(peer_id - CHAT_PEER_BASE) if peer_id > CHAT_PEER_BASE else None

    def conversation(self, peer_id: int) -> Conversation:
        if peer_id not in self.conversations:
            self.conversations[peer_id] = Conversation(peer_id)
        return self.conversations[peer_id]

    def find_message(self, peer_id: int, cmid: int) -> Message | None:
        conv = self.conversations.get(peer_id)
        return conv.messages.get(cmid) if conv else None

    def find_by_id(self, message_id: int) -> Message | None:
        for conv in self.conversations.values():
            for msg in conv.messages.values():
                if msg.id == message_id and conv.peer_id < CHAT_PEER_BASE:
                    return msg
        return None

    def resolve_user(self, ident: str) -> User | None:
        ident = ident.strip()
        if ident.lstrip("-").isdigit():
            return self.users.get(int(ident))
        if ident.startswith("id") and ident[2:].isdigit():
            return self.users.get(int(ident[2:]))
        return next((u for u in self.users.values() if u.screen_name == ident), None)

    def is_own_screen_name(self, name: str) -> bool:
        return name in (self.screen_name, f"club{self.group_id}", f"public{self.group_id}")

    def mentions_bot(self, text: str) -> bool:
        pattern = rf"\[(club|public){self.group_id}\|"
        if re.search(pattern, text):
            return True
        return bool(re.search(rf"@({re.escape(self.screen_name)}|club{self.group_id})\b", text))

    def new_link(self) -> str:
        return "https://vk.me/join/" + secrets.token_urlsafe(18)

    # --- storing -------------------------------------------------------------------------
    def store(self, peer_id: int, from_id: int, text: str, **extra: Any) -> Message:
        conv = self.conversation(peer_id)
        conv.last_cmid += 1
        msg = Message(
            id=self._next_message_id,
            cmid=conv.last_cmid,
            peer_id=peer_id,
            from_id=from_id,
            text=text,
            date=int(time.time()),
            version=self._bump_version(),
            **extra,
        )
        self._next_message_id += 1
        conv.messages[msg.cmid] = msg
        return msg

    def _bump_version(self) -> int:
        self._version += 1
        return self._version

    def touch(self, msg: Message) -> None:
        msg.version = self._bump_version()
        msg.update_time = int(time.time())

    def add_doc(self, owner_id: int, title: str, content: bytes, ext: str | None = None) -> Doc:
        doc = Doc(self._next_doc_id, owner_id, title, content, int(time.time()), ext)
        self._next_doc_id += 1
        self.docs[doc.id] = doc
        return doc

    # --- event delivery ------------------------------------------------------------------
    def bot_sees(self, msg: Message) -> bool:
        """Community visibility: DMs always; chats fully only when admin/owner, else mentions."""
        chat = self.chat_by_peer(msg.peer_id)
        if chat is None:
            return True
        if not chat.bot_is_member:
            return False
        if chat.bot_is_admin or chat.owner_id == self.bot_id:
            return True
        if msg.action is not None:
            return msg.action.get("member_id") == self.bot_id
        return self.mentions_bot(msg.text)

    def deliver_new(self, msg: Message) -> None:
        if self.bot_sees(msg):
            obj = {"message": message_object(self, msg), "client_info": client_info()}
            self.events.emit("message_new", obj)

    def service(self, chat: Chat, from_id: int, action: dict[str, Any]) -> Message:
        msg = self.store(chat.peer_id, from_id, "", action=action)
        self.deliver_new(msg)
        return msg
