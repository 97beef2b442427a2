"""What the audits read and change: expired invitations, fresh links, expired warnings."""

from __future__ import annotations

from datetime import datetime

from bot.domain.invites import Invitation
from bot.storage.db import Database
from bot.storage.invite_repo import _COLUMNS, _invitation


class AuditRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def annul_expired(self, *, now: datetime) -> list[Invitation]:
        """Revokes every unclaimed invitation past its validity; returns them (before revoking)."""
        async with self._db.transaction() as tx:
            rows = await tx.fetch_all(
                f"SELECT {_COLUMNS} FROM invitations WHERE claimed_at IS NULL "
                "AND revoked_at IS NULL AND expires_at <= ? ORDER BY chat_id, id",
                (now.isoformat(),),
            )
            await tx.execute(
                "UPDATE invitations SET revoked_at = ? WHERE claimed_at IS NULL "
                "AND revoked_at IS NULL AND expires_at <= ?",
                (now.isoformat(), now.isoformat()),
            )
        return [_invitation(row) for row in rows]  # type: ignore[misc]

    async def chats_with_links_out(self) -> list[int]:
        """Chats whose join link went to someone (a claimed invitation) since the last reset."""
        rows = await self._db.fetch_all(
            "SELECT DISTINCT i.chat_id FROM invitations i JOIN chats ch ON ch.id = i.chat_id "
            "LEFT JOIN link_resets r ON r.chat_id = i.chat_id WHERE ch.archived_at IS NULL "
            "AND i.claimed_at IS NOT NULL AND (r.reset_at IS NULL OR i.claimed_at > r.reset_at) "
            "ORDER BY i.chat_id"
        )
        return [int(row["chat_id"]) for row in rows]

    async def link_reset(self, *, chat_id: int, at: datetime) -> None:
        await self._db.execute(
            "INSERT INTO link_resets (chat_id, reset_at) VALUES (?, ?) "
            "ON CONFLICT (chat_id) DO UPDATE SET reset_at = excluded.reset_at",
            (chat_id, at.isoformat()),
        )

    async def clear_expired_warnings(self, *, now: datetime) -> dict[int, int]:
        """Marks expired warnings cleared; returns VK id → how many were cleared."""
        async with self._db.transaction() as tx:
            rows = await tx.fetch_all(
                "SELECT vk_id, COUNT(*) AS n FROM warnings WHERE expires_at <= ? "
                "AND cleared_at IS NULL AND cancelled_at IS NULL GROUP BY vk_id ORDER BY vk_id",
                (now.isoformat(),),
            )
            await tx.execute(
                "UPDATE warnings SET cleared_at = ? WHERE expires_at <= ? "
                "AND cleared_at IS NULL AND cancelled_at IS NULL",
                (now.isoformat(), now.isoformat()),
            )
        return {int(row["vk_id"]): int(row["n"]) for row in rows}
