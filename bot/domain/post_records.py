"""A post as the bot keeps it: its state, and one delivery per chat it goes to."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.domain.posts import PostKind


class PostStatus(StrEnum):
    DRAFT = "draft"  # shown to its author, waiting for «Опубликовать»
    SCHEDULED = "scheduled"  # confirmed, waits for its time
    SENDING = "sending"  # going out; a restart finishes it (the random_ids make repeats no-ops)
    SENT = "sent"  # every chat got it or was reported as failed
    MISSED = "missed"  # its time passed while the bot was down, longer ago than the grace period
    CANCELLED = "cancelled"


LIVE = (PostStatus.DRAFT, PostStatus.SCHEDULED)


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class Delivery:
    peer_id: int
    title: str
    status: DeliveryStatus = DeliveryStatus.PENDING
    error_code: int | None = None
    cmid: int | None = None


@dataclass(frozen=True, slots=True)
class Post:
    kind: PostKind
    author_vk_id: int
    target: str  # what the author named, for lists and reports («Общий канал школы»)
    text: str
    created_at: datetime
    nonce: str  # part of every random_id key, so a fresh database never repeats old ids
    status: PostStatus = PostStatus.DRAFT
    due_at: datetime | None = None  # UTC; None: as soon as it is confirmed
    event_at: datetime | None = None
    attachments: tuple[str, ...] = ()  # «doc123_456» strings VK re-attaches
    parent_id: int | None = None
    label: str | None = None  # a reminder's «1d», «1h»
    sent_at: datetime | None = None
    id: int | None = None
    deliveries: tuple[Delivery, ...] = field(default_factory=tuple)

    def dedup_key(self, peer_id: int) -> str:
        return f"post:{self.id}:{self.nonce}:{peer_id}"

    @property
    def job_id(self) -> str:
        if self.kind is PostKind.REMINDER:
            return f"reminder:{self.parent_id}:{self.label}"
        return f"post:{self.id}"
