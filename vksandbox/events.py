"""The community's event stream as Bots Long Poll serves it: numbered, bounded, awaitable."""

from __future__ import annotations

import asyncio
import secrets
import time
from collections import deque
from typing import Any

API_VERSION = "5.199"


class EventLog:
    def __init__(self, group_id: int, history: int = 10000) -> None:
        self.group_id = group_id
        self._events: deque[tuple[int, dict[str, Any]]] = deque(maxlen=history)
        # When each kept event became available to the long poll (wall clock, as the action
        # log's `time`), so a benchmark can measure event-to-action latency.
        self._times: deque[float] = deque(maxlen=history)
        self.next_ts = 1
        self._changed = asyncio.Event()
        self.closed = False

    def emit(self, event_type: str, obj: dict[str, Any]) -> dict[str, Any]:
        event = {
            "type": event_type,
            "object": obj,
            "group_id": self.group_id,
            "event_id": secrets.token_hex(20),
            "v": API_VERSION,
        }
        self._events.append((self.next_ts, event))
        self._times.append(time.time())
        self.next_ts += 1
        self._changed.set()
        self._changed = asyncio.Event()
        return event

    @property
    def oldest_ts(self) -> int:
        return self._events[0][0] if self._events else self.next_ts

    def is_valid_ts(self, ts: int) -> bool:
        return self.oldest_ts <= ts <= self.next_ts

    def since(self, ts: int) -> list[dict[str, Any]]:
        return [event for n, event in self._events if n >= ts]

    def times(self, since: int = 1) -> list[dict[str, Any]]:
        """[{ts, type, peer_id, cmid, time}] of the kept events numbered >= since."""
        out = []
        for (n, event), at in zip(self._events, self._times, strict=True):
            if n < since:
                continue
            message = event["object"].get("message", event["object"])
            out.append({"ts": n, "type": event["type"], "time": at,
                        "peer_id": message.get("peer_id"),
                        "cmid": message.get("conversation_message_id")})
        return out

    def dump(self) -> list[list[Any]]:
        """[[ts, event, time], ...] of the kept events, to be saved."""
        return [[n, event, at] for (n, event), at in zip(self._events, self._times, strict=True)]

    def load(self, next_ts: int, items: list[list[Any]]) -> None:
        """Brings back saved events: a client resuming with its old `ts` finds its place."""
        self._events.clear()
        self._times.clear()
        for n, event, at in items:
            self._events.append((int(n), event))
            self._times.append(float(at))
        self.next_ts = next_ts

    def all(self) -> list[dict[str, Any]]:
        return [event for _, event in self._events]

    async def wait_beyond(self, ts: int, within: float) -> None:
        """Return once an event numbered >= ts exists, the log closes, or `within` passes."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while self.next_ts <= ts and not self.closed:
            remaining = deadline - loop.time()
            if remaining <= 0:
                return
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                return

    def close(self) -> None:
        self.closed = True
        self._changed.set()
