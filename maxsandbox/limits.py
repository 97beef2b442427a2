"""MAX's rate limits: ~30 requests/s per bot, and 2 sends, 2 edits, 2 deletes per second per chat."""

from __future__ import annotations

import time
from collections import defaultdict, deque


class _Window:
    def __init__(self) -> None:
        self.times: deque[float] = deque()

    def hit(self, limit: int, now: float) -> bool:
        while self.times and self.times[0] <= now - 1.0:
            self.times.popleft()
        if len(self.times) >= limit:
            return False
        self.times.append(now)
        return True


class RateLimiter:
    def __init__(self, rps: int = 30, per_chat: int = 2) -> None:
        self.rps = rps
        self.per_chat = per_chat
        self._bot = _Window()
        self._chats: defaultdict[tuple[int, str], _Window] = defaultdict(_Window)
        self.calls = 0
        self.rate_limited = 0
        self.chat_limited = 0
        self.max_calls_in_any_second = 0

    def hit(self) -> bool:
        """One API request; False when it is over the per-bot limit (it is not counted then)."""
        self.calls += 1
        if not self._bot.hit(self.rps, time.monotonic()):
            self.rate_limited += 1
            return False
        self.max_calls_in_any_second = max(self.max_calls_in_any_second, len(self._bot.times))
        return True

    def hit_chat(self, chat_id: int, kind: str) -> bool:
        """kind: "send", "edit" or "delete"; each has its own 2-per-second window per chat."""
        if not self._chats[(chat_id, kind)].hit(self.per_chat, time.monotonic()):
            self.chat_limited += 1
            return False
        return True

    def stats(self) -> dict[str, int]:
        return {
            "calls": self.calls,
            "rate_limited": self.rate_limited,
            "chat_limited": self.chat_limited,
            "max_calls_in_any_second": self.max_calls_in_any_second,
        }
