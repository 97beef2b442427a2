"""Rules by content type, per chat kind: voice messages, stickers, reposts from communities, mass
mentions and over-long messages can each be allowed, limited or forbidden. Pure: no I/O.

These are not misconduct under 4.5/4.6 but the chat's format (a pupils' chat is for the class,
not for ten-minute voice messages or «@all» at night): a breach deletes the message and tells
the author why, and never counts as a warning."""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, replace
from enum import StrEnum

from bot.domain.chats import ChatKind
from bot.domain.events import IncomingMessage

VOICE_KIND = "audio_message"
STICKER_KIND = "sticker"
REPOST_KIND = "wall"
STICKER_WINDOW = 600.0  # seconds: «stickers_per_10_minutes»


class Content(StrEnum):
    VOICE = "voice"
    STICKER = "sticker"
    REPOST = "repost"
    MENTIONS = "mentions"
    LENGTH = "length"


class Mode(StrEnum):
    ALLOW = "allow"
    LIMIT = "limit"
    FORBID = "forbid"


class RepostMode(StrEnum):
    ALLOW = "allow"
    SCHOOL_ONLY = "school_only"  # reposts from the school's own community only
    FORBID = "forbid"


@dataclass(frozen=True, slots=True)
class ContentLimits:
    voice: Mode = Mode.ALLOW
    voice_max_seconds: int = 60
    stickers: Mode = Mode.ALLOW
    stickers_per_10_minutes: int = 3
    reposts: RepostMode = RepostMode.ALLOW
    max_mentions: int = 0  # more people named at once is a mass mention; 0: no limit
    max_length: int = 0  # characters; 0: no limit

    @property
    def checks_anything(self) -> bool:
        return (
            self.voice is not Mode.ALLOW
            or self.stickers is not Mode.ALLOW
            or self.reposts is not RepostMode.ALLOW
            or self.max_mentions > 0
            or self.max_length > 0
        )


# Pupils' chats forbid mass mentions and long voice messages unless the school says otherwise.
KIND_DEFAULTS: dict[ChatKind, ContentLimits] = {
    ChatKind.PUPILS: ContentLimits(voice=Mode.LIMIT, voice_max_seconds=60, max_mentions=5),
}


def limits_for(kind: ChatKind, **chosen: object) -> ContentLimits:
    """The kind's defaults with what the config chose (None: not chosen) laid over them."""
    base = KIND_DEFAULTS.get(kind, ContentLimits())
    given = {key: value for key, value in chosen.items() if value is not None}
    for key, kind_of in (("voice", Mode), ("stickers", Mode), ("reposts", RepostMode)):
        if key in given:
            given[key] = kind_of(given[key])
    return replace(base, **given)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Breach:
    content: Content
    amount: int = 0  # seconds of voice, people mentioned, characters — what went over
    limit: int = 0


class StickerCounter:
    """Stickers per person per chat in the last ten minutes (kept for limited chats only)."""

    def __init__(self, window: float = STICKER_WINDOW) -> None:
        self._window = window
        self._seen: dict[tuple[int, int], deque[float]] = {}

    def add(self, peer_id: int, author_id: int, now: float) -> int:
        times = self._seen.setdefault((peer_id, author_id), deque())
        while times and now - times[0] > self._window:
            times.popleft()
        times.append(now)
        if len(self._seen) > 10_000:  # a bounded memory: forget the quietest
            self._seen = {k: v for k, v in self._seen.items() if v and now - v[-1] <= self._window}
        return len(times)


def check_content(
    message: IncomingMessage,
    limits: ContentLimits,
    *,
    own_community: int,
    stickers: StickerCounter,
    now: float,
) -> Breach | None:
    """The first content rule the message breaks, or None."""
    kinds = {a.kind for a in message.attachments}
    for voice in (a for a in message.attachments if a.kind == VOICE_KIND):
        if limits.voice is Mode.FORBID:
            return Breach(Content.VOICE, voice.duration)
        if limits.voice is Mode.LIMIT and voice.duration > limits.voice_max_seconds:
            return Breach(Content.VOICE, voice.duration, limits.voice_max_seconds)
    if STICKER_KIND in kinds and limits.stickers is not Mode.ALLOW:
        if limits.stickers is Mode.FORBID:
            return Breach(Content.STICKER)
        count = stickers.add(message.peer_id, message.author_id, now)
        if count > limits.stickers_per_10_minutes:
            return Breach(Content.STICKER, count, limits.stickers_per_10_minutes)
    for post in (a for a in message.attachments if a.kind == REPOST_KIND):
        from_community = post.from_id < 0
        if limits.reposts is RepostMode.FORBID and from_community:
            return Breach(Content.REPOST)
        if (
            limits.reposts is RepostMode.SCHOOL_ONLY
            and from_community
            and post.from_id != -own_community
        ):
            return Breach(Content.REPOST)
    if limits.max_mentions > 0:
        if message.mentions_everyone:
            return Breach(Content.MENTIONS, 0, limits.max_mentions)
        named = len(message.mentioned)
        if named > limits.max_mentions:
            return Breach(Content.MENTIONS, named, limits.max_mentions)
    if limits.max_length > 0 and len(message.text) > limits.max_length:
        return Breach(Content.LENGTH, len(message.text), limits.max_length)
    return None
