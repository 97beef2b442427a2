"""Moderation modes per chat kind and the dry run's findings."""

from __future__ import annotations

from datetime import datetime

from bot.domain.chats import ChatKind
from bot.domain.dry_run import Finding
from bot.storage.db import Database

_COLUMNS = (
    "at, peer_id, cmid, chat_kind, chat_title, author_vk_id, rule, would_delete,"
    " would_restrict_minutes, would_remove, masked_text"
)


class DryRunRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def modes(self) -> dict[ChatKind, bool]:
        rows = await self._db.fetch_all("SELECT chat_kind, report_only FROM moderation_modes")
        return {ChatKind(r["chat_kind"]): bool(r["report_only"]) for r in rows}

    async def set_mode(self, *, kind: ChatKind, report_only: bool, by: int, at: datetime) -> None:
        await self._db.execute(
            "INSERT INTO moderation_modes (chat_kind, report_only, changed_by, changed_at)"
            " VALUES (?, ?, ?, ?) ON CONFLICT (chat_kind) DO UPDATE SET"
            " report_only = excluded.report_only, changed_by = excluded.changed_by,"
            " changed_at = excluded.changed_at",
            (kind.value, int(report_only), by, at.isoformat()),
        )

    async def add(self, finding: Finding) -> None:
        f = finding
        await self._db.execute(
            f"INSERT INTO dry_run_findings ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (peer_id, cmid) DO NOTHING",
            (f.at.isoformat(), f.peer_id, f.cmid, f.chat_kind.value, f.chat_title,
             f.author_vk_id, f.rule, int(f.would_delete), f.would_restrict_minutes,
             int(f.would_remove), f.masked_text),
        )  # fmt: skip

    async def since(self, at: datetime) -> list[Finding]:
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM dry_run_findings WHERE at >= ? ORDER BY at",
            (at.isoformat(),),
        )
        return [
            Finding(
                at=datetime.fromisoformat(r["at"]), peer_id=int(r["peer_id"]),
                cmid=int(r["cmid"]), chat_kind=ChatKind(r["chat_kind"]),
                chat_title=str(r["chat_title"]), author_vk_id=int(r["author_vk_id"]),
                rule=str(r["rule"]), would_delete=bool(r["would_delete"]),
                would_restrict_minutes=r["would_restrict_minutes"],
                would_remove=bool(r["would_remove"]), masked_text=str(r["masked_text"]),
            )
            for r in rows
        ]  # fmt: skip

    async def prune(self, *, before: datetime) -> None:
        await self._db.execute("DELETE FROM dry_run_findings WHERE at < ?", (before.isoformat(),))
