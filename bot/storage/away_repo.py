"""Teachers' away mode: one row per person."""

from __future__ import annotations

from datetime import date, datetime

from bot.domain.away import Away
from bot.storage.db import Database


class AwayRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def all(self) -> list[Away]:
        rows = await self._db.fetch_all(
            "SELECT vk_id, name, first_day, last_day, message FROM away ORDER BY vk_id"
        )
        return [
            Away(
                vk_id=row["vk_id"],
                name=row["name"],
                first=date.fromisoformat(row["first_day"]),
                last=date.fromisoformat(row["last_day"]),
                message=row["message"],
            )
            for row in rows
        ]

    async def put(self, *, away: Away, at: datetime) -> None:
        await self._db.execute(
            "INSERT INTO away (vk_id, name, first_day, last_day, message, set_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (vk_id) DO UPDATE SET name = excluded.name, "
            "first_day = excluded.first_day, last_day = excluded.last_day, "
            "message = excluded.message, set_at = excluded.set_at",
            (
                away.vk_id,
                away.name,
                away.first.isoformat(),
                away.last.isoformat(),
                away.message,
                at.isoformat(),
            ),
        )

    async def remove(self, *, vk_id: int) -> None:
        await self._db.execute("DELETE FROM away WHERE vk_id = ?", (vk_id,))
