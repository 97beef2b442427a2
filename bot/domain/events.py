"""What happened in a messenger, in neutral words the services understand."""

from __future__ import annotations

from dataclasses import dataclass, field

CHAT_PEER_BASE = 2_000_000_000


def is_chat_peer(peer_id: int) -> bool:
    return peer_id > CHAT_PEER_BASE


@dataclass(frozen=True)
class Attachment:
    kind: str
    title: str = ""
    url: str = ""
    size: int = 0
    ref: str = ""  # how the messenger names it to send it again («doc123_456»)
    duration: int = 0  # seconds, for a voice message
    from_id: int = 0  # for a repost: whose post (negative: a community)


@dataclass(frozen=True)
class ChatAction:
    """A service message: someone joined, left, the title changed… `kind` is VK's action type."""

    kind: str
    member_id: int | None = None


@dataclass(frozen=True)
class ReplyTo:
    """The message a person answered."""

    message_id: int
    author_id: int
    text: str


@dataclass(frozen=True)
class ButtonPress:
    """A callback button pressed under one of the bot's messages."""

    event_id: str
    user_id: int
    peer_id: int
    message_id: int
    payload: dict


@dataclass(frozen=True)
class IncomingMessage:
    """A message a person wrote: in a chat (`is_chat`) or in the community's dialog."""

    peer_id: int
    author_id: int
    message_id: int  # the per-conversation id: VK's conversation_message_id
    text: str
    date: int = 0
    payload: dict | None = None
    ref: str | None = None
    attachments: tuple[Attachment, ...] = field(default_factory=tuple)
    reply_to_message_id: int | None = None
    action: ChatAction | None = None
    reply_to: ReplyTo | None = None
    mentioned: tuple[int, ...] = ()  # people (and communities) the text names by markup
    mentions_everyone: bool = False  # «@all», «@online», «@все»: everyone in the chat

    @property
    def is_chat(self) -> bool:
        return is_chat_peer(self.peer_id)

    def reply_key(self, purpose: str = "reply") -> str:
        """A stable key for the bot's answer, so a re-delivered event is answered once."""
        return f"{purpose}:{self.peer_id}:{self.message_id}:{self.author_id}"
