"""What the services need from a messenger, in the messenger's own neutral words.

VK is the first implementation (`bot.vk.gateway.VkGateway`); a second messenger (MAX) only needs
another class with these methods.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from bot.domain.chats import BotRights


class MessengerError(Exception):
    """The messenger refused an action. `code` is the messenger's own error code."""

    def __init__(self, code: int, message: str, method: str = "") -> None:
        super().__init__(f"{method}: {code} {message}" if method else f"{code} {message}")
        self.code = code
        self.message = message
        self.method = method


class RecipientUnreachable(MessengerError):
    """The person has not allowed messages from the community (VK 901/902)."""


class NotChatAdmin(MessengerError):
    """The bot lacks the administrator rights this action needs (VK 917/925)."""


class MessengerUnavailable(MessengerError):
    """Bad token, no such community, long poll switched off: the bot cannot start."""


class FileTooLarge(MessengerError):
    """A file to download is larger than the caller's limit (`limit` bytes)."""

    def __init__(self, limit: int, method: str = "download") -> None:
        super().__init__(0, f"file is larger than {limit} bytes", method)
        self.limit = limit


class DownloadFailed(MessengerError):
    """A download broke off or came short of its announced size: nothing of it is used."""


class OutcomeUnknown(MessengerError):
    """The answer to a call that must not be repeated was lost: it may have been done."""


class DailyLimit(MessengerError):
    """The messenger refuses more of this today (VK: too many chats created); try tomorrow."""


@dataclass(frozen=True)
class Button:
    label: str
    payload: dict
    color: str = "secondary"
    kind: str = "callback"  # "callback" presses reach the bot silently; "text" ones post a message
    link: str | None = None


@dataclass(frozen=True)
class Keyboard:
    rows: list[list[Button]] = field(default_factory=list)
    inline: bool = True


@dataclass(frozen=True)
class Outgoing:
    """One message of many (`Messenger.send_many`)."""

    peer_id: int
    text: str
    dedup_key: str
    attachments: tuple[str, ...] = ()  # the messenger's own references («doc123_456»)


@dataclass(frozen=True)
class SendResult:
    peer_id: int
    message_id: int | None = None  # the per-conversation id, when it went out
    error: MessengerError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass(frozen=True)
class Community:
    id: int
    name: str
    screen_name: str


class Messenger(Protocol):
    async def send(
        self,
        peer_id: int,
        text: str,
        *,
        dedup_key: str,
        keyboard: Keyboard | None = None,
        reply_to: int | None = None,
    ) -> int:
        """Send a message; return its per-conversation id.

        Two sends with the same `dedup_key` deliver one message, even across restarts.
        `reply_to`: the per-conversation id of a message in the same conversation to answer
        (shown quoted above the message, and its author is notified).
        """
        ...

    async def community(self) -> Community: ...

    async def resolve_screen_name(self, screen_name: str) -> int | None:
        """The user id behind a short name (vk.com/<name>), or None if it is not a person."""
        ...

    async def resolve_screen_names(self, screen_names: list[str]) -> dict[str, int | None]:
        """Many short names at once (up to 1000): each → its user id, or None."""
        ...

    async def user_names(self, user_ids: list[int]) -> dict[int, str]:
        """«Имя Фамилия» of each user the messenger knows."""
        ...

    async def download(
        self, url: str, *, max_bytes: int, expected_size: int | None = None
    ) -> bytes:
        """A file a person sent (a document attachment), read to its end.

        Raises FileTooLarge past `max_bytes`, and DownloadFailed when the transfer breaks off
        or its length differs from the announced one or `expected_size` (the attachment's)."""
        ...

    async def create_chat(self, title: str) -> int:
        """A new chat owned by the community; returns its peer id. Never repeated on its own:
        a lost answer raises `OutcomeUnknown` (look with `find_own_chat`), a spent day's quota
        `DailyLimit`."""
        ...

    async def find_own_chat(self, title: str, *, known: set[int]) -> int | None:
        """The peer id of a chat the community owns with exactly this title and not in
        `known` (the newest, if several), or None."""
        ...

    async def message_text(self, peer_id: int, message_id: int) -> tuple[int, str] | None:
        """(author, text) of a message in a conversation by its per-conversation id."""
        ...

    async def invite_link(self, peer_id: int, *, reset: bool = False) -> str:
        """The chat's join link; `reset` annuls the old one."""
        ...

    async def pin(self, peer_id: int, message_id: int) -> None: ...

    async def chat_rights(self, peer_id: int) -> BotRights:
        """What the bot may do in the chat, as the messenger reports it."""
        ...

    async def chat_title(self, peer_id: int) -> str | None: ...

    async def chat_member_ids(self, peer_id: int) -> list[int]:
        """The people (not communities) in the chat; needs administrator rights."""

    async def delete_messages(self, peer_id: int, cmids: list[int]) -> set[int]:
        """Delete for everyone; return the per-conversation ids actually deleted."""
        ...

    async def restrict(self, peer_id: int, user_ids: list[int], seconds: int | None) -> list[int]:
        """Forbid writing in a chat for `seconds` (None: until lifted); return who failed."""
        ...

    async def unrestrict(self, peer_id: int, user_ids: list[int]) -> list[int]:
        """Let them write again; return who failed."""
        ...

    async def remove_from_chat(self, peer_id: int, user_id: int) -> None: ...

    async def send_document(
        self, peer_id: int, *, filename: str, data: bytes, text: str, dedup_key: str
    ) -> int:
        """Uploads a file and sends it with `text`; returns the message's per-chat id."""

    async def answer_button(self, event_id: str, user_id: int, peer_id: int, text: str) -> None:
        """Answer a callback button press with a short pop-up note."""
        ...

    async def reset_invite_link(self, peer_id: int) -> str:
        """Annul a chat's invite link; return the new one."""
        ...

    async def send_photo(
        self, peer_id: int, *, filename: str, data: bytes, text: str, dedup_key: str
    ) -> int:
        """Uploads a picture and sends it as a photo with `text`; returns the per-chat id."""
        ...

    async def set_chat_title(self, peer_id: int, title: str) -> None:
        """Renames a chat (needs administrator rights)."""

    async def send_many(self, messages: list[Outgoing]) -> list[SendResult]:
        """Send each message, several per request where the messenger allows; one failure does
        not stop the others. Keys work as in `send`: a repeat delivers nothing new."""
        ...
