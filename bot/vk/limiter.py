"""A sliding-window rate limiter: never more than N calls in any one-second window."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable


class SlidingWindowLimiter:
    def __init__(
        self,
        max_calls: int,
        window: float = 1.0,
        *,
        clock: Callable[[], float] = time.monotonic,
        margin: float = 0.02,
    ) -> None:
        if max_calls < 1:
            raise ValueError("max_calls must be at least 1")
        self.max_calls = max_calls
        self.window = window
        self._clock = clock
        # A little slack so that the server, whose clock reads the request a moment later,
        # never sees N+1 calls in its own one-second window.
        self._margin = margin
        self._stamps: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        async with self._lock:
            while True:
                now = self._clock()
                while self._stamps and now - self._stamps[0] >= self.window + self._margin:
                    self._stamps.popleft()
                if len(self._stamps) < self.max_calls:
                    self._stamps.append(now)
                    return
                await asyncio.sleep(self._stamps[0] + self.window + self._margin - now)
