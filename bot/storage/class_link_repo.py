"""Class join links and the requests of people who opened them (only hashes of the codes)."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.domain.class_links import OPEN_STATES, ClassLink, JoinRequest, RequestState
from bot.storage.db import Database

_LINK = "id, code_hash, chat_id, issued_by, issued_at, expires_at, revoked_at"
_REQUEST = "id, link_id, vk_id, state, created_at, pupil_id, tries, decided_by, decided_at"
_OPEN = tuple(s.value for s in OPEN_STATES)


class ClassLinkRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    # --- links --------------------------------------------------------------------------------
    async def add(self, *, link: ClassLink, replace_active: bool, at: datetime) -> ClassLink:
        """A new link for the chat; with `replace_active`, the chat's live ones are revoked."""
        async with self._db.transaction() as tx:
            if replace_active:
                await tx.execute(
                    "UPDATE class_links SET revoked_at = ? WHERE chat_id = ? "
                    "AND revoked_at IS NULL AND expires_at > ?",
                    (at.isoformat(), link.chat_id, at.isoformat()),
                )
            new_id = await tx.execute(
                "INSERT INTO class_links (code_hash, chat_id, issued_by, issued_at, expires_at) "
                "VALUES (?, ?, ?, ?, ?)",
                (
                    link.code_hash,
                    link.chat_id,
                    link.issued_by,
                    link.issued_at.isoformat(),
                    link.expires_at.isoformat(),
                ),
            )
        return replace(link, id=new_id)

    async def by_hash(self, *, code_hash: str) -> ClassLink | None:
        row = await self._db.fetch_one(
            f"SELECT {_LINK} FROM class_links WHERE code_hash = ?", (code_hash,)
        )
        return _link(row)

    async def by_id(self, *, link_id: int) -> ClassLink | None:
        row = await self._db.fetch_one(f"SELECT {_LINK} FROM class_links WHERE id = ?", (link_id,))
        return _link(row)

    async def active_of(self, *, chat_id: int, at: datetime) -> list[ClassLink]:
        rows = await self._db.fetch_all(
            f"SELECT {_LINK} FROM class_links WHERE chat_id = ? AND revoked_at IS NULL "
            "AND expires_at > ? ORDER BY id",
            (chat_id, at.isoformat()),
        )
        return [_link(row) for row in rows]  # type: ignore[misc]

    async def revoke_active(self, *, chat_id: int, at: datetime) -> int:
        async with self._db.transaction() as tx:
            rows = await tx.fetch_all(
                "SELECT id FROM class_links WHERE chat_id = ? AND revoked_at IS NULL "
                "AND expires_at > ?",
                (chat_id, at.isoformat()),
            )
            await tx.execute(
                "UPDATE class_links SET revoked_at = ? WHERE chat_id = ? AND revoked_at IS NULL "
                "AND expires_at > ?",
                (at.isoformat(), chat_id, at.isoformat()),
            )
        return len(rows)

    # --- requests -----------------------------------------------------------------------------
    async def requests_of(self, *, vk_id: int) -> list[JoinRequest]:
        """This account's requests, newest first."""
        rows = await self._db.fetch_all(
            f"SELECT {_REQUEST} FROM join_requests WHERE vk_id = ? ORDER BY id DESC LIMIT 50",
            (vk_id,),
        )
        return [_request(row) for row in rows]

    async def request(self, *, request_id: int) -> JoinRequest | None:
        row = await self._db.fetch_one(
            f"SELECT {_REQUEST} FROM join_requests WHERE id = ?", (request_id,)
        )
        return _request(row) if row is not None else None

    async def asking_since(self) -> dict[int, datetime]:
        """Who has a question open, and since when (the newest, per account)."""
        rows = await self._db.fetch_all(
            "SELECT vk_id, MAX(created_at) AS since FROM join_requests WHERE state = 'asking' "
            "GROUP BY vk_id"
        )
        return {int(row["vk_id"]): datetime.fromisoformat(row["since"]) for row in rows}

    async def start(self, *, link_id: int, vk_id: int, at: datetime) -> JoinRequest:
        """Asks anew: an older unanswered question of this account is closed first."""
        async with self._db.transaction() as tx:
            await tx.execute(
                "UPDATE join_requests SET state = 'closed', decided_at = ? "
                "WHERE vk_id = ? AND state = 'asking'",
                (at.isoformat(), vk_id),
            )
            new_id = await tx.execute(
                "INSERT INTO join_requests (link_id, vk_id, state, created_at) "
                "VALUES (?, ?, 'asking', ?)",
                (link_id, vk_id, at.isoformat()),
            )
        return JoinRequest(new_id, link_id, vk_id, RequestState.ASKING, at)

    async def tried(self, *, request_id: int) -> None:
        await self._db.execute(
            "UPDATE join_requests SET tries = tries + 1 WHERE id = ? AND state = 'asking'",
            (request_id,),
        )

    async def waiting_for_pupil(self, *, pupil_id: int) -> int:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM join_requests WHERE pupil_id = ? AND state = 'waiting'",
            (pupil_id,),
        )
        return int(row["n"]) if row else 0

    async def set_state(
        self,
        *,
        request_id: int,
        state: RequestState,
        at: datetime,
        expect: RequestState,
        pupil_id: int | None = None,
        by: int | None = None,
        bound_person_id: int | None = None,
    ) -> bool:
        """Moves the request on, only from `expect` (two curators pressing at once: one wins)."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "SELECT state, pupil_id FROM join_requests WHERE id = ?", (request_id,)
            )
            if row is None or row["state"] != expect.value:
                return False
            await tx.execute(
                "UPDATE join_requests SET state = ?, pupil_id = ?, decided_at = ?, "
                "decided_by = COALESCE(?, decided_by), "
                "bound_person_id = COALESCE(?, bound_person_id) WHERE id = ?",
                (
                    state.value,
                    pupil_id if pupil_id is not None else row["pupil_id"],
                    at.isoformat(),
                    by,
                    bound_person_id,
                    request_id,
                ),
            )
        return True


def _link(row) -> ClassLink | None:
    if row is None:
        return None
    return ClassLink(
        code_hash=row["code_hash"],
        chat_id=row["chat_id"],
        issued_by=row["issued_by"],
        issued_at=datetime.fromisoformat(row["issued_at"]),
        expires_at=datetime.fromisoformat(row["expires_at"]),
        revoked_at=datetime.fromisoformat(row["revoked_at"]) if row["revoked_at"] else None,
        id=row["id"],
    )


def _request(row) -> JoinRequest:
    return JoinRequest(
        id=row["id"],
        link_id=row["link_id"],
        vk_id=row["vk_id"],
        state=RequestState(row["state"]),
        created_at=datetime.fromisoformat(row["created_at"]),
        pupil_id=row["pupil_id"],
        tries=row["tries"],
        decided_by=row["decided_by"],
        decided_at=datetime.fromisoformat(row["decided_at"]) if row["decided_at"] else None,
    )
