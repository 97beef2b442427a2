"""An announcement answered by button, as stored."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.acks import AckKind
from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName


class AckStatus(StrEnum):
    OPEN = "open"  # the reminder is still to come
    REMINDING = "reminding"  # the reminder is going out (a restart finishes it)
    DONE = "done"  # reminded and reported; answers are still taken


@dataclass(frozen=True, slots=True)
class Ack:
    kind: AckKind
    author_vk_id: int
    class_name: ClassName
    chat_kind: ChatKind
    peer_id: int
    title: str  # the chat's
    text: str
    options: tuple[str, ...]  # the buttons' labels, in order
    created_at: datetime
    remind_at: datetime
    nonce: str
    status: AckStatus = AckStatus.OPEN
    cmid: int | None = None
    source: str | None = None  # the command's message, so that a repeat of it posts nothing new
    id: int | None = None

    @property
    def job_id(self) -> str:
        return f"ack:{self.id}:remind"

    def key(self, purpose: str, *more: object) -> str:
        """A dedup key: the same message for the same announcement is sent once."""
        return ":".join(str(p) for p in ("ack", self.id, self.nonce, purpose, *more))
