"""The periodic audits: run one or several, then report to administrators and curators.

Two runs of one audit never overlap: a lock per audit makes a second run (a command while the
scheduled one is still going) wait its turn or, for a command, say it is already running.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Sequence
from datetime import datetime

from bot.domain.audits import AuditKind, AuditResult
from bot.services.audit_checks import AuditChecks
from bot.services.notify import Notifier
from bot.services.ports import Messenger, MessengerError
from bot.storage.school_repo import SchoolRepo
from bot.texts import audits as texts

log = logging.getLogger(__name__)


class AuditBusy(Exception):
    """This audit is already running."""


class AuditService:
    def __init__(
        self,
        checks: AuditChecks,
        school_repo: SchoolRepo,
        messenger: Messenger,
        notify: Notifier,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._checks = checks
        self._school_repo = school_repo
        self._messenger = messenger
        self._notify = notify
        self._clock = clock
        self._locks = {kind: asyncio.Lock() for kind in AuditKind}

    async def run(self, kinds: Sequence[AuditKind], *, wait: bool = True) -> list[AuditResult]:
        """Runs the audits in order. With `wait=False` a busy audit raises AuditBusy at once."""
        if not wait and any(self._locks[k].locked() for k in kinds):
            raise AuditBusy
        results = []
        for kind in kinds:
            async with self._locks[kind]:
                results.append(await self._checks.run(kind))
        return results

    async def run_and_report(
        self, kinds: Sequence[AuditKind], *, key: str, wait: bool = True
    ) -> list[AuditResult]:
        results = await self.run(kinds, wait=wait)
        await self.report(results, key=key)
        return results

    async def run_scheduled(self, kind: AuditKind, job_id: str) -> list[AuditResult]:
        key = f"{job_id}:{self._clock():%Y%m%d%H%M}"
        return await self.run_and_report([kind], key=key)

    async def report(self, results: Sequence[AuditResult], *, key: str) -> None:
        await self._notify.to_admins(texts.render_admin_report(results), key=key)
        classes = sorted({c for r in results for c in r.classes})
        for class_name in classes:
            curator = await self._school_repo.curator_of(name=class_name)
            if curator is None or curator.vk_id is None:
                continue
            text = texts.render_curator_report(str(class_name), results)
            try:
                await self._messenger.send(
                    curator.vk_id, text, dedup_key=f"{key}:{class_name}:{curator.vk_id}"
                )
            except MessengerError as error:
                log.info("audit report to the curator of %s not delivered: %s", class_name, error)
