"""Each long-poll event is handled once, even when the poll re-reads it after a crash."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.storage.event_repo import ProcessedEventRepo

log = logging.getLogger(__name__)

# A crash re-reads at most the batches that were in hand; far fewer events than this.
KEEP_EVENTS = 20_000
PRUNE_EVERY = 500


class EventLedger:
    def __init__(
        self,
        repo: ProcessedEventRepo,
        *,
        clock: Callable[[], datetime],
        keep: int = KEEP_EVENTS,
        prune_every: int = PRUNE_EVERY,
    ) -> None:
        self._repo = repo
        self._clock = clock
        self._keep = keep
        self._prune_every = prune_every
        self._marked = 0

    async def once(self, event_id: str | None, handle: Callable[[], Awaitable[None]]) -> bool:
        """Runs `handle` unless this event was handled before; True when it ran.

        The event is recorded only after `handle` returns, so one cut short by a crash runs
        again; the handlers are written to be safe to repeat (deterministic `random_id`s,
        unique rows)."""
        if event_id and await self._repo.is_processed(event_id=event_id):
            log.info("event %s was handled before the restart; skipped", event_id)
            return False
        await handle()
        if event_id:
            await self._repo.mark(event_id=event_id, at=self._clock())
            self._marked += 1
            if self._marked % self._prune_every == 0:
                await self._repo.prune(keep=self._keep)
        return True
