"""The long-poll loop, durable across crashes.

Each update runs as its own task. The saved `ts` only moves past a batch of updates once every
handler of that batch — and of every batch before it — has finished, so a process killed
mid-work re-reads what it had in hand instead of skipping it. Failed answers: 1 — continue from the
given `ts`; 2 — a new key, same `ts`; 3 — a new key, and the old `ts` tried first (see
`_recover`). Network trouble keeps the server and `ts` and tries again after a pause.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.vk.polling import PersistentPolling

log = logging.getLogger(__name__)

MAX_PAUSE = 5.0


@dataclass
class _Batch:
    ts: str
    tasks: set[asyncio.Task]


class DurableLongPoll:
    def __init__(
        self, polling: PersistentPolling, handle: Callable[[dict[str, Any]], Awaitable[None]]
    ) -> None:
        self._polling = polling
        self._handle = handle
        self._batches: deque[_Batch] = deque()
        self._saved_ts: str | None = None
        self._stopping = False
        self.inflight: set[asyncio.Task] = set()

    @property
    def ready(self) -> asyncio.Event:
        return self._polling.ready

    async def run(self) -> None:
        polling = self._polling
        server: dict[str, Any] = polling.restore_server_ts(await polling.get_server())
        # On the very first start there is no saved place yet: keep this one at once, so a
        # crash before the first batch finishes still resumes from here.
        self._save(str(server["ts"]))
        failures = 0
        while not self._stopping:
            try:
                server = server or await polling.get_server()
                event = await polling.get_event(server)
                if "failed" in event:
                    server = await self._recover(server, event)
                    continue
                if "ts" not in event:
                    server = {}
                    continue
                server["ts"] = event["ts"]
                failures = 0
                self._dispatch(str(event["ts"]), event.get("updates") or [])
            except asyncio.CancelledError:
                raise
            except Exception as error:  # the poll must outlive any one bad answer
                failures += 1
                pause = min(MAX_PAUSE, 0.1 * 2 ** min(failures, 6)) * random.uniform(0.5, 1.0)
                log.warning("long poll request failed (%s); again in %.1fs", _name(error), pause)
                await asyncio.sleep(pause)

    async def _recover(self, server: dict[str, Any], event: dict[str, Any]) -> dict[str, Any]:
        log.warning("long poll answered failed=%s", event.get("failed"))
        if event.get("failed") == 3:
            # VK says to start over from a new `ts`, which skips whatever came meanwhile. Try the
            # old `ts` with the new key first: if VK no longer has it, it answers failed=1 with
            # the `ts` to go on from, and nothing is lost that was not lost anyway.
            fresh = await self._polling.get_server()
            return {**fresh, "ts": server["ts"]}
        return await self._polling.handle_failed_event(server, event)

    def stop(self) -> None:
        """Takes no new events; the caller cancels `run` (it may be waiting on VK)."""
        self._stopping = True

    async def drain(self, seconds: float) -> int:
        """Waits for in-flight handlers; cancels those still running. Returns how many were cut
        short (their events are read again after the next start)."""
        if self.inflight:
            await asyncio.wait(set(self.inflight), timeout=seconds)
        left = [task for task in self.inflight if not task.done()]
        for task in left:
            task.cancel()
        if left:
            await asyncio.gather(*left, return_exceptions=True)
        return len(left)

    def _dispatch(self, ts: str, updates: list[dict[str, Any]]) -> None:
        tasks = {self._spawn(update) for update in updates}
        self._batches.append(_Batch(ts, tasks))
        self._advance()

    def _spawn(self, update: dict[str, Any]) -> asyncio.Task:
        task = asyncio.create_task(self._handle(update), name=f"event:{update.get('type')}")
        self.inflight.add(task)
        task.add_done_callback(self._finished)
        return task

    def _finished(self, task: asyncio.Task) -> None:
        self.inflight.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("event handling failed", exc_info=task.exception())
        if not task.cancelled():
            self._advance()

    def _advance(self) -> None:
        ts = None
        while self._batches and all(
            task.done() and not task.cancelled() for task in self._batches[0].tasks
        ):
            ts = self._batches.popleft().ts
        if ts is not None:
            self._save(ts)

    def _save(self, ts: str) -> None:
        if ts != self._saved_ts:
            self._polling.save_server_ts({"ts": ts})
            self._saved_ts = ts


def _name(error: Exception) -> str:
    return type(error).__name__ + (f" {error.code}" if hasattr(error, "code") else "")
