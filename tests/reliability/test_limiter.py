"""The rate limit as the server counts it: calls read late on their way still never make N+1
in any window of the server's."""

from __future__ import annotations

import asyncio
import random
import time

import pytest

from bot.vk.limiter import SlidingWindowLimiter

pytestmark = pytest.mark.reliability


async def test_calls_delayed_on_their_way_never_crowd_one_window():
    limiter = SlidingWindowLimiter(3, window=0.2, margin=0.0)
    rng = random.Random(7)
    read_at: list[float] = []

    async def call() -> None:
        async with limiter.slot():
            await asyncio.sleep(rng.uniform(0, 0.05))  # on its way to the server
            read_at.append(time.monotonic())  # the server reads it
            await asyncio.sleep(rng.uniform(0, 0.05))  # the answer on its way back

    await asyncio.gather(*(call() for _ in range(15)))
    read_at.sort()
    for i in range(len(read_at) - 3):
        assert read_at[i + 3] - read_at[i] >= 0.2


async def test_n_calls_go_at_once_and_the_next_waits_for_the_window():
    now = [100.0]
    limiter = SlidingWindowLimiter(20, clock=lambda: now[0])

    async def twenty() -> None:
        for _ in range(20):
            async with limiter.slot():
                pass

    await asyncio.wait_for(twenty(), timeout=5)  # the clock stands still: no waiting at all
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(limiter.slot().__aenter__(), timeout=0.05)
    now[0] += 1.1
    async with limiter.slot():
        pass
