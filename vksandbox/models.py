"""Stored entities: users, chat members, messages, chats, documents, callback events."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

CHAT_PEER_BASE = 2_000_000_000


@dataclass
class User:
    id: int
    first_name: str
    last_name: str
    screen_name: str | None = None
    allowed_messages: bool = False
    # Who this person plays in the sandbox («администратор», «родитель 5А»): the page's
    # label only, never shown to the community (VK has no such field).
    note: str = ""


@dataclass
class Member:
    member_id: int
    invited_by: int
    join_date: int
    is_admin: bool = False


@dataclass
class Message:
    id: int
    cmid: int
    peer_id: int
    from_id: int
    text: str
    date: int
    version: int
    payload: str | None = None
    keyboard: dict[str, Any] | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    action: dict[str, Any] | None = None
    reply_to_cmid: int | None = None
    ref: str | None = None
    ref_source: str | None = None
    random_id: int = 0
    deleted: bool = False
    update_time: int | None = None

    @property
    def out(self) -> int:
        return 1 if self.from_id < 0 else 0


@dataclass
class Conversation:
    peer_id: int
    messages: dict[int, Message] = field(default_factory=dict)
    last_cmid: int = 0


@dataclass
class Chat:
    local_id: int
    title: str
    owner_id: int
    members: dict[int, Member] = field(default_factory=dict)
    bot_is_member: bool = True
    bot_is_admin: bool = False
    invite_link: str | None = None
    pinned_cmid: int | None = None
    restricted: dict[int, float | None] = field(default_factory=dict)

    @property
    def peer_id(self) -> int:
        return CHAT_PEER_BASE + self.local_id

    def is_restricted(self, user_id: int) -> bool:
        if user_id not in self.restricted:
            return False
        until = self.restricted[user_id]
        return until is None or until > time.time()


@dataclass
class Doc:
    id: int
    owner_id: int
    title: str
    content: bytes
    date: int
    # VK takes the extension from the uploaded file name, not from the (editable) title.
    ext: str | None = None


@dataclass
class CallbackEvent:
    event_id: str
    user_id: int
    peer_id: int
    expires: float
    answer: str | None = None
