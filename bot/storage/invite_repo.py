"""Personal invitations: only a hash of each code is kept, never the code itself."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.invites import AttemptDecision, AttemptKind, Invitation, InviteAttempt
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
        claimed, _bound = await self.claim_and_bind(invitation=invitation, vk_id=vk_id, at=at)
        return claimed

    async def claim_and_bind(
        self, *, invitation: Invitation, vk_id: int, at: datetime
    ) -> tuple[bool, bool]:
        """Spends the invitation and gives its person this VK page when they had none and
        nobody else holds it. Returns (claimed, bound just now)."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT claimed_vk_id, revoked_at FROM invitations WHERE id = ?", (invitation.id,)
            )
            if row is None or row["revoked_at"] is not None:
                return False, False
            if row["claimed_vk_id"] is not None:
                return row["claimed_vk_id"] == vk_id, False
            await tx.execute(
                "UPDATE invitations SET claimed_at = ?, claimed_vk_id = ? WHERE id = ?",
                (at.isoformat(), vk_id, invitation.id),
            )
            before = await tx.fetch_one(
                "SELECT vk_id FROM people WHERE id = ?", (invitation.person_id,)
            )
            await tx.execute(
                "UPDATE people SET vk_id = ? WHERE id = ? AND vk_id IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM people WHERE vk_id = ?)",
                (vk_id, invitation.person_id, vk_id),
            )
            after = await tx.fetch_one(
                "SELECT vk_id FROM people WHERE id = ?", (invitation.person_id,)
            )
        bound = before is not None and before["vk_id"] is None and after["vk_id"] == vk_id
        return True, bound

    async def bind_page(self, *, person_id: int, vk_id: int) -> bool:
        """Gives a person this VK page, when they have none and nobody else holds it."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE people SET vk_id = ? WHERE id = ? AND vk_id IS NULL "
                "AND NOT EXISTS (SELECT 1 FROM people WHERE vk_id = ?)",
                (vk_id, person_id, vk_id),
            )
            row = await tx.fetch_one("SELECT vk_id FROM people WHERE id = ?", (person_id,))
        return row is not None and row["vk_id"] == vk_id

    async def unbind_page(self, *, person_id: int, vk_id: int) -> bool:
        """Takes the VK page back from a person it was wrongly given to."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one("SELECT vk_id FROM people WHERE id = ?", (person_id,))
            if row is None or row["vk_id"] != vk_id:
                return False
            await tx.execute("UPDATE people SET vk_id = NULL WHERE id = ?", (person_id,))
        return True

    async def unresolved_page(self, *, person_id: int) -> str | None:
        """A VK short name the roster gave this person (`vk.com/artem_smirnov`) that nobody has
        turned into an id yet (migration 0013)."""
        row = await self._db.fetch_one(
            "SELECT vk_screen_name FROM people WHERE id = ? AND vk_id IS NULL", (person_id,)
        )
        page = row["vk_screen_name"] if row is not None else None
        return page.strip() or None if page else None

    async def resolved_page(self, *, person_id: int, vk_id: int) -> bool:
        """The short name turned out to be this VK id: it is the person's now, the name done."""
        bound = await self.bind_page(person_id=person_id, vk_id=vk_id)
        if bound:
            await self._db.execute(
                "UPDATE people SET vk_screen_name = NULL WHERE id = ?", (person_id,)
            )
        return bound

    # --- attempts by other accounts, and first-claimer bindings, for the curator ----------
    async def add_attempt(
        self, *, invitation_id: int, vk_id: int, kind: AttemptKind, at: datetime
    ) -> int | None:
        """A new attempt to decide; None when this one was recorded (and told) already."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT id FROM invite_attempts WHERE invitation_id = ? AND vk_id = ? AND kind = ?",
                (invitation_id, vk_id, kind.value),
            )
            if row is not None:
                return None
            return await tx.execute(
                "INSERT INTO invite_attempts (invitation_id, vk_id, kind, at) VALUES (?, ?, ?, ?)",
                (invitation_id, vk_id, kind.value, at.isoformat()),
            )

    async def has_attempt(self, *, invitation_id: int, vk_id: int, kind: AttemptKind) -> bool:
        row = await self._db.fetch_one(
            "SELECT 1 FROM invite_attempts WHERE invitation_id = ? AND vk_id = ? AND kind = ?",
            (invitation_id, vk_id, kind.value),
        )
        return row is not None

    async def attempts_of(self, *, invitation_id: int, kind: AttemptKind) -> int:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM invite_attempts WHERE invitation_id = ? AND kind = ?",
            (invitation_id, kind.value),
        )
        return int(row["n"]) if row else 0

    async def attempt(self, *, attempt_id: int) -> InviteAttempt | None:
        row = await self._db.fetch_one(
            "SELECT id, invitation_id, vk_id, kind, at, decision, decided_by "
            "FROM invite_attempts WHERE id = ?",
            (attempt_id,),
        )
        if row is None:
            return None
        return InviteAttempt(
            id=row["id"],
            invitation_id=row["invitation_id"],
            vk_id=row["vk_id"],
            kind=AttemptKind(row["kind"]),
            at=datetime.fromisoformat(row["at"]),
            decision=AttemptDecision(row["decision"]) if row["decision"] else None,
            decided_by=row["decided_by"],
        )

    async def decide_attempt(
        self, *, attempt_id: int, decision: AttemptDecision, by: int, at: datetime
    ) -> bool:
        """Records the curator's decision; False when someone decided first."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT decision FROM invite_attempts WHERE id = ?", (attempt_id,)
            )
            if row is None or row["decision"] is not None:
                return False
            await tx.execute(
                "UPDATE invite_attempts SET decision = ?, decided_by = ?, decided_at = ? "
                "WHERE id = ?",
                (decision.value, by, at.isoformat(), attempt_id),
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
                "UPDATE invitations SET revoked_at = ? WHERE id = ?",
                (at.isoformat(), invitation_id),
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
