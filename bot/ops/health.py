"""/health and /metrics.

/health answers 200 with what it checked, or 503 when the bot cannot do its work: the database
does not answer, the event loop is stuck, or scheduled jobs are long overdue. /metrics gives the
same figures, and the intake's counters, in Prometheus' text format, from a registry of this
process's own (never the library's global one)."""

from __future__ import annotations

import asyncio
import contextlib
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from aiohttp import web
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST

LOOP_TICK = 0.5
LOOP_LAG_LIMIT = 10.0  # seconds the loop may be late before the bot is called unhealthy
OVERDUE_LIMIT = 300.0  # a job this late means the scheduler is not running them


class Intake(Protocol):
    """What /health asks of the intake (the long poll or the Callback API inbox)."""

    kind: str
    received: int
    repeats: int
    handled: int
    failed: int
    last_received: datetime | None

    async def pending(self) -> int: ...


class Database(Protocol):
    async def fetch_one(self, sql: str, params: tuple = ()) -> Any: ...


class Scheduler(Protocol):
    running: bool

    def get_jobs(self) -> list[Any]: ...


@dataclass
class Reading:
    healthy: bool
    body: dict[str, Any]


class HealthMonitor:
    def __init__(
        self,
        *,
        school: str,
        db: Database,
        scheduler: Scheduler,
        intake: Intake,
        clock: Callable[[], datetime],
    ) -> None:
        self._school = school
        self._db = db
        self._scheduler = scheduler
        self._intake = intake
        self._clock = clock
        self.loop_lag = 0.0
        self._ticker: asyncio.Task | None = None
        self._last: Reading | None = None
        self.registry = CollectorRegistry(auto_describe=True)
        self.registry.register(_Collector(self))

    def start(self) -> None:
        self._ticker = asyncio.create_task(self._tick(), name="health:loop-lag")

    async def close(self) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._ticker

    async def _tick(self) -> None:
        while True:
            started = time.monotonic()
            await asyncio.sleep(LOOP_TICK)
            self.loop_lag = max(0.0, time.monotonic() - started - LOOP_TICK)

    def scheduler_lag(self) -> float:
        """How late the most overdue job is (0 when every job is on time)."""
        now = self._clock()
        late = [
            (now - job.next_run_time).total_seconds()
            for job in self._scheduler.get_jobs()
            if job.next_run_time is not None
        ]
        return max([0.0, *late])

    async def read(self) -> Reading:
        try:
            await asyncio.wait_for(self._db.fetch_one("SELECT 1"), 5.0)
            database = "ok"
        except Exception as error:  # any failure is the answer, not a crash of /health
            database = f"error: {type(error).__name__}"
        try:
            pending: int | None = await asyncio.wait_for(self._intake.pending(), 5.0)
        except Exception:
            pending = None
        scheduler_lag = self.scheduler_lag() if self._scheduler.running else None
        intake = self._intake
        last = intake.last_received
        body = {
            "school": self._school,
            "database": database,
            "scheduler": {
                "running": self._scheduler.running,
                "lag_seconds": _round(scheduler_lag),
            },
            "event_loop_lag_seconds": _round(self.loop_lag),
            "intake": {
                "kind": intake.kind,
                "received": intake.received,
                "repeats": intake.repeats,
                "handled": intake.handled,
                "failed": intake.failed,
                "pending": pending,
                "last_event_at": last.isoformat() if last else None,
            },
        }
        healthy = (
            database == "ok"
            and self._scheduler.running
            and (scheduler_lag or 0.0) < OVERDUE_LIMIT
            and self.loop_lag < LOOP_LAG_LIMIT
        )
        body["status"] = "ok" if healthy else "fail"
        self._last = Reading(healthy, body)
        return self._last

    def routes(self) -> list[web.RouteDef]:
        return [web.get("/health", self._health), web.get("/metrics", self._metrics)]

    async def _health(self, request: web.Request) -> web.Response:
        reading = await self.read()
        return web.json_response(reading.body, status=200 if reading.healthy else 503)

    async def _metrics(self, request: web.Request) -> web.Response:
        await self.read()  # the collector reports this reading: no awaiting inside a scrape
        body = generate_latest(self.registry)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    @property
    def last(self) -> Reading | None:
        return self._last


class _Collector:
    def __init__(self, monitor: HealthMonitor) -> None:
        self._monitor = monitor

    def describe(self) -> Iterator[Any]:
        return iter(())

    def collect(self) -> Iterator[Any]:
        monitor = self._monitor
        reading = monitor.last
        school = monitor._school
        up = GaugeMetricFamily("schoolbot_up", "1 when /health says ok", labels=["school"])
        up.add_metric([school], 1.0 if reading and reading.healthy else 0.0)
        yield up
        lag = GaugeMetricFamily(
            "schoolbot_event_loop_lag_seconds", "How late the event loop woke up last"
        )
        lag.add_metric([], monitor.loop_lag)
        yield lag
        overdue = GaugeMetricFamily(
            "schoolbot_scheduler_lag_seconds", "How late the most overdue scheduled job is"
        )
        overdue.add_metric([], monitor.scheduler_lag())
        yield overdue
        intake = monitor._intake
        events = CounterMetricFamily(
            "schoolbot_intake_events", "Events taken in, by outcome", labels=["school", "outcome"]
        )
        for outcome in ("received", "repeats", "handled", "failed"):
            events.add_metric([school, outcome], getattr(intake, outcome))
        yield events
        pending = reading.body["intake"]["pending"] if reading else None
        if pending is not None:
            gauge = GaugeMetricFamily(
                "schoolbot_intake_pending", "Events stored and not yet handled", labels=["school"]
            )
            gauge.add_metric([school], pending)
            yield gauge


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3)
