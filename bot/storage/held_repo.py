"""Messages waiting for a person the community cannot write to yet."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from bot.storage.db import Database


@dataclass(frozen=True, slots=True)
class HeldMessage:
    id: int
    vk_id: int
    dedup_key: str
    kind: str  # "text" or "question"
    body: dict[str, Any]


class HeldRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def hold(
        self, *, vk_id: int, dedup_key: str, kind: str, body: dict[str, Any], at: datetime
    ) -> bool:
        """False if a message with this key is held (or was delivered) already."""
        async with self._db.transaction() as tx:
            found = await tx.fetch_one(
                "SELECT 1 FROM held_messages WHERE dedup_key = ?", (dedup_key,)
            )
            if found is not None:
                return False
            await tx.execute(
                "INSERT INTO held_messages (vk_id, dedup_key, kind, body, held_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (vk_id, dedup_key, kind, json.dumps(body, ensure_ascii=False), at.isoformat()),
            )
        return True

    async def waiting_for(self, *, vk_id: int) -> list[HeldMessage]:
        rows = await self._db.fetch_all(
            "SELECT id, vk_id, dedup_key, kind, body FROM held_messages "
            "WHERE vk_id = ? AND delivered_at IS NULL ORDER BY id",
            (vk_id,),
        )
        return [_held(row) for row in rows]

    async def waiting_people(self) -> set[int]:
        rows = await self._db.fetch_all(
            "SELECT DISTINCT vk_id FROM held_messages WHERE delivered_at IS NULL"
        )
        return {row["vk_id"] for row in rows}

    async def delivered(self, *, held_id: int, at: datetime) -> None:
        await self._db.execute(
            "UPDATE held_messages SET delivered_at = ? WHERE id = ?", (at.isoformat(), held_id)
        )


def _held(row) -> HeldMessage:
    return HeldMessage(
        row["id"], row["vk_id"], row["dedup_key"], row["kind"], json.loads(row["body"])
    )
