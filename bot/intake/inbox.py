"""The durable inbox: an event is stored, then acknowledged, then handled by a worker, then
forgotten. A crash anywhere after the store loses nothing: what is stored is handled at the next
start; what is handled twice (a repeat after a crash) is skipped by the event ledger."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from bot.intake.sealed import SealBroken, Sealer
from bot.storage.inbox_repo import InboxRepo

log = logging.getLogger(__name__)

# Events handled at once: a burst is worked through in parallel, as the long poll does.
WORKERS = 50


class DurableInbox:
    kind = "callback"

    def __init__(
        self,
        repo: InboxRepo,
        sealer: Sealer,
        handle: Callable[[dict[str, Any]], Awaitable[None]],
        *,
        clock: Callable[[], datetime],
        was_handled: Callable[[str], Awaitable[bool]] | None = None,
        workers: int = WORKERS,
    ) -> None:
        self._was_handled = was_handled
        self._repo = repo
        self._sealer = sealer
        self._handle = handle
        self._clock = clock
        self._slots = asyncio.Semaphore(workers)
        self.inflight: set[asyncio.Task] = set()
        self._queued: set[str] = set()
        self._stopping = False
        self.received = 0
        self.repeats = 0
        self.handled = 0
        self.failed = 0
        self.last_received: datetime | None = None

    async def recover(self) -> int:
        """At start: hands every stored, unhandled event to the workers. Returns how many."""
        stored = await self._repo.pending()
        for event in stored:
            try:
                body = self._sealer.open(event.body, event_id=event.event_id)
            except SealBroken:
                # Sealed under another token: it cannot be read, and keeping it would retry
                # forever. Said loudly once; the row goes.
                log.error("stored event %s cannot be opened (the token changed?)", event.event_id)
                await self._repo.done(event_id=event.event_id)
                continue
            self._spawn(event.event_id, json.loads(body))
        if stored:
            log.info("%d stored events taken up after the restart", len(stored))
        return len(stored)

    async def put(self, event_id: str, group_id: int, update: dict[str, Any]) -> bool:
        """Stores the event for good, then schedules it. Raises if it could not be stored (the
        caller must then not acknowledge it). False: a repeat of an event already stored."""
        if self._stopping:
            raise RuntimeError("the inbox is closing")
        if self._was_handled is not None and await self._was_handled(event_id):
            self.repeats += 1
            self.last_received = self._clock()
            return False
        body = json.dumps(update, ensure_ascii=False).encode()
        sealed = self._sealer.seal(body, event_id=event_id)
        now = self._clock()
        added = await self._repo.put(event_id=event_id, group_id=group_id, body=sealed, at=now)
        self.last_received = now
        if not added:
            self.repeats += 1
            return False
        self.received += 1
        self._spawn(event_id, update)
        return True

    async def pending(self) -> int:
        return await self._repo.count()

    def _spawn(self, event_id: str, update: dict[str, Any]) -> None:
        if event_id in self._queued:
            return
        self._queued.add(event_id)
        task = asyncio.create_task(self._work(event_id, update), name=f"inbox:{event_id[:8]}")
        self.inflight.add(task)
        task.add_done_callback(self.inflight.discard)

    async def _work(self, event_id: str, update: dict[str, Any]) -> None:
        try:
            async with self._slots:
                try:
                    await self._handle(update)
                except asyncio.CancelledError:
                    raise
                except Exception:
                    # As with the long poll: a handler's failure is logged; the event is not
                    # run again and again (it would fail the same way).
                    self.failed += 1
                    log.exception("event %s failed", event_id)
                await self._repo.done(event_id=event_id)
                self.handled += 1
        finally:
            self._queued.discard(event_id)

    def stop(self) -> None:
        self._stopping = True

    async def drain(self, seconds: float) -> int:
        """Waits for the workers; cancels those still running (their rows stay, and are handled
        after the next start). Returns how many were cut short."""
        if self.inflight:
            await asyncio.wait(set(self.inflight), timeout=seconds)
        left = [task for task in self.inflight if not task.done()]
        for task in left:
            task.cancel()
        if left:
            await asyncio.gather(*left, return_exceptions=True)
        return len(left)
