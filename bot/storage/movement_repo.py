"""Moving people: a pupil to another class, someone leaving, the new school year.

Nothing is deleted without a record: the roles a person held go to `departures`, the school as
it stood goes to `school_years`.
"""

from __future__ import annotations

import json
from datetime import datetime

from bot.domain.classes import ClassName
from bot.domain.people import Person, normalize_name
from bot.storage.db import Database, _Tx


async def _class_id(tx: _Tx, name: ClassName) -> int | None:
    row = await tx.fetch_one(
        "SELECT id FROM classes WHERE grade = ? AND letter = ?", (name.grade, name.letter)
    )
    return None if row is None else int(row["id"])


async def _roles_json(tx: _Tx, person_id: int) -> list[dict]:
    rows = await tx.fetch_all(
        "SELECT r.role, c.grade, c.letter, r.subject, r.pupil_id FROM roles r "
        "LEFT JOIN classes c ON c.id = r.class_id WHERE r.person_id = ?",
        (person_id,),
    )
    return [
        {"role": r["role"], "class": f"{r['grade']}{r['letter']}" if r["grade"] else None,
         "subject": r["subject"], "pupil_id": r["pupil_id"]}
        for r in rows
    ]  # fmt: skip


class MovementRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def pupils_named(self, *, name: str, class_name: ClassName) -> list[Person]:
        """Pupils of the class whose full name is `name` or starts with it."""
        key = normalize_name(name)
        rows = await self._db.fetch_all(
            "SELECT p.id, p.vk_id, p.full_name FROM people p JOIN roles r ON r.person_id = p.id "
            "JOIN classes c ON c.id = r.class_id WHERE r.role = 'pupil' AND c.grade = ? "
            "AND c.letter = ? AND (p.name_key = ? OR p.name_key LIKE ? || ' %') ORDER BY p.id",
            (class_name.grade, class_name.letter, key, key),
        )
        return [Person(r["id"], r["vk_id"], r["full_name"]) for r in rows]

    async def people_named(self, *, name: str) -> list[Person]:
        key = normalize_name(name)
        rows = await self._db.fetch_all(
            "SELECT DISTINCT p.id, p.vk_id, p.full_name FROM people p JOIN roles r "
            "ON r.person_id = p.id WHERE p.name_key = ? OR p.name_key LIKE ? || ' %' ORDER BY p.id",
            (key, key),
        )
        return [Person(r["id"], r["vk_id"], r["full_name"]) for r in rows]

    async def parents_of(self, *, pupil_id: int) -> list[Person]:
        rows = await self._db.fetch_all(
            "SELECT p.id, p.vk_id, p.full_name FROM people p JOIN roles r ON r.person_id = p.id "
            "WHERE r.role = 'parent' AND r.pupil_id = ? ORDER BY p.id",
            (pupil_id,),
        )
        return [Person(r["id"], r["vk_id"], r["full_name"]) for r in rows]

    async def move_pupil(
        self, *, person_id: int, old: ClassName, new: ClassName, at: datetime, by: int
    ) -> bool:
        async with self._db.transaction() as tx:
            old_id, new_id = await _class_id(tx, old), await _class_id(tx, new)
            if old_id is None or new_id is None:
                return False
            await tx.execute(
                "UPDATE roles SET class_id = ? WHERE person_id = ? AND role = 'pupil' "
                "AND class_id = ?",
                (new_id, person_id, old_id),
            )
            details = json.dumps({"from": str(old), "to": str(new)}, ensure_ascii=False)
            await tx.execute(
                "INSERT INTO departures (person_id, kind, at, by_person, details) "
                "VALUES (?, 'moved', ?, ?, ?)",
                (person_id, at.isoformat(), by, details),
            )
        return True

    async def person_left(self, *, person_id: int, at: datetime, by: int) -> list[dict]:
        """Takes away every role (a pupil's parents lose their tie to this pupil), annuls open
        invitations, records the departure; returns the roles held."""
        async with self._db.transaction() as tx:
            roles = await _roles_json(tx, person_id)
            await tx.execute("DELETE FROM roles WHERE person_id = ?", (person_id,))
            await tx.execute(
                "DELETE FROM roles WHERE role = 'parent' AND pupil_id = ?", (person_id,)
            )
            await tx.execute(
                "UPDATE invitations SET revoked_at = ? WHERE person_id = ? "
                "AND claimed_at IS NULL AND revoked_at IS NULL",
                (at.isoformat(), person_id),
            )
            await tx.execute(
                "INSERT INTO departures (person_id, kind, at, by_person, details) "
                "VALUES (?, 'left', ?, ?, ?)",
                (person_id, at.isoformat(), by, json.dumps({"roles": roles}, ensure_ascii=False)),
            )
        return roles

    async def departures(self, *, person_id: int) -> list[tuple[str, str, dict]]:
        rows = await self._db.fetch_all(
            "SELECT kind, at, details FROM departures WHERE person_id = ? ORDER BY id",
            (person_id,),
        )
        return [(r["kind"], r["at"], json.loads(r["details"])) for r in rows]

    # --- the new school year ---------------------------------------------------------------
    async def snapshot(self) -> dict:
        """The whole school as it stands: classes, roles, chats."""
        classes = await self._db.fetch_all("SELECT id, grade, letter FROM classes")
        roles = await self._db.fetch_all(
            "SELECT r.person_id, p.full_name, p.vk_id, r.role, r.class_id, r.subject, r.pupil_id "
            "FROM roles r JOIN people p ON p.id = r.person_id ORDER BY r.id"
        )
        chats = await self._db.fetch_all(
            "SELECT peer_id, kind, class_id, subject, title FROM chats WHERE archived_at IS NULL"
        )
        return {
            "classes": [dict(r) for r in classes],
            "roles": [dict(r) for r in roles],
            "chats": [dict(r) for r in chats],
        }

    async def new_year(
        self,
        *,
        label: str,
        moves: list[tuple[ClassName, ClassName]],
        graduating: list[ClassName],
        titles: dict[int, str],
        at: datetime,
        by: int,
    ) -> None:
        """One transaction: keep the snapshot, graduate, move every class up (top grade first),
        retitle the chats."""
        snapshot = json.dumps(await self.snapshot(), ensure_ascii=False)
        stamp = at.isoformat()
        async with self._db.transaction() as tx:
            await tx.execute(
                "INSERT INTO school_years (at, label, snapshot) VALUES (?, ?, ?)",
                (stamp, label, snapshot),
            )
            for name in graduating:
                class_id = await _class_id(tx, name)
                if class_id is None:
                    continue
                details = json.dumps({"class": str(name), "year": label}, ensure_ascii=False)
                await tx.execute(
                    "INSERT INTO departures (person_id, kind, at, by_person, details) "
                    "SELECT person_id, 'graduated', ?, ?, ? FROM roles "
                    "WHERE role = 'pupil' AND class_id = ?",
                    (stamp, by, details, class_id),
                )
                await tx.execute(
                    "DELETE FROM roles WHERE role = 'parent' AND pupil_id IN "
                    "(SELECT person_id FROM roles WHERE role = 'pupil' AND class_id = ?)",
                    (class_id,),
                )
                await tx.execute(
                    "UPDATE chats SET archived_at = ?, archived_label = ? WHERE class_id = ? "
                    "AND archived_at IS NULL",
                    (stamp, f"{name} · {label}", class_id),
                )
                await tx.execute(
                    "UPDATE invitations SET revoked_at = ? WHERE revoked_at IS NULL AND "
                    "claimed_at IS NULL AND chat_id IN (SELECT id FROM chats WHERE class_id = ?)",
                    (stamp, class_id),
                )
                await tx.execute("DELETE FROM classes WHERE id = ?", (class_id,))
            for old, new in moves:
                await tx.execute(
                    "UPDATE classes SET grade = ?, letter = ? WHERE grade = ? AND letter = ?",
                    (new.grade, new.letter, old.grade, old.letter),
                )
            for peer_id, title in titles.items():
                await tx.execute("UPDATE chats SET title = ? WHERE peer_id = ?", (title, peer_id))

    async def years(self) -> list[tuple[str, str]]:
        rows = await self._db.fetch_all("SELECT label, at FROM school_years ORDER BY id")
        return [(r["label"], r["at"]) for r in rows]
