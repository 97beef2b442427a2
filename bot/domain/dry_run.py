"""Moderation's dry run («только отчёт»): what would have been done, summed up for a digest."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from bot.domain.chats import ChatKind


@dataclass(frozen=True, slots=True)
class Finding:
    at: datetime
    peer_id: int
    cmid: int
    chat_kind: ChatKind
    chat_title: str
    author_vk_id: int
    rule: str
    would_delete: bool
    would_restrict_minutes: int | None
    would_remove: bool
    masked_text: str


@dataclass(frozen=True, slots=True)
class Summary:
    total: int
    deleted: int
    warned: int
    restricted: int
    removed: int
    by_chat: list[tuple[str, int]]  # chat title → findings, most first
    by_rule: list[tuple[str, int]]  # rule → findings, most first
    examples: list[Finding]  # the latest few


def summarize(findings: list[Finding], *, examples: int = 5) -> Summary:
    by_chat = Counter(f.chat_title for f in findings)
    by_rule = Counter(f.rule for f in findings)
    latest = sorted(findings, key=lambda f: f.at, reverse=True)[:examples]
    return Summary(
        total=len(findings),
        deleted=sum(f.would_delete for f in findings),
        warned=len(findings),  # every action of moderation tells the author why
        restricted=sum(1 for f in findings if f.would_restrict_minutes),
        removed=sum(f.would_remove for f in findings),
        by_chat=sorted(by_chat.items(), key=lambda kv: (-kv[1], kv[0])),
        by_rule=sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0])),
        examples=latest,
    )
