"""One-off jobs at a moment, by deterministic id, on the bot's scheduler.

Services plan through this and never see APScheduler. Jobs planned before the scheduler is
attached (at start, when posts are rebuilt from the database) wait here until it is.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.date import DateTrigger

Job = Callable[..., Awaitable[Any]]


class Planner:
    def __init__(self) -> None:
        self._scheduler: BaseScheduler | None = None
        self._waiting: dict[str, tuple[datetime, Job, tuple]] = {}

    def attach(self, scheduler: BaseScheduler) -> None:
        self._scheduler = scheduler
        for job_id, (at, job, args) in self._waiting.items():
            self._add(job_id, at, job, args)
        self._waiting.clear()

    def at(self, job_id: str, moment: datetime, job: Job, *args: Any) -> None:
        """Run `job(*args)` at `moment` (replacing a job of the same id). A moment already past
        still runs: the job itself decides what lateness means."""
        if self._scheduler is None:
            self._waiting[job_id] = (moment, job, args)
            return
        self._add(job_id, moment, job, args)

    def drop(self, job_id: str) -> None:
        self._waiting.pop(job_id, None)
        if self._scheduler is None:
            return
        try:
            self._scheduler.remove_job(job_id)
        except JobLookupError:
            return

    def planned(self) -> list[str]:
        if self._scheduler is None:
            return sorted(self._waiting)
        return sorted(job.id for job in self._scheduler.get_jobs())

    def _add(self, job_id: str, moment: datetime, job: Job, args: tuple) -> None:
        assert self._scheduler is not None
        self._scheduler.add_job(
            job,
            DateTrigger(run_date=moment),
            args=args,
            id=job_id,
            replace_existing=True,
            misfire_grace_time=None,
            coalesce=True,
        )
