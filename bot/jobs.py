"""APScheduler wiring: which job runs when. Jobs call services; ids are deterministic."""

from __future__ import annotations

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger

from bot.services.container import Services


def register_jobs(scheduler: BaseScheduler, services: Services) -> None:
    scheduler.add_job(
        services.maintenance.tidy_database,
        CronTrigger(hour=3, minute=30, timezone=scheduler.timezone),
        id="maintenance:database",
        replace_existing=True,
        coalesce=True,
        misfire_grace_time=3600,
    )
    # Posts and reminders are one-off jobs ("post:42", "reminder:42:1d") planned from the database.
    services.planner.attach(scheduler)
