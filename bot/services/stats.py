"""The director's statistics: counting messages as they pass, and the weekly report."""

from __future__ import annotations

import asyncio
import csv
import io
import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta, tzinfo
from typing import Protocol

from bot.domain.classes import ClassName
from bot.domain.events import IncomingMessage
from bot.domain.people import Role
from bot.domain.stats import SchoolStats
from bot.services.ports import Messenger, MessengerError
from bot.storage.audit_repo import AuditRepo
from bot.storage.school_repo import SchoolRepo
from bot.storage.stats_repo import StatsRepo
from bot.texts import stats as texts

log = logging.getLogger(__name__)


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")  # Excel reads UTF-8 with the BOM


WEEK = timedelta(days=7)


class AckRate(Protocol):
    class_name: ClassName | None
    answered: int
    total: int


# How many answered each announcement with buttons made since then (AckService.rates).
AckRates = Callable[[datetime], Awaitable[Sequence[AckRate]]]


class StatsService:
    def __init__(
        self,
        stats: StatsRepo,
        audits: AuditRepo,
        school_repo: SchoolRepo,
        messenger: Messenger,
        *,
        school_name: str,
        tz: tzinfo,
        clock: Callable[[], datetime],
        ack_rates: AckRates | None = None,
    ) -> None:
        self._stats = stats
        self._audits = audits
        self._school_repo = school_repo
        self._messenger = messenger
        self._school_name = school_name
        self._tz = tz
        self._clock = clock
        self._ack_rates = ack_rates

    async def count(self, incoming: IncomingMessage) -> None:
        """A person's message in a chat: one more for today's counter (no text is kept)."""
        if not incoming.is_chat or incoming.author_id <= 0 or incoming.action is not None:
            return
        day = self._clock().astimezone(self._tz).date().isoformat()
        await self._stats.count_message(peer_id=incoming.peer_id, day=day)

    async def flush(self) -> None:
        """Writes the message counts still held in memory (at a clean stop)."""
        await self._stats.flush()

    async def collect(self, *, days: int = 7) -> SchoolStats:
        until = self._clock()
        since = until - timedelta(days=days)
        local_since, local_until = since.astimezone(self._tz), until.astimezone(self._tz)
        stats = SchoolStats(local_since.date(), local_until.date())
        for name in await self._school_repo.list_classes():
            stats.of_class(name)
        for class_name, role, total, joined in await self._stats.joined():
            c = stats.of_class(class_name)
            if role == "pupil":
                c.pupils, c.pupils_joined = total, joined
            else:
                c.parents, c.parents_joined = total, joined
        chats = await self._stats.messages_by_chat(
            since_day=local_since.date().isoformat(), until_day=local_until.date().isoformat()
        )
        for title, class_name, n in chats:
            stats.chats.append((title, n))
            if class_name is not None:
                stats.of_class(class_name).messages += n
        for class_name, rule, n, handled in await self._stats.incidents(since=since, until=until):
            stats.incidents[rule] += n
            stats.alerts_handled += handled
            if class_name is not None:
                stats.of_class(class_name).incidents[rule] += n
                stats.of_class(class_name).alerts_handled += handled
        for class_name, issued, claimed in await self._stats.invitations(since=since, until=until):
            stats.invites_issued += issued
            stats.invites_claimed += claimed
            if class_name is not None:
                stats.of_class(class_name).invites_issued += issued
                stats.of_class(class_name).invites_claimed += claimed
        for class_name, n in await self._stats.questions_answered(since=since, until=until):
            if class_name is not None:
                stats.of_class(class_name).questions_answered += n
        for rate in await self._ack_rates(since) if self._ack_rates else ():
            if rate.class_name is not None:
                c = stats.of_class(rate.class_name)
                c.announcements += 1
                c.acknowledged += rate.answered
                c.to_acknowledge += rate.total
        return stats

    def render(
        self, stats: SchoolStats, class_name: ClassName | None = None, *, with_file: bool = False
    ) -> str:
        only = None
        if class_name is not None:
            only = next((c for c in stats.classes if c.class_name == class_name), None)
            if only is None:
                return texts.NO_SUCH_CLASS
        details = texts.DETAILS_FILE if with_file else None
        return texts.render_stats(stats, school=self._school_name, only=only, details_file=details)

    async def send(self, peer_id: int, stats: SchoolStats, *, key: str) -> None:
        """The message (one screen), the chart as photos, and every class in a table."""
        # Imported here: the drawing libraries weigh tens of MB and are wanted once a week.
        from bot.printing.chart import render_stats_charts

        big = len(stats.classes) > texts.FULL_LIST_CLASSES
        await self._messenger.send(peer_id, self.render(stats, with_file=big), dedup_key=key)
        charts = await asyncio.to_thread(render_stats_charts, stats)  # off the event loop
        for i, chart in enumerate(charts):
            await self._messenger.send_photo(
                peer_id,
                filename="statistika.png" if i == 0 else f"statistika-{i + 1}.png",
                data=chart,
                text=texts.CHART_CAPTION,
                dedup_key=f"{key}:chart" if i == 0 else f"{key}:chart:{i + 1}",
            )
        if big:
            await self._messenger.send_document(
                peer_id,
                filename=texts.DETAILS_FILE,
                data=_csv(texts.csv_rows_ru(stats)),
                text=texts.DETAILS_CAPTION,
                dedup_key=f"{key}:csv",
            )

    async def weekly_report(self) -> list[int]:
        """To the director and the administrators; returns whom it reached."""
        stats = await self.collect()
        key = f"report:weekly:{stats.until.isoformat()}"
        reached = []
        people = {}
        for role in (Role.DIRECTOR, Role.ADMIN):
            for person in await self._school_repo.people_with_role(role=role):
                if person.vk_id:
                    people[person.vk_id] = person
        for vk_id in people:
            try:
                await self.send(vk_id, stats, key=f"{key}:{vk_id}")
            except MessengerError as error:
                log.info("weekly report to %s not delivered: %s", vk_id, error)
                continue
            reached.append(vk_id)
        return reached
