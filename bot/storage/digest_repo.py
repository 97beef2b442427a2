"""Strangers removed or reported and raids, gathered per chat until their one summary is sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.storage.db import Database


@dataclass(frozen=True, slots=True)
class DigestEntry:
    id: int
    peer_id: int
    kind: str  # "removed", "reported" or "raid"
    vk_id: int | None = None
    reason: str | None = None
    name: str | None = None
    incident_id: int | None = None
    link_reset: bool = False


class DigestRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(
        self, *, peer_id: int, chat_id: int | None, kind: str, at: datetime,
        vk_id: int | None = None, reason: str | None = None, name: str | None = None,
        incident_id: int | None = None, link_reset: bool = False,
    ) -> int:  # fmt: skip
        return await self._db.execute(
            "INSERT INTO join_digest (peer_id, chat_id, kind, vk_id, reason, name, incident_id, "
            "link_reset, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (peer_id, chat_id, kind, vk_id, reason, name, incident_id, int(link_reset),
             at.isoformat()),
        )  # fmt: skip

    async def open_entries(self, *, peer_id: int) -> list[DigestEntry]:
        rows = await self._db.fetch_all(
            "SELECT id, peer_id, kind, vk_id, reason, name, incident_id, link_reset "
            "FROM join_digest WHERE peer_id = ? AND done_at IS NULL ORDER BY id",
            (peer_id,),
        )
        return [
            DigestEntry(row["id"], row["peer_id"], row["kind"], row["vk_id"], row["reason"],
                        row["name"], row["incident_id"], bool(row["link_reset"]))
            for row in rows
        ]  # fmt: skip

    async def open_peers(self) -> list[int]:
        rows = await self._db.fetch_all(
            "SELECT DISTINCT peer_id FROM join_digest WHERE done_at IS NULL ORDER BY peer_id"
        )
        return [row["peer_id"] for row in rows]

    async def done(self, *, ids: list[int], at: datetime) -> None:
        await self._db.execute_many(
            "UPDATE join_digest SET done_at = ? WHERE id = ?", [(at.isoformat(), i) for i in ids]
        )
