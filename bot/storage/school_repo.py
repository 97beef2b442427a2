"""Classes, people and roles."""

from __future__ import annotations

from bot.domain.classes import ClassName
from bot.domain.people import Person, Role, RoleGrant, Roles, normalize_name
from bot.storage.cache import ReadCache
from bot.storage.db import Database, _Tx


class DuplicateError(Exception):
    """The thing already exists (a class, a VK id bound to another person, a curator)."""


class SchoolRepo:
    def __init__(self, db: Database) -> None:
        self._db = db
        # Asked for every message; people and roles change a few times a day.
        self._speakers: ReadCache[tuple[Person | None, Roles]] = ReadCache(
            db, ("people", "roles", "classes")
        )

    async def speaker(self, *, vk_id: int) -> tuple[Person | None, Roles]:
        """The person with this VK id and their roles (None and no roles for a stranger)."""
        return await self._speakers.get(vk_id, lambda: self._load_speaker(vk_id))

    async def _load_speaker(self, vk_id: int) -> tuple[Person | None, Roles]:
        person = await self.person_by_vk(vk_id=vk_id)
        if person is None:
            return None, Roles()
        return person, await self.roles_of(person_id=person.id)

    # --- classes -------------------------------------------------------------------------
    async def list_classes(self) -> list[ClassName]:
        rows = await self._db.fetch_all("SELECT grade, letter FROM classes ORDER BY grade, letter")
        return [ClassName(row["grade"], row["letter"]) for row in rows]

    async def class_exists(self, *, name: ClassName) -> bool:
        return await _class_id(self._db, name) is not None

    async def add_class(self, *, name: ClassName) -> bool:
        """Adds the class; False if it was already there."""
        async with self._db.transaction() as tx:
            if await _class_id(tx, name) is not None:
                return False
            await tx.execute(
                "INSERT INTO classes (grade, letter) VALUES (?, ?)", (name.grade, name.letter)
            )
        return True

    async def rename_class(self, *, old: ClassName, new: ClassName) -> None:
        async with self._db.transaction() as tx:
            if await _class_id(tx, new) is not None:
                raise DuplicateError(str(new))
            await tx.execute(
                "UPDATE classes SET grade = ?, letter = ? WHERE grade = ? AND letter = ?",
                (new.grade, new.letter, old.grade, old.letter),
            )

    async def remove_class(self, *, name: ClassName) -> None:
        await self._db.execute(
            "DELETE FROM classes WHERE grade = ? AND letter = ?", (name.grade, name.letter)
        )

    # --- people --------------------------------------------------------------------------
    async def person_by_vk(self, *, vk_id: int) -> Person | None:
        row = await self._db.fetch_one(
            "SELECT id, vk_id, full_name FROM people WHERE vk_id = ?", (vk_id,)
        )
        return _person(row)

    async def person(self, *, person_id: int) -> Person | None:
        row = await self._db.fetch_one(
            "SELECT id, vk_id, full_name FROM people WHERE id = ?", (person_id,)
        )
        return _person(row)

    async def ensure_person(self, *, vk_id: int, full_name: str) -> Person:
        """The person with this VK id, created with `full_name` if new."""
        async with self._db.transaction() as tx:
            return await ensure_person_tx(tx, vk_id=vk_id, full_name=full_name)

    # --- roles ---------------------------------------------------------------------------
    async def roles_of(self, *, person_id: int) -> Roles:
        rows = await self._db.fetch_all(
            "SELECT r.role, c.grade, c.letter, r.subject, r.pupil_id FROM roles r "
            "LEFT JOIN classes c ON c.id = r.class_id WHERE r.person_id = ?",
            (person_id,),
        )
        return Roles.of(_grant(row) for row in rows)

    async def grant(self, *, person_id: int, grant: RoleGrant) -> bool:
        """Gives the role; False if the person already held it."""
        async with self._db.transaction() as tx:
            return await grant_tx(tx, person_id=person_id, grant=grant)

    async def revoke(self, *, person_id: int, grant: RoleGrant) -> bool:
        async with self._db.transaction() as tx:
            class_id = await _class_id(tx, grant.class_name) if grant.class_name else None
            before = await tx.fetch_one("SELECT total_changes() AS n")
            await tx.execute(
                "DELETE FROM roles WHERE person_id = ? AND role = ? AND IFNULL(class_id, 0) = ? "
                "AND IFNULL(subject, '') = ? AND IFNULL(pupil_id, 0) = ?",
                (
                    person_id,
                    grant.role.value,
                    class_id or 0,
                    grant.subject or "",
                    grant.pupil_id or 0,
                ),
            )
            after = await tx.fetch_one("SELECT total_changes() AS n")
        return after["n"] > before["n"]

    async def people_with_role(self, *, role: Role) -> list[Person]:
        rows = await self._db.fetch_all(
            "SELECT DISTINCT p.id, p.vk_id, p.full_name FROM people p "
            "JOIN roles r ON r.person_id = p.id WHERE r.role = ? ORDER BY p.full_name",
            (role.value,),
        )
        return [_person(row) for row in rows]  # type: ignore[misc]

    async def curator_of(self, *, name: ClassName) -> Person | None:
        row = await self._db.fetch_one(
            "SELECT p.id, p.vk_id, p.full_name FROM roles r JOIN people p ON p.id = r.person_id "
            "JOIN classes c ON c.id = r.class_id WHERE r.role = 'curator' "
            "AND c.grade = ? AND c.letter = ?",
            (name.grade, name.letter),
        )
        return _person(row)

    async def set_curator(self, *, name: ClassName, person_id: int) -> Person | None:
        """Makes the person the class's curator; returns the curator replaced, if any."""
        async with self._db.transaction() as tx:
            class_id = await _class_id(tx, name)
            row = await tx.fetch_one(
                "SELECT p.id, p.vk_id, p.full_name FROM roles r JOIN people p "
                "ON p.id = r.person_id WHERE r.role = 'curator' AND r.class_id = ?",
                (class_id,),
            )
            await tx.execute(
                "DELETE FROM roles WHERE role = 'curator' AND class_id = ?", (class_id,)
            )
            await tx.execute(
                "INSERT INTO roles (person_id, role, class_id) VALUES (?, 'curator', ?)",
                (person_id, class_id),
            )
        previous = _person(row)
        return previous if previous is None or previous.id != person_id else None

    async def members_of_class(self, *, name: ClassName) -> list[tuple[Person, RoleGrant]]:
        """Everyone tied to the class: curator, teachers, pupils and the pupils' parents."""
        rows = await self._db.fetch_all(
            "SELECT p.id, p.vk_id, p.full_name, r.role, c.grade, c.letter, r.subject, r.pupil_id "
            "FROM roles r JOIN people p ON p.id = r.person_id "
            "LEFT JOIN classes c ON c.id = r.class_id "
            "WHERE r.class_id = (SELECT id FROM classes WHERE grade = ? AND letter = ?) "
            "OR r.pupil_id IN (SELECT r2.person_id FROM roles r2 JOIN classes c2 "
            "  ON c2.id = r2.class_id WHERE r2.role = 'pupil' AND c2.grade = ? AND c2.letter = ?) "
            "ORDER BY p.full_name",
            (name.grade, name.letter, name.grade, name.letter),
        )
        return [(_person(row), _grant(row)) for row in rows]  # type: ignore[misc]


async def ensure_person_tx(tx: _Tx, *, vk_id: int, full_name: str) -> Person:
    row = await tx.fetch_one("SELECT id, vk_id, full_name FROM people WHERE vk_id = ?", (vk_id,))
    if row is not None:
        return _person(row)  # type: ignore[return-value]
    new_id = await tx.execute(
        "INSERT INTO people (vk_id, full_name, name_key) VALUES (?, ?, ?)",
        (vk_id, full_name, normalize_name(full_name)),
    )
    return Person(new_id, vk_id, full_name)


async def grant_tx(tx: _Tx, *, person_id: int, grant: RoleGrant) -> bool:
    class_id = None
    if grant.class_name is not None:
        class_id = await _class_id(tx, grant.class_name)
        if class_id is None:
            raise LookupError(str(grant.class_name))
    exists = await tx.fetch_one(
        "SELECT 1 FROM roles WHERE person_id = ? AND role = ? AND IFNULL(class_id, 0) = ? "
        "AND IFNULL(subject, '') = ? AND IFNULL(pupil_id, 0) = ?",
        (person_id, grant.role.value, class_id or 0, grant.subject or "", grant.pupil_id or 0),
    )
    if exists:
        return False
    await tx.execute(
        "INSERT INTO roles (person_id, role, class_id, subject, pupil_id) VALUES (?, ?, ?, ?, ?)",
        (person_id, grant.role.value, class_id, grant.subject, grant.pupil_id),
    )
    return True


async def _class_id(conn: Database | _Tx, name: ClassName) -> int | None:
    row = await conn.fetch_one(
        "SELECT id FROM classes WHERE grade = ? AND letter = ?", (name.grade, name.letter)
    )
    return None if row is None else int(row["id"])


def _person(row) -> Person | None:
    if row is None:
        return None
    return Person(id=row["id"], vk_id=row["vk_id"], full_name=row["full_name"])


def _grant(row) -> RoleGrant:
    class_name = ClassName(row["grade"], row["letter"]) if row["grade"] is not None else None
    return RoleGrant(
        role=Role(row["role"]),
        class_name=class_name,
        subject=row["subject"],
        pupil_id=row["pupil_id"],
    )
