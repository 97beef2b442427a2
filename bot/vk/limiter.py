"""A sliding-window rate limiter: never more than N calls in any one-second window — as the
server counts them.

A call holds its slot from the moment it is sent until its answer is back, and the window is
counted from the answer. The server read the call at some moment in between, so however late a
busy machine sends the next one, the server never sees N+1 calls inside one of its own seconds
(counting from the sending moment let a call delayed on its way land inside the next window).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager


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
        self._margin = margin  # the server's clock may run a little behind ours
        self._done: deque[float] = deque()  # when the answers of recent calls came back
        self._in_flight = 0
        self._freed = asyncio.Event()
        self._lock = asyncio.Lock()

    @asynccontextmanager
    async def slot(self) -> AsyncIterator[None]:
        await self._acquire()
        try:
            yield
        finally:
            self._in_flight -= 1
            self._done.append(self._clock())
            self._freed.set()

    async def _acquire(self) -> None:
        async with self._lock:
            while True:
                now = self._clock()
                span = self.window + self._margin
                while self._done and now - self._done[0] >= span:
                    self._done.popleft()
                if len(self._done) + self._in_flight < self.max_calls:
                    self._in_flight += 1
                    return
                self._freed.clear()
                if self._done:
                    wait = self._done[0] + span - now
                    try:
                        await asyncio.wait_for(self._freed.wait(), timeout=wait)
                    except TimeoutError:
                        pass
                else:  # every slot is on its way: wait for an answer
                    await self._freed.wait()
