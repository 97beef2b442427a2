"""A counter of changes to the world that a page (or the autosave) can wait on."""

from __future__ import annotations

import asyncio


class ChangeFeed:
    """Every change bumps `version`; waiters wake once it moves past what they saw."""

    def __init__(self) -> None:
        self.version = 0
        self.closed = False
        self._changed = asyncio.Event()

    def bump(self) -> None:
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_beyond(self, version: int, within: float) -> int:
        """The version once it is past `version`, or the current one after `within` seconds
        (or at once when the feed is closed)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while self.version <= version and not self.closed:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                break
        return self.version

    def close(self) -> None:
        self.closed = True
        self._changed.set()
