"""Webhook subscriptions and the deliverer that POSTs updates to them, as MAX does.

Each update goes to every subscription whose `update_types` take it (or all types), with the
header `X-Max-Bot-Api-Secret` when a secret was given. Anything but HTTP 200 is a failure:
the update is retried with exponentially growing pauses, and other updates keep flowing
meanwhile (so a retried update can arrive after later ones). A subscription that has not had
a 200 for `give_up` seconds (MAX: 8 hours) is removed, and long polling works again.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

import aiohttp

SECRET_HEADER = "X-Max-Bot-Api-Secret"


@dataclass
class Subscription:
    url: str
    time: int
    update_types: list[str] | None
    secret: str | None
    failing_since: float | None = None

    def wants(self, update_type: str) -> bool:
        return not self.update_types or update_type in self.update_types


@dataclass(order=True)
class _Delivery:
    due: float
    order: int
    url: str = field(compare=False)
    update: dict[str, Any] = field(compare=False)
    attempt: int = field(default=0, compare=False)


class Webhooks:
    def __init__(
        self,
        *,
        retry_base: float = 0.2,
        retry_max: float = 60.0,
        give_up: float = 8 * 3600,
        timeout: float = 10.0,
    ) -> None:
        self.subscriptions: dict[str, Subscription] = {}
        self.retry_base = retry_base
        self.retry_max = retry_max
        self.give_up = give_up
        self.timeout = timeout
        self.deliveries: list[dict[str, Any]] = []
        self._queue: list[_Delivery] = []
        self._order = itertools.count()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._session: aiohttp.ClientSession | None = None

    @property
    def active(self) -> bool:
        return bool(self.subscriptions)

    def subscribe(self, sub: Subscription) -> None:
        self.subscriptions[sub.url] = sub

    def unsubscribe(self, url: str) -> bool:
        self._queue = [d for d in self._queue if d.url != url]
        heapq.heapify(self._queue)
        return self.subscriptions.pop(url, None) is not None

    def enqueue(self, update: dict[str, Any]) -> None:
        now = time.monotonic()
        for sub in self.subscriptions.values():
            if sub.wants(update["update_type"]):
                heapq.heappush(self._queue, _Delivery(now, next(self._order), sub.url, update))
        self._wake.set()
        if self._task is None:
            self._task = asyncio.create_task(self._run())

    async def _run(self) -> None:
        while True:
            if not self._queue:
                self._wake.clear()
                await self._wake.wait()
                continue
            delay = self._queue[0].due - time.monotonic()
            if delay > 0:
                self._wake.clear()
                try:
                    await asyncio.wait_for(self._wake.wait(), delay)
                except TimeoutError:
                    pass
                continue
            await self._attempt(heapq.heappop(self._queue))

    async def _attempt(self, job: _Delivery) -> None:
        sub = self.subscriptions.get(job.url)
        if sub is None:
            return
        if self._session is None:
            self._session = aiohttp.ClientSession()
        headers = {SECRET_HEADER: sub.secret} if sub.secret else {}
        record: dict[str, Any] = {
            "url": job.url,
            "update_type": job.update["update_type"],
            "timestamp": job.update["timestamp"],
            "attempt": job.attempt + 1,
            "time": time.time(),
        }
        try:
            async with self._session.post(
                job.url,
                json=job.update,
                headers=headers,
                timeout=aiohttp.ClientTimeout(total=self.timeout),
            ) as resp:
                await resp.read()
                record["status"] = resp.status
        except (aiohttp.ClientError, TimeoutError) as exc:
            record["status"], record["error"] = None, type(exc).__name__
        self.deliveries.append(record)
        if record["status"] == 200:
            sub.failing_since = None
            return
        now = time.monotonic()
        if sub.failing_since is None:
            sub.failing_since = now
        if now - sub.failing_since >= self.give_up:
            self.unsubscribe(job.url)  # MAX unsubscribes a bot that never answers 200
            return
        job.attempt += 1
        job.due = now + min(self.retry_base * 2 ** (job.attempt - 1), self.retry_max)
        heapq.heappush(self._queue, job)

    async def close(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
        if self._session is not None:
            await self._session.close()
            self._session = None
