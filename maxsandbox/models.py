"""Stored entities: users, chats (groups, channels, dialogs) and members, messages, media."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# The schema's ChatAdminPermission enum (0.0.33); nothing else is accepted as a permission.
PERMISSIONS = (
    "read_all_messages",
    "add_remove_members",
    "add_admins",
    "change_chat_info",
    "pin_message",
    "edit_link",
    "write",
    "edit",
    "delete",
    "can_call",
    "view_stats",
)


@dataclass
class User:
    user_id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    is_bot: bool = False
    # «Безопасный режим»: a stranger (the bot) cannot add this person to a chat.
    privacy: bool = False
    locale: str = "ru"
    last_activity_time: int = 0
    description: str | None = None


@dataclass
class Member:
    user_id: int
    join_time: int
    last_access_time: int
    is_owner: bool = False
    is_admin: bool = False
    permissions: list[str] | None = None
    alias: str | None = None


@dataclass
class Chat:
    chat_id: int
    type: str  # "chat", "channel" or "dialog"
    title: str | None
    owner_id: int | None
    created: int
    members: dict[int, Member] = field(default_factory=dict)
    # The bot's status here: active, removed (kicked), left, closed, suspended (dialog stopped).
    status: str = "active"
    link: str | None = None
    description: str | None = None
    icon_url: str | None = None
    pinned_mid: str | None = None
    blocked: set[int] = field(default_factory=set)
    mids: list[str] = field(default_factory=list)
    dialog_user_id: int | None = None
    last_event_time: int = 0

    @property
    def is_group(self) -> bool:
        return self.type in ("chat", "channel")


@dataclass
class Message:
    mid: str
    seq: int
    chat_id: int
    sender_id: int | None
    text: str | None
    timestamp: int
    markup: list[dict[str, Any]] | None = None
    attachments: list[dict[str, Any]] = field(default_factory=list)
    link: dict[str, Any] | None = None  # {"type": reply|forward, "mid": ...}
    deleted: bool = False
    notify: bool = True


@dataclass
class Media:
    """An uploaded (or URL-attached) file behind an attachment token."""

    token: str
    type: str  # image, video, audio, file
    media_id: int
    filename: str = ""
    content: bytes = b""
    ready_at: float = 0.0  # loop time from which it may be attached
    uploaded: bool = False
    url: str | None = None  # external URL of an image attached by `payload.url`
    width: int = 0
    height: int = 0


@dataclass
class Callback:
    callback_id: str
    user_id: int
    mid: str
    payload: str
    timestamp: int
    answers: list[dict[str, Any]] = field(default_factory=list)
