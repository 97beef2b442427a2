"""Moderation incidents as the school keeps them, and the words of the «нарушения» filter.

An incident holds the MASKED text only: the raw message, with whatever personal data it carried,
is never stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from bot.domain.chats import ChatKind, SchoolChat, parse_chat_kind
from bot.domain.classes import ClassName, ClassNameError
from bot.domain.person_ref import PersonRef, PersonRefError, parse_person_ref
from bot.moderation.content import Breach
from bot.moderation.policy import Plan
from bot.moderation.types import Violation

REPORT_RULE = "report"  # the rule of an incident that a person reported
MAX_INCIDENTS = 200
DEFAULT_INCIDENTS = 20


class Source(StrEnum):
    MESSAGE = "message"  # a message (new or edited) broke the rules
    REPORT = "report"  # a person reported a message («жалоба»)
    RAID = "raid"  # too many joins at once


class Resolution(StrEnum):
    FORGIVEN = "forgiven"
    REMOVED = "removed"
    OK = "ok"


@dataclass(frozen=True, slots=True)
class Incident:
    at: datetime
    source: Source
    peer_id: int
    cmid: int
    author_vk_id: int
    rule: str
    clause: str
    masked_text: str
    kind: str | None = None
    actions: tuple[str, ...] = ()
    chat_id: int | None = None
    author_person_id: int | None = None
    reporter_vk_id: int | None = None
    reason: str | None = None  # the reporter's words, masked too
    resolved_by: int | None = None  # VK id of who pressed a button
    resolved_at: datetime | None = None
    resolution: Resolution | None = None
    id: int | None = None


@dataclass(frozen=True, slots=True)
class Verdict:
    """A message in a school chat that the bot must act on, and how (worked out once)."""

    chat: SchoolChat
    violations: tuple[Violation, ...]
    plan: Plan
    masked: str


@dataclass(frozen=True, slots=True)
class ContentVerdict:
    """A message the chat's content rules remove (a long voice message, «@all», …)."""

    chat: SchoolChat
    breach: Breach


@dataclass(frozen=True, slots=True)
class IncidentFilter:
    class_name: ClassName | None = None
    chat_kind: ChatKind | None = None
    author_vk_id: int | None = None
    rule: str | None = None
    since: datetime | None = None
    limit: int = DEFAULT_INCIDENTS


# ---------------------------------------------------------------- «нарушения 5А мат неделя 10»

RULE_WORDS: dict[str, str] = {
    **dict.fromkeys(["мат", "ругань", "брань", "лексика"], "profanity"),
    **dict.fromkeys(["оскорбления", "оскорбление", "оскорбил"], "insult"),
    **dict.fromkeys(["данные", "персональные", "телефоны", "карты"], "personal_data"),
    **dict.fromkeys(["аккаунт", "аккаунты", "пароли", "пароль", "коды"], "account_sharing"),
    **dict.fromkeys(["ссылки", "ссылка"], "external_link"),
    **dict.fromkeys(["флуд", "спам"], "flood"),
    **dict.fromkeys(["наплыв", "рейд", "рейды"], "raid"),
    **dict.fromkeys(["жалобы", "жалоба"], REPORT_RULE),
    **dict.fromkeys(["мошенничество", "сборы", "реквизиты"], "scam"),
    **dict.fromkeys(["самозванцы", "самозванец"], "impersonation"),
}
PERIOD_WORDS: dict[str, int] = {
    **dict.fromkeys(["сегодня", "день", "сутки"], 1),
    **dict.fromkeys(["неделя", "неделю", "неделе"], 7),
    **dict.fromkeys(["месяц", "месяца"], 30),
    **dict.fromkeys(["год", "года"], 365),
}
_SKIP = frozenset({"за", "в", "по", "чат", "чате", "чата"})


class FilterWordError(ValueError):
    def __init__(self, word: str) -> None:
        super().__init__(word)
        self.word = word


def parse_filter_words(words: list[str]) -> dict[str, object]:
    """«5А родители @id5 мат неделя 10» → {class_name, chat_kind, person, rule, days, count}.
    Raises FilterWordError naming the first word it does not understand."""
    found: dict[str, object] = {}
    for raw in words:
        word = raw.casefold().replace("ё", "е").strip(",.;:!?")
        if not word or word in _SKIP:
            continue
        if word.isascii() and word.isdigit() and "count" not in found:
            found["count"] = int(word)
            continue
        if word in RULE_WORDS and "rule" not in found:
            found["rule"] = RULE_WORDS[word]
            continue
        if word in PERIOD_WORDS and "days" not in found:
            found["days"] = PERIOD_WORDS[word]
            continue
        choice = parse_chat_kind(word)
        if choice is not None and choice.kind.needs_class and "chat_kind" not in found:
            found["chat_kind"] = choice.kind
            continue
        if word[:1].isdigit() and "class_name" not in found:
            try:
                found["class_name"] = ClassName.parse(raw)
                continue
            except ClassNameError:
                raise FilterWordError(raw) from None
        if "person" not in found:
            try:
                person: PersonRef = parse_person_ref(raw)
            except PersonRefError:
                raise FilterWordError(raw) from None
            found["person"] = person
            continue
        raise FilterWordError(raw)
    return found
