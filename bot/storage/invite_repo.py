"""Personal invitations: only a hash of each code is kept, never the code itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.invites import Invitation
from bot.domain.people import Role
from bot.storage.db import Database

_COLUMNS = (
    "id, code_hash, chat_id, role, person_id, issued_by, issued_at, expires_at, "
    "claimed_at, claimed_vk_id, revoked_at"
)


class InviteRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, *, invitation: Invitation) -> Invitation:
        new_id = await self._db.execute(
            "INSERT INTO invitations (code_hash, chat_id, role, person_id, issued_by, issued_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                invitation.code_hash,
                invitation.chat_id,
                invitation.role.value,
                invitation.person_id,
                invitation.issued_by,
                invitation.issued_at.isoformat(),
                invitation.expires_at.isoformat(),
            ),
        )
        return replace(invitation, id=new_id)

    async def by_hash(self, *, code_hash: str) -> Invitation | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM invitations WHERE code_hash = ?", (code_hash,)
        )
        return _invitation(row)

    async def by_id(self, *, invitation_id: int) -> Invitation | None:
        row = await self._db.fetch_one(
            f"SELECT {_COLUMNS} FROM invitations WHERE id = ?", (invitation_id,)
        )
        return _invitation(row)

    async def of_chat(self, *, chat_id: int) -> list[Invitation]:
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM invitations WHERE chat_id = ? ORDER BY id", (chat_id,)
        )
        return [_invitation(row) for row in rows]  # type: ignore[misc]

    async def claimed_by(self, *, vk_id: int) -> list[Invitation]:
        rows = await self._db.fetch_all(
            f"SELECT {_COLUMNS} FROM invitations WHERE claimed_vk_id = ?", (vk_id,)
        )
        return [_invitation(row) for row in rows]  # type: ignore[misc]

    async def claim(self, *, invitation: Invitation, vk_id: int, at: datetime) -> bool:
        """Spends the invitation, unless something else spent or revoked it meanwhile."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT claimed_vk_id, revoked_at FROM invitations WHERE id = ?", (invitation.id,)
            )
            if row is None or row["revoked_at"] is not None:
                return False
            if row["claimed_vk_id"] is not None:
                return row["claimed_vk_id"] == vk_id
            await tx.execute(
                "UPDATE invitations SET claimed_at = ?, claimed_vk_id = ? WHERE id = ?",
                (at.isoformat(), vk_id, invitation.id),
            )
            await tx.execute(
                "UPDATE people SET vk_id = ? WHERE id = ? AND vk_id IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM people WHERE vk_id = ?)",
                (vk_id, invitation.person_id, vk_id),
            )
        return True

    async def revoke(self, *, invitation_id: int, at: datetime) -> bool:
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT revoked_at, claimed_at FROM invitations WHERE id = ?", (invitation_id,)
            )
            if row is None or row["revoked_at"] is not None:
                return False
            await tx.execute(
                "UPDATE invitations SET revoked_at = ? WHERE id = ?", (at.isoformat(), invitation_id)
            )
        return True

    async def revoke_open(self, *, chat_id: int, at: datetime) -> int:
        """Revokes every unclaimed, unrevoked invitation of the chat; returns how many."""
        async with self._db.transaction() as tx:
            rows = await tx.fetch_all(
                "SELECT id FROM invitations WHERE chat_id = ? AND claimed_at IS NULL "
                "AND revoked_at IS NULL AND expires_at > ?",
                (chat_id, at.isoformat()),
            )
            await tx.execute(
                "UPDATE invitations SET revoked_at = ? WHERE chat_id = ? AND claimed_at IS NULL "
                "AND revoked_at IS NULL AND expires_at > ?",
                (at.isoformat(), chat_id, at.isoformat()),
            )
        return len(rows)


def _at(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _invitation(row) -> Invitation | None:
    if row is None:
        return None
    return Invitation(
        code_hash=row["code_hash"],
        chat_id=row["chat_id"],
        role=Role(row["role"]),
        person_id=row["person_id"],
        issued_by=row["issued_by"],
        issued_at=_at(row["issued_at"]),  # type: ignore[arg-type]
        expires_at=_at(row["expires_at"]),  # type: ignore[arg-type]
        claimed_at=_at(row["claimed_at"]),
        claimed_vk_id=row["claimed_vk_id"],
        revoked_at=_at(row["revoked_at"]),
        id=row["id"],
    )
