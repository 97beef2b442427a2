"""APScheduler on the bot's clock, so that tests and the demo can move time by hand.

APScheduler 3 reads the time through `datetime.now` inside `apscheduler.schedulers.base`. With the
system clock nothing changes; with any other clock the scheduler reads that clock instead, for the
moments it decides what is due — and only then, so other schedulers in the process are untouched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, tzinfo

import apscheduler.schedulers.base as scheduler_base
from apscheduler.schedulers.asyncio import AsyncIOScheduler


def _datetime_on(clock: Callable[[], datetime]) -> type[datetime]:
    class ClockedDatetime(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
            moment = clock()
            return moment.astimezone(tz) if tz is not None else moment

    return ClockedDatetime


class ClockedScheduler(AsyncIOScheduler):
    def __init__(self, *, clock: Callable[[], datetime], **options) -> None:
        super().__init__(**options)
        self._clocked = _datetime_on(clock)

    @contextmanager
    def _on_clock(self) -> Iterator[None]:
        real = scheduler_base.datetime
        scheduler_base.datetime = self._clocked  # type: ignore[misc]
        try:
            yield
        finally:
            scheduler_base.datetime = real  # type: ignore[misc]

    def _process_jobs(self):  # type: ignore[no-untyped-def]
        with self._on_clock():
            return super()._process_jobs()

    def _real_add_job(self, job, jobstore_alias, replace_existing):  # type: ignore[no-untyped-def]
        with self._on_clock():
            return super()._real_add_job(job, jobstore_alias, replace_existing)


def make_scheduler(
    *, timezone: tzinfo, clock: Callable[[], datetime], system_clock
) -> AsyncIOScheduler:
    if clock is system_clock:
        return AsyncIOScheduler(timezone=timezone)
    return ClockedScheduler(clock=clock, timezone=timezone)
