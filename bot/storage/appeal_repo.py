"""The confidential line's records: id, from, to, time and state — never the text."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.db import Database


@dataclass(frozen=True, slots=True)
class AppealRecord:
    id: int
    from_vk_id: int
    to_kind: str
    to_vk_ids: tuple[int, ...]
    state: str


class AppealRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, *, from_vk_id: int, to_kind: str, at: datetime) -> int:
        return await self._db.execute(
            "INSERT INTO appeals (from_vk_id, to_kind, created_at, state) "
            "VALUES (?, ?, ?, 'undelivered')",
            (from_vk_id, to_kind, at.isoformat()),
        )

    async def delivered(self, *, appeal_id: int, to_vk_ids: list[int]) -> None:
        await self._db.execute(
            "UPDATE appeals SET to_vk_ids = ?, state = ? WHERE id = ?",
            (
                ",".join(map(str, to_vk_ids)),
                "delivered" if to_vk_ids else "undelivered",
                appeal_id,
            ),
        )

    async def answered(self, *, appeal_id: int, by: int, at: datetime) -> None:
        await self._db.execute(
            "UPDATE appeals SET state = 'answered', answered_at = ?, answered_by = ? WHERE id = ?",
            (at.isoformat(), by, appeal_id),
        )

    async def get(self, *, appeal_id: int) -> AppealRecord | None:
        row = await self._db.fetch_one("SELECT * FROM appeals WHERE id = ?", (appeal_id,))
        if row is None:
            return None
        to = tuple(int(x) for x in str(row["to_vk_ids"]).split(",") if x)
        return AppealRecord(
            int(row["id"]), int(row["from_vk_id"]), str(row["to_kind"]), to, str(row["state"])
        )

    async def count_from(self, *, from_vk_id: int, since: datetime) -> int:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM appeals WHERE from_vk_id = ? AND created_at >= ?",
            (from_vk_id, since.isoformat()),
        )
        return int(row["n"]) if row else 0
