"""Flood and join-raid trackers: pure, with the time passed in (`now`, in seconds, monotonic)."""

from __future__ import annotations

from collections import deque
from collections.abc import Hashable


class _SlidingCounter:
    """Counts events per key in a sliding window; keys with no recent events are dropped."""

    def __init__(self, limit: int, window: float) -> None:
        if limit < 1 or window <= 0:
            raise ValueError("limit must be >= 1 and window > 0")
        self.limit = limit
        self.window = window
        self._events: dict[Hashable, deque[float]] = {}
        self._last_prune = float("-inf")

    def add(self, key: Hashable, now: float) -> int:
        self._prune(now)
        events = self._events.setdefault(key, deque())
        while events and events[0] <= now - self.window:
            events.popleft()
        events.append(now)
        # A burst can't grow a deque beyond the limit + 1 that decides the verdict.
        while len(events) > self.limit + 1:
            events.popleft()
        return len(events)

    def _prune(self, now: float) -> None:
        if now - self._last_prune < self.window:
            return
        self._last_prune = now
        stale = [k for k, ev in self._events.items() if not ev or ev[-1] <= now - self.window]
        for key in stale:
            del self._events[key]

    def __len__(self) -> int:
        return len(self._events)


class FloodTracker:
    """`hit` is True when a person has sent more than `max_messages` in `per_seconds` in a chat."""

    def __init__(self, max_messages: int = 8, per_seconds: float = 10.0) -> None:
        self._counter = _SlidingCounter(max_messages, per_seconds)

    def hit(self, chat_id: int, user_id: int, now: float) -> bool:
        return self._counter.add((chat_id, user_id), now) > self._counter.limit

    @property
    def tracked(self) -> int:
        return len(self._counter)


class RaidTracker:
    """`join` is True when a chat has seen more than `max_joins` joins in `per_seconds`."""

    def __init__(self, max_joins: int = 10, per_seconds: float = 60.0) -> None:
        self._counter = _SlidingCounter(max_joins, per_seconds)

    def join(self, chat_id: int, user_id: int, now: float) -> bool:
        del user_id  # kept in the signature: the service layer logs who joined in the burst
        return self._counter.add(chat_id, now) > self._counter.limit

    @property
    def tracked(self) -> int:
        return len(self._counter)
