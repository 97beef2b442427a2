"""The community's API calls as the sandbox saw them, with a server-side wait."""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from typing import Any

from .params import flatten_value


class ActionLog:
    def __init__(self, on_add: Callable[[], None] | None = None) -> None:
        self.items: list[dict[str, Any]] = []
        self._changed = asyncio.Event()
        self._on_add = on_add

    def add(self, method: str, params: dict[str, str], *, response: Any = None,
            error: dict[str, Any] | None = None) -> dict[str, Any]:
        entry: dict[str, Any] = {"seq": len(self.items) + 1, "method": method,
                                 "params": dict(params), "time": time.time()}
        if error is not None:
            entry["error"] = error
        else:
            entry["response"] = response
        self.items.append(entry)
        self._changed.set()
        self._changed = asyncio.Event()
        if self._on_add is not None:
            self._on_add()
        return entry

    def list(self, since: int = 0, method: str | None = None) -> list[dict[str, Any]]:
        return [a for a in self.items[since:] if method is None or a["method"] == method]

    def find(self, method: str, since: int, match: dict[str, Any]) -> dict[str, Any] | None:
        expected = {k: flatten_value(v) for k, v in match.items()}
        for entry in self.list(since, method):
            if all(entry["params"].get(k) == v for k, v in expected.items()):
                return entry
        return None

    async def wait(self, method: str, since: int, match: dict[str, Any],
                   within: float) -> dict[str, Any] | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            found = self.find(method, since, match)
            remaining = deadline - loop.time()
            if found is not None or remaining <= 0:
                return found
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                pass

    def wake(self) -> None:
        self._changed.set()


class RateLimiter:
    """A sliding one-second window over method calls (long poll excluded), as VK counts it."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._window: deque[float] = deque()
        self.calls = 0
        self.rate_limited = 0
        self.max_calls_in_any_second = 0

    def hit(self) -> bool:
        now = time.monotonic()
        self.calls += 1
        while self._window and self._window[0] <= now - 1.0:
            self._window.popleft()
        if len(self._window) >= self.limit:
            self.rate_limited += 1
            return False
        self._window.append(now)
        self.max_calls_in_any_second = max(self.max_calls_in_any_second, len(self._window))
        return True

    def stats(self) -> dict[str, int]:
        return {"calls": self.calls, "rate_limited": self.rate_limited,
                "max_calls_in_any_second": self.max_calls_in_any_second}

    def reset(self) -> None:
        self._window.clear()
        self.calls = self.rate_limited = self.max_calls_in_any_second = 0
