"""`schoolbot stats export [-o FILE]`: the director's statistics as CSV, without VK."""

from __future__ import annotations

import asyncio
import csv
import io
import sys
from pathlib import Path

from bot.config import Config
from bot.domain.stats import SchoolStats, csv_rows
from bot.offline import OfflineMessenger
from bot.services.stats import StatsService
from bot.storage.audit_repo import AuditRepo
from bot.storage.db import Database
from bot.storage.school_repo import SchoolRepo
from bot.storage.stats_repo import StatsRepo
from bot.texts import stats as texts


def export_stats(config: Config, output: Path | None, *, days: int = 7, clock=None) -> int:
    stats = asyncio.run(_collect(config, days, clock))
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\n").writerows(csv_rows(stats))
    if output is None:
        sys.stdout.write(buffer.getvalue())
    else:
        output.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
        print(texts.CSV_WRITTEN.format(since=stats.since, until=stats.until, path=output))
    return 0


async def _collect(config: Config, days: int, clock) -> SchoolStats:
    from datetime import timedelta

    from bot.services.acks import AckService
    from bot.services.container import utc_now
    from bot.storage.ack_repo import AckRepo
    from bot.storage.chat_repo import ChatRepo

    db = await Database.open(config.storage.path)
    try:
        acks = AckService(
            AckRepo(db),
            ChatRepo(db),
            SchoolRepo(db),
            OfflineMessenger(),  # type: ignore[arg-type]
            remind_after=timedelta(hours=config.acks.remind_after_hours),
            tz=config.school.tz,
            clock=clock or utc_now,
        )
        service = StatsService(
            StatsRepo(db), AuditRepo(db), SchoolRepo(db), OfflineMessenger(),  # type: ignore[arg-type]
            school_name=config.school.name, tz=config.school.tz, clock=clock or utc_now,
            ack_rates=acks.rates,
        )  # fmt: skip
        return await service.collect(days=days)
    finally:
        await db.close()
