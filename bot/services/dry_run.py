"""Moderation's dry run («только отчёт»), per chat kind: for a new school's first weeks.

In a chat of a kind in this mode the verdict is recorded and nothing else happens: no deletion,
no note to the author, no restriction, no alert, no warning counted. Once a day the
administrators get one digest of what would have been done, masked as alerts are. The mode is
set by `[moderation.kinds.<kind>] report_only` and changed at run time by `пробный режим`;
what an administrator set wins over the config and survives restarts.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.dry_run import Finding, summarize
from bot.domain.events import IncomingMessage
from bot.moderation.policy import Plan
from bot.services.notify import Notifier
from bot.storage.dry_run_repo import DryRunRepo
from bot.texts import dry_run as texts

log = logging.getLogger(__name__)

KEEP_DAYS = 30


class DryRun:
    def __init__(
        self,
        repo: DryRunRepo,
        notifier: Notifier,
        *,
        configured: frozenset[ChatKind],
        clock: Callable[[], datetime],
    ) -> None:
        self._repo = repo
        self._notifier = notifier
        self._configured = configured
        self._clock = clock
        self._set: dict[ChatKind, bool] | None = None

    async def load(self) -> None:
        self._set = await self._repo.modes()

    def is_on(self, kind: ChatKind) -> bool:
        chosen = (self._set or {}).get(kind)
        return chosen if chosen is not None else kind in self._configured

    def report_only_kinds(self) -> list[ChatKind]:
        return [kind for kind in ChatKind if self.is_on(kind)]

    async def switch(self, kind: ChatKind, *, on: bool, by: int) -> str:
        await self._repo.set_mode(kind=kind, report_only=on, by=by, at=self._clock())
        self._set = {**(self._set or {}), kind: on}
        log.info("moderation in %s chats: %s (by %s)", kind.value,
                 "report only" if on else "acting", by)  # fmt: skip
        return texts.render_switched(kind, on)

    async def record(
        self, chat: SchoolChat, incoming: IncomingMessage, plan: Plan, masked: str
    ) -> None:
        await self._repo.add(
            Finding(
                at=self._clock(), peer_id=chat.peer_id, cmid=incoming.message_id,
                chat_kind=chat.kind, chat_title=chat.title or str(chat.peer_id),
                author_vk_id=incoming.author_id, rule=plan.rule, would_delete=plan.delete,
                would_restrict_minutes=plan.restrict_seconds // 60 if plan.restrict_seconds
                else None,
                would_remove=plan.remove, masked_text=masked,
            )
        )  # fmt: skip

    async def record_content(self, chat: SchoolChat, incoming: IncomingMessage, breach) -> None:
        await self._repo.add(
            Finding(
                at=self._clock(), peer_id=chat.peer_id, cmid=incoming.message_id,
                chat_kind=chat.kind, chat_title=chat.title or str(chat.peer_id),
                author_vk_id=incoming.author_id, rule=f"content:{breach.content.value}",
                would_delete=True, would_restrict_minutes=None, would_remove=False,
                masked_text=texts.content_example(breach),
            )
        )  # fmt: skip

    async def digest(self) -> str:
        now = self._clock()
        return texts.render_digest(summarize(await self._repo.since(now - timedelta(days=1))))

    async def send_digest(self) -> None:
        """The daily job: one message to each administrator while any kind is in the mode (or
        there is something from the last day to tell of, after it was switched off)."""
        now = self._clock()
        findings = await self._repo.since(now - timedelta(days=1))
        await self._repo.prune(before=now - timedelta(days=KEEP_DAYS))
        if not findings and not self.report_only_kinds():
            return
        text = texts.render_digest(summarize(findings))
        await self._notifier.to_admins(text, key=f"dry-run:{now.date().isoformat()}")
