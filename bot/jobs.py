"""APScheduler wiring: which job runs when. Jobs call services; ids are deterministic."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.base import BaseScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot.domain.audits import AuditKind
from bot.services.container import Services
from bot.texts import audits as audit_texts

log = logging.getLogger(__name__)


def register_jobs(scheduler: BaseScheduler, services: Services) -> None:
    scheduler.add_job(
        services.maintenance.tidy_database,
        CronTrigger(hour=3, minute=30, timezone=scheduler.timezone),
        id="maintenance:database",
        replace_existing=True,
        coalesce=True,
        misfire_grace_time=3600,
    )
    register_audit_jobs(scheduler, services)
    # Short VK names a roster imported from the command line kept (17.4): asked about soon.
    scheduler.add_job(
        services.roster.resolve_pending,
        IntervalTrigger(minutes=10, timezone=scheduler.timezone),
        id="roster:pages",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
    )
    # Chats bound before the bot was their administrator: VK sends no event when rights come.
    scheduler.add_job(
        safe_job("chats:rights", services.rights_watch.check_all, services),
        IntervalTrigger(minutes=services.config.chats.rights_check_minutes),
        id="chats:rights",
        replace_existing=True,
        coalesce=True,
        max_instances=1,
        misfire_grace_time=None,
    )
    # Moderation's dry run: one digest a day to the administrators while any kind is in it.
    if services.config.audits.report_only_digest and services.moderation.dry_run is not None:
        scheduler.add_job(
            safe_job("report:dry-run", services.moderation.dry_run.send_digest, services),
            CronTrigger.from_crontab(
                services.config.audits.report_only_digest, timezone=scheduler.timezone
            ),
            id="report:dry-run",
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
    # Posts and reminders are one-off jobs ("post:42", "reminder:42:1d") planned from the database.
    services.planner.attach(scheduler)


# --- audits and the weekly report (issue 7) ------------------------------------------------------
AUDIT_JOBS: dict[str, tuple[str, AuditKind | None]] = {
    "audit:invites": ("invites", AuditKind.INVITES),
    "audit:members": ("members", AuditKind.MEMBERS),
    "audit:rights": ("rights", AuditKind.RIGHTS),
    "audit:warnings": ("warnings", AuditKind.WARNINGS),
    "report:weekly": ("weekly_report", None),
}


def register_audit_jobs(scheduler: BaseScheduler, services: Services) -> list[str]:
    """One job per configured schedule. A missed run after downtime runs once (coalesce, no
    grace limit); a run still going makes the next one skip (max_instances=1)."""
    added = []
    for job_id, (key, kind) in AUDIT_JOBS.items():
        expression = getattr(services.config.audits, key)
        if not expression:
            continue
        scheduler.add_job(
            safe_job(job_id, _body(services, job_id, kind), services),
            CronTrigger.from_crontab(expression, timezone=scheduler.timezone),
            id=job_id,
            replace_existing=True,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=None,
        )
        added.append(job_id)
    return added


def _body(
    services: Services, job_id: str, kind: AuditKind | None
) -> Callable[[], Awaitable[object]]:
    if kind is None:
        return services.stats.weekly_report

    async def run() -> object:
        return await services.audits.run_scheduled(kind, job_id)

    return run


def safe_job(
    job_id: str, body: Callable[[], Awaitable[object]], services: Services
) -> Callable[[], Awaitable[None]]:
    """A failure is logged and told to the administrators; the schedule goes on."""

    async def run() -> None:
        try:
            await body()
        except Exception as error:
            log.exception("scheduled job %s failed", job_id)
            text = audit_texts.job_failed(audit_texts.JOB_NAMES.get(job_id, job_id), str(error))
            try:
                await services.notify.to_admins(text, key=f"job-failed:{job_id}:{id(error)}")
            except Exception:
                log.exception("could not tell the administrators that %s failed", job_id)

    return run
