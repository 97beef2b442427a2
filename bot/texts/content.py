"""Texts of the rules by content type: one short note to the author, in the chat."""

from __future__ import annotations

from bot.moderation.content import Breach, Content
from bot.texts.grammar import plural

CONTENT_NAMES: dict[str, str] = {
    Content.VOICE: "голосовое сообщение",
    Content.STICKER: "стикеры",
    Content.REPOST: "репост записи сообщества",
    Content.MENTIONS: "массовое упоминание",
    Content.LENGTH: "слишком длинное сообщение",
}


def _seconds(n: int) -> str:
    return f"{n} {plural(n, 'секунды', 'секунд', 'секунд')}"


def content_note(who: str, breach: Breach) -> str:
    """Why the message was deleted, in one sentence, and what is fine instead."""
    c, amount, limit = breach.content, breach.amount, breach.limit
    if c is Content.VOICE and limit:
        why = f"голосовые сообщения здесь — не длиннее {_seconds(limit)}; лучше написать текстом"
    elif c is Content.VOICE:
        why = "голосовые сообщения в этом чате не приняты; напишите, пожалуйста, текстом"
    elif c is Content.STICKER and limit:
        n = f"{limit} {plural(limit, 'стикера', 'стикеров', 'стикеров')}"
        why = f"не больше {n} за 10 минут"
    elif c is Content.STICKER:
        why = "стикеры в этом чате не приняты"
    elif c is Content.REPOST:
        why = "репосты записей сообществ в этом чате не приняты"
    elif c is Content.MENTIONS and amount:
        n = f"{limit} {plural(limit, 'человека', 'человек', 'человек')}"
        why = f"в одном сообщении можно упомянуть не больше {n}"
    elif c is Content.MENTIONS:
        why = "упоминать сразу всех (@all, @online) в этом чате нельзя"
    else:
        n = f"{limit} {plural(limit, 'знака', 'знаков', 'знаков')}"
        why = f"сообщения здесь — не длиннее {n}; длинный текст лучше приложить файлом"
    return f"{who}, ваше сообщение удалено: {why}. Это не нарушение, а порядок этого чата."
