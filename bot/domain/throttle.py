"""Slowing down someone who tries too many wrong invitation codes.

`max_failures` failures within `window_seconds` lock the key for `lockout_seconds`; the failure that
starts a lockout is the one to report (once). A success forgets the key. Times are plain seconds
from any monotonic source (`time.monotonic()` in the service), passed in.

Memory is bounded: past `max_keys` keys, the ones with nothing left to remember (failures out of
the window, lockout over) are dropped first, then the least recently seen.
"""

from __future__ import annotations

from collections import OrderedDict, deque
from collections.abc import Hashable
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FailureOutcome:
    locked: bool  # the key is locked now
    failures: int  # failures within the window, this one included
    report: bool  # this failure started the lockout: tell the administrators, once
    retry_after: float = 0.0  # seconds until the key may try again (0 when not locked)


@dataclass(slots=True)
class _Entry:
    failures: deque[float] = field(default_factory=deque)
    locked_until: float | None = None


class AttemptLimiter:
    def __init__(
        self,
        max_failures: int = 5,
        window_seconds: float = 15 * 60,
        lockout_seconds: float = 15 * 60,
        *,
        max_keys: int = 10_000,
    ) -> None:
        if max_failures < 1 or window_seconds <= 0 or lockout_seconds <= 0 or max_keys < 1:
            raise ValueError("AttemptLimiter: limits must be positive")
        self.max_failures = max_failures
        self.window_seconds = window_seconds
        self.lockout_seconds = lockout_seconds
        self.max_keys = max_keys
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def allow(self, key: Hashable, now: float) -> bool:
        """May `key` try a code now?"""
        return self.retry_after(key, now) == 0.0

    def retry_after(self, key: Hashable, now: float) -> float:
        entry = self._entries.get(key)
        if entry is None or entry.locked_until is None:
            return 0.0
        return max(entry.locked_until - now, 0.0)

    def fail(self, key: Hashable, now: float) -> FailureOutcome:
        entry = self._entries.get(key)
        if entry is None:
            self._make_room(now)
            entry = self._entries[key] = _Entry()
        self._entries.move_to_end(key)
        if entry.locked_until is not None:
            if now < entry.locked_until:
                # Tried while locked (the service should have asked `allow` first).
                return FailureOutcome(True, len(entry.failures), False, entry.locked_until - now)
            entry.locked_until = None
            entry.failures.clear()  # a lockout served wipes the slate
        self._forget_old(entry, now)
        entry.failures.append(now)
        count = len(entry.failures)
        if count >= self.max_failures:
            entry.locked_until = now + self.lockout_seconds
            return FailureOutcome(True, count, True, self.lockout_seconds)
        return FailureOutcome(False, count, False)

    def succeed(self, key: Hashable) -> None:
        self._entries.pop(key, None)

    def _forget_old(self, entry: _Entry, now: float) -> None:
        while entry.failures and entry.failures[0] <= now - self.window_seconds:
            entry.failures.popleft()
        while len(entry.failures) > self.max_failures:
            entry.failures.popleft()

    def _idle(self, entry: _Entry, now: float) -> bool:
        if entry.locked_until is not None and now < entry.locked_until:
            return False
        return not entry.failures or entry.failures[-1] <= now - self.window_seconds

    def _make_room(self, now: float) -> None:
        if len(self._entries) < self.max_keys:
            return
        for key in [k for k, e in self._entries.items() if self._idle(e, now)]:
            del self._entries[key]
        while len(self._entries) >= self.max_keys:
            self._entries.popitem(last=False)
