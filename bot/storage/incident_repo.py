"""Moderation incidents, warnings, reports. Only masked text ever reaches these tables."""

from __future__ import annotations

from datetime import datetime

from bot.domain.classes import ClassName
from bot.domain.incidents import Incident, IncidentFilter, Resolution, Source
from bot.storage.db import Database

_COLUMNS = (
    "at, source, peer_id, cmid, chat_id, author_vk_id, author_person_id, rule, clause, kind, "
    "masked_text, actions, reporter_vk_id, reason"
)
_SELECT = (
    "SELECT i.*, c.grade, c.letter FROM incidents i LEFT JOIN chats ch ON ch.id = i.chat_id "
    "LEFT JOIN classes c ON c.id = ch.class_id "
)


class IncidentRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def add(self, *, incident: Incident) -> int | None:
        """The new incident's id, or None if this message already has one (a re-delivery)."""
        i = incident
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                f"INSERT INTO incidents ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (peer_id, cmid, source) DO NOTHING RETURNING id",
                (
                    i.at.isoformat(),
                    i.source.value,
                    i.peer_id,
                    i.cmid,
                    i.chat_id,
                    i.author_vk_id,
                    i.author_person_id,
                    i.rule,
                    i.clause,
                    i.kind,
                    i.masked_text,
                    ",".join(i.actions),
                    i.reporter_vk_id,
                    i.reason,
                ),
            )
        return None if row is None else int(row["id"])

    async def get(self, *, incident_id: int) -> Incident | None:
        row = await self._db.fetch_one(_SELECT + "WHERE i.id = ?", (incident_id,))
        return None if row is None else _incident(row)

    async def class_of(self, *, incident_id: int) -> ClassName | None:
        row = await self._db.fetch_one(_SELECT + "WHERE i.id = ?", (incident_id,))
        return ClassName(row["grade"], row["letter"]) if row and row["grade"] else None

    async def unfinished(self, *, peer_id: int, cmid: int, source: str) -> int | None:
        """The id of this message's incident if its steps were cut short (by a crash)."""
        row = await self._db.fetch_one(
            "SELECT id FROM incidents WHERE peer_id = ? AND cmid = ? AND source = ? "
            "AND completed_at IS NULL",
            (peer_id, cmid, source),
        )
        return int(row["id"]) if row else None

    async def set_actions(self, *, incident_id: int, actions: list[str]) -> None:
        """Replaces the steps taken (a resumed incident takes them all again)."""
        await self._db.execute(
            "UPDATE incidents SET actions = ? WHERE id = ?", (",".join(actions), incident_id)
        )

    async def complete(self, *, incident_id: int, at: datetime) -> None:
        await self._db.execute(
            "UPDATE incidents SET completed_at = ? WHERE id = ?", (at.isoformat(), incident_id)
        )

    async def add_action(self, *, incident_id: int, action: str) -> None:
        await self._db.execute(
            "UPDATE incidents SET actions = CASE WHEN actions = '' THEN ? "
            "ELSE actions || ',' || ? END WHERE id = ?",
            (action, action, incident_id),
        )

    async def resolve(
        self, *, incident_id: int, by_vk_id: int, at: datetime, resolution: Resolution
    ) -> bool:
        """False if someone already resolved it: the first decision stands."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "UPDATE incidents SET resolved_by = ?, resolved_at = ?, resolution = ? "
                "WHERE id = ? AND resolved_at IS NULL RETURNING id",
                (by_vk_id, at.isoformat(), resolution.value, incident_id),
            )
        return row is not None

    # --- warnings --------------------------------------------------------------------------
    async def add_warning(
        self, *, incident_id: int, vk_id: int, at: datetime, expires: datetime
    ) -> None:
        await self._db.execute(
            "INSERT INTO warnings (incident_id, vk_id, issued_at, expires_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (incident_id) DO NOTHING",
            (incident_id, vk_id, at.isoformat(), expires.isoformat()),
        )

    async def active_warnings(self, *, vk_id: int, now: datetime) -> int:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM warnings "
            "WHERE vk_id = ? AND expires_at > ? AND cancelled_at IS NULL",
            (vk_id, now.isoformat()),
        )
        return int(row["n"]) if row else 0

    async def cancel_warning(self, *, incident_id: int, at: datetime) -> None:
        await self._db.execute(
            "UPDATE warnings SET cancelled_at = ? WHERE incident_id = ? AND cancelled_at IS NULL",
            (at.isoformat(), incident_id),
        )

    # --- reports and notices ----------------------------------------------------------------
    async def add_report(
        self, *, reporter_vk_id: int, peer_id: int, cmid: int, at: datetime
    ) -> bool:
        """False if this person already reported this message."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "INSERT INTO reports (reporter_vk_id, peer_id, cmid, at) VALUES (?, ?, ?, ?) "
                "ON CONFLICT DO NOTHING RETURNING cmid",
                (reporter_vk_id, peer_id, cmid, at.isoformat()),
            )
        return row is not None

    async def reports_since(self, *, reporter_vk_id: int, since: datetime) -> int:
        row = await self._db.fetch_one(
            "SELECT COUNT(*) AS n FROM reports WHERE reporter_vk_id = ? AND at > ?",
            (reporter_vk_id, since.isoformat()),
        )
        return int(row["n"]) if row else 0

    async def first_notice(self, *, vk_id: int, at: datetime) -> bool:
        """True the first time only: a person is told once how to allow messages."""
        async with self._db.transaction() as tx:
            row = await tx.fetch_one(
                "INSERT INTO moderation_notices (vk_id, at) VALUES (?, ?) "
                "ON CONFLICT DO NOTHING RETURNING vk_id",
                (vk_id, at.isoformat()),
            )
        return row is not None

    # --- the record ---------------------------------------------------------------------------
    async def find(self, *, where: IncidentFilter) -> list[Incident]:
        """Newest first."""
        clauses, params = [], []
        f = where
        if f.class_name is not None:
            clauses.append("c.grade = ? AND c.letter = ?")
            params += [f.class_name.grade, f.class_name.letter]
        if f.chat_kind is not None:
            clauses.append("ch.kind = ?")
            params.append(f.chat_kind.value)
        if f.author_vk_id is not None:
            clauses.append("i.author_vk_id = ?")
            params.append(f.author_vk_id)
        if f.rule is not None:
            clauses.append("i.rule = ?")
            params.append(f.rule)
        if f.since is not None:
            clauses.append("i.at >= ?")
            params.append(f.since.isoformat())
        sql = _SELECT + ("WHERE " + " AND ".join(clauses) if clauses else "")
        rows = await self._db.fetch_all(
            sql + " ORDER BY i.at DESC, i.id DESC LIMIT ?", (*params, f.limit)
        )
        return [_incident(row) for row in rows]


def _incident(row) -> Incident:
    return Incident(
        at=datetime.fromisoformat(row["at"]),
        source=Source(row["source"]),
        peer_id=row["peer_id"],
        cmid=row["cmid"],
        author_vk_id=row["author_vk_id"],
        rule=row["rule"],
        clause=row["clause"],
        masked_text=row["masked_text"],
        kind=row["kind"],
        actions=tuple(a for a in row["actions"].split(",") if a),
        chat_id=row["chat_id"],
        author_person_id=row["author_person_id"],
        reporter_vk_id=row["reporter_vk_id"],
        reason=row["reason"],
        resolved_by=row["resolved_by"],
        resolved_at=datetime.fromisoformat(row["resolved_at"]) if row["resolved_at"] else None,
        resolution=Resolution(row["resolution"]) if row["resolution"] else None,
        id=row["id"],
    )
