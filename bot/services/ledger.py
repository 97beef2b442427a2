"""Each long-poll event is handled once, even when the poll re-reads it after a crash."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime

from bot.storage.event_repo import ProcessedEventRepo

log = logging.getLogger(__name__)

# A crash re-reads at most the batches that were in hand; far fewer events than this.
KEEP_EVENTS = 20_000
PRUNE_EVERY = 500
# Handled events are written together, at most this long after the first of them finished
# (one write for a burst instead of one per message). A crash inside this window runs those
# events again, as it would any event cut short.
MARK_DELAY = 0.02
MARK_BATCH = 200


class EventLedger:
    def __init__(
        self,
        repo: ProcessedEventRepo,
        *,
        clock: Callable[[], datetime],
        keep: int = KEEP_EVENTS,
        prune_every: int = PRUNE_EVERY,
        mark_delay: float = MARK_DELAY,
    ) -> None:
        self._repo = repo
        self._clock = clock
        self._keep = keep
        self._prune_every = prune_every
        self._marked = 0
        # The ids handled lately, read once at the first event: asking the database for every
        # event was one more round trip per message (docs/performance.md).
        self._seen: set[str] | None = None
        self._loading = asyncio.Lock()
        self._mark_delay = mark_delay
        self._pending: list[tuple[str, str]] = []
        self._flushing: set[asyncio.Task] = set()
        self._timer: asyncio.TimerHandle | None = None

    async def once(self, event_id: str | None, handle: Callable[[], Awaitable[None]]) -> bool:
        """Runs `handle` unless this event was handled before; True when it ran.

        The event is recorded only after `handle` returns, so one cut short by a crash runs
        again; the handlers are written to be safe to repeat (deterministic `random_id`s,
        unique rows)."""
        if event_id and event_id in await self._handled():
            log.info("event %s was handled before the restart; skipped", event_id)
            return False
        await handle()
        if event_id:
            (await self._handled()).add(event_id)
            self._pending.append((event_id, self._clock().isoformat()))
            if len(self._pending) >= MARK_BATCH:
                await self.flush()
            elif self._timer is None:
                loop = asyncio.get_running_loop()
                self._timer = loop.call_later(self._mark_delay, self._flush_soon)
        return True

    async def was_handled(self, event_id: str) -> bool:
        """True for an event handled to the end (a repeat VK sends after a late answer)."""
        return event_id in await self._handled()

    def _flush_soon(self) -> None:
        self._timer = None
        task = asyncio.create_task(self.flush(), name="ledger-flush")
        self._flushing.add(task)
        task.add_done_callback(self._flushed)

    def _flushed(self, task: asyncio.Task) -> None:
        self._flushing.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("could not record handled events", exc_info=task.exception())

    async def close(self) -> None:
        """At a clean stop: every handled event written."""
        await asyncio.gather(*self._flushing, return_exceptions=True)
        await self.flush()

    async def flush(self) -> None:
        """Writes the handled events not yet written."""
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if not self._pending:
            return
        batch, self._pending = self._pending, []
        await self._repo.mark_many(batch)
        before = self._marked
        self._marked += len(batch)
        if before // self._prune_every != self._marked // self._prune_every:
            await self._repo.prune(keep=self._keep)
            if self._seen is not None and len(self._seen) > 2 * self._keep:
                self._seen = None  # read the kept ones again, so memory stays bounded

    async def _handled(self) -> set[str]:
        if self._seen is None:
            async with self._loading:
                if self._seen is None:
                    self._seen = set(await self._repo.recent(limit=self._keep))
        return self._seen
