"""The scheduler runs on the bot's clock: moving the clock by hand runs what became due."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.date import DateTrigger

from bot.demo.world import ManualClock
from bot.scheduling import ClockedScheduler

MSK = ZoneInfo("Europe/Moscow")


async def test_a_dated_job_runs_when_the_clock_reaches_it():
    clock = ManualClock(datetime(2026, 12, 24, 12, 0, tzinfo=UTC))
    scheduler = ClockedScheduler(clock=clock, timezone=MSK)
    ran: list[datetime] = []

    async def job() -> None:
        ran.append(clock())

    scheduler.start()
    try:
        scheduler.add_job(job, DateTrigger(clock() + timedelta(hours=1)), id="post:1")
        scheduler.wakeup()
        await asyncio.sleep(0.05)
        assert ran == []
        clock.advance(minutes=59)
        scheduler.wakeup()
        await asyncio.sleep(0.05)
        assert ran == []
        clock.advance(minutes=2)
        scheduler.wakeup()
        await asyncio.sleep(0.05)
        assert len(ran) == 1
        assert scheduler.get_job("post:1") is None
    finally:
        scheduler.shutdown(wait=False)


async def test_a_cron_job_missed_many_times_runs_once():
    clock = ManualClock(datetime(2026, 12, 1, 6, 0, tzinfo=UTC))
    scheduler = ClockedScheduler(clock=clock, timezone=MSK)
    ran = []

    async def audit() -> None:
        ran.append(clock())

    scheduler.start()
    try:
        scheduler.add_job(
            audit,
            CronTrigger(hour=10, minute=0, timezone=MSK),
            id="audit:invites",
            coalesce=True,
            misfire_grace_time=None,
        )
        clock.advance(days=3)  # the bot was down for three mornings
        scheduler.wakeup()
        await asyncio.sleep(0.05)
        assert len(ran) == 1
        next_run = scheduler.get_job("audit:invites").next_run_time
        assert next_run > clock() and next_run.astimezone(MSK).hour == 10
    finally:
        scheduler.shutdown(wait=False)
