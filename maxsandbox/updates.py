"""The long-poll queue behind GET /updates: numbered updates, `marker` commits, `types`, TTL."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import Any


class UpdateLog:
    def __init__(self, ttl: float = 24 * 3600, history: int = 10000) -> None:
        self.ttl = ttl
        self._items: deque[tuple[int, float, dict[str, Any]]] = deque(maxlen=history)
        self.next = 1
        self.committed = 1
        self._changed = asyncio.Event()
        self.closed = False

    def append(self, update: dict[str, Any]) -> None:
        self._items.append((self.next, time.monotonic(), update))
        self.next += 1
        self._changed.set()
        self._changed = asyncio.Event()

    def _expire(self) -> None:
        cutoff = time.monotonic() - self.ttl
        while self._items and self._items[0][1] < cutoff:
            self._items.popleft()

    def take(
        self, marker: int | None, limit: int, types: set[str] | None
    ) -> tuple[list[dict[str, Any]], int]:
        """The updates from `marker` (or from the last commit), and the marker to pass next."""
        self._expire()
        if marker is not None:
            self.committed = max(self.committed, min(marker, self.next))
            while self._items and self._items[0][0] < self.committed:
                self._items.popleft()
        start = self.committed if marker is None else max(marker, self.committed)
        out: list[dict[str, Any]] = []
        last = None
        for n, _, update in self._items:
            if n < start or (types and update["update_type"] not in types):
                continue
            out.append(update)
            last = n
            if len(out) >= limit:
                break
        # Updates of types the poll did not ask for are skipped, as MAX skips them.
        return out, (last + 1 if last is not None else self.next)

    def pending(self, marker: int | None, types: set[str] | None) -> bool:
        start = self.committed if marker is None else max(marker, self.committed)
        return any(
            n >= start and (not types or u["update_type"] in types) for n, _, u in self._items
        )

    async def wait(self, marker: int | None, types: set[str] | None, within: float) -> None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while not self.closed and not self.pending(marker, types):
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return

    def all(self) -> list[dict[str, Any]]:
        return [u for _, _, u in self._items]

    def close(self) -> None:
        self.closed = True
        self._changed.set()
