"""Rules by content type, the pure part: what each chat kind allows, limits or forbids."""

from __future__ import annotations

from bot.config import ChatKindModerationConfig
from bot.domain.chats import ChatKind
from bot.domain.events import Attachment, IncomingMessage
from bot.handlers.convert import mentioned_ids
from bot.moderation.content import (
    Breach,
    Content,
    ContentLimits,
    Mode,
    RepostMode,
    StickerCounter,
    check_content,
    limits_for,
)

PEER = 2_000_000_001


def msg(text: str = "", *attachments: Attachment, everyone: bool = False) -> IncomingMessage:
    return IncomingMessage(PEER, 1001, 7, text, attachments=attachments,
                           mentioned=mentioned_ids(text), mentions_everyone=everyone)  # fmt: skip


def check(message, limits, counter=None, now=0.0):
    return check_content(message, limits, own_community=1, stickers=counter or StickerCounter(),
                         now=now)  # fmt: skip


def test_pupils_chats_limit_voice_and_mentions_by_default_others_allow_all():
    pupils = limits_for(ChatKind.PUPILS)
    assert pupils.voice is Mode.LIMIT and pupils.voice_max_seconds == 60
    assert pupils.max_mentions == 5
    assert not limits_for(ChatKind.PARENTS).checks_anything
    chosen = ChatKindModerationConfig(voice="forbid", max_mentions=0).content(ChatKind.PUPILS)
    assert chosen.voice is Mode.FORBID and chosen.max_mentions == 0


def test_a_long_voice_message_is_over_the_limit_a_short_one_is_not():
    pupils = limits_for(ChatKind.PUPILS)
    assert check(msg("", Attachment("audio_message", duration=95)), pupils) == Breach(
        Content.VOICE, 95, 60
    )
    assert check(msg("", Attachment("audio_message", duration=40)), pupils) is None
    forbid = ContentLimits(voice=Mode.FORBID)
    assert check(msg("", Attachment("audio_message", duration=3)), forbid).content is Content.VOICE


def test_mass_mentions_more_than_the_limit_or_everyone():
    pupils = limits_for(ChatKind.PUPILS)
    five = " ".join(f"[id{n}|Имя]" for n in range(1, 6))
    assert check(msg(five), pupils) is None
    six = five + " [id6|Шестой] [id6|Шестой]"  # one person named twice counts once
    assert check(msg(six), pupils) == Breach(Content.MENTIONS, 6, 5)
    assert check(msg("@all завтра контрольная", everyone=True), pupils).content is Content.MENTIONS
    assert check(msg("пишите на mail@all.ru"), pupils) is None


def test_stickers_limited_per_person_in_ten_minutes():
    limits = ContentLimits(stickers=Mode.LIMIT, stickers_per_10_minutes=3)
    counter = StickerCounter()
    sticker = msg("", Attachment("sticker"))
    assert [check(sticker, limits, counter, now=t) for t in (0, 10, 20)] == [None] * 3
    assert check(sticker, limits, counter, now=30) == Breach(Content.STICKER, 4, 3)
    assert check(sticker, limits, counter, now=700) is None  # ten minutes on: the count is new


def test_reposts_from_communities_forbidden_or_only_the_schools_own():
    other = msg("", Attachment("wall", from_id=-555))
    own = msg("", Attachment("wall", from_id=-1))
    person = msg("", Attachment("wall", from_id=1001))
    school_only = ContentLimits(reposts=RepostMode.SCHOOL_ONLY)
    assert check(other, school_only).content is Content.REPOST
    assert check(own, school_only) is None and check(person, school_only) is None
    assert check(own, ContentLimits(reposts=RepostMode.FORBID)).content is Content.REPOST


def test_over_long_text():
    limits = ContentLimits(max_length=100)
    assert check(msg("а" * 100), limits) is None
    assert check(msg("а" * 101), limits) == Breach(Content.LENGTH, 101, 100)
