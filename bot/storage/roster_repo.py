"""The school's lists as a whole: read as a roster, and a roster import applied in one go."""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.domain.classes import ClassName
from bot.domain.people import normalize_name
from bot.domain.person_ref import ById, ByScreenName, PersonRef
from bot.domain.roster_diff import RosterDiff
from bot.domain.roster_model import PupilKey, RosterData, RosterParent, RosterPupil
from bot.storage.db import Database


@dataclass(frozen=True)
class LoadedRoster:
    data: RosterData
    pupil_ids: dict[PupilKey, int]
    parent_ids: dict[int, int]  # id() of a RosterParent in `data` → person id


class RosterRepo:
    def __init__(self, db: Database) -> None:
        self._db = db

    async def load(self) -> LoadedRoster:
        classes = [
            ClassName(r["grade"], r["letter"])
            for r in await self._db.fetch_all("SELECT grade, letter FROM classes")
        ]
        rows = await self._db.fetch_all(
            "SELECT p.id, p.vk_id, p.vk_screen_name, p.full_name, c.grade, c.letter FROM roles r "
            "JOIN people p ON p.id = r.person_id JOIN classes c ON c.id = r.class_id "
            "WHERE r.role = 'pupil'"
        )
        pupils, pupil_ids, key_of = [], {}, {}
        for row in rows:
            pupil = RosterPupil(row["full_name"], ClassName(row["grade"], row["letter"]), _ref(row))
            pupils.append(pupil)
            pupil_ids[pupil.key] = row["id"]
            key_of[row["id"]] = pupil.key
        rows = await self._db.fetch_all(
            "SELECT p.id, p.vk_id, p.vk_screen_name, p.full_name, "
            "group_concat(r.pupil_id) AS kids FROM roles r "
            "JOIN people p ON p.id = r.person_id WHERE r.role = 'parent' GROUP BY p.id"
        )
        parents, by_person = [], {}
        for row in rows:
            kids = [key_of[int(k)] for k in str(row["kids"]).split(",") if int(k) in key_of]
            parent = RosterParent(row["full_name"], _ref(row), tuple(sorted(kids)))
            parents.append(parent)
            by_person[row["id"]] = parent
        data = RosterData.build(pupils, parents, tuple(classes))
        parent_ids = {id(parent): pid for pid, parent in by_person.items()}
        # RosterData.build keeps the same objects, so id() still finds them.
        return LoadedRoster(data, pupil_ids, parent_ids)

    async def owners(self, *, vk_ids: list[int]) -> dict[int, tuple[int, str]]:
        """vk id → (person id, full name) of the people who hold these VK ids."""
        found: dict[int, tuple[int, str]] = {}
        for start in range(0, len(vk_ids), 500):
            chunk = vk_ids[start : start + 500]
            rows = await self._db.fetch_all(
                "SELECT id, vk_id, full_name FROM people WHERE vk_id IN "
                f"({','.join('?' * len(chunk))})",
                tuple(chunk),
            )
            found.update({int(r["vk_id"]): (int(r["id"]), r["full_name"]) for r in rows})
        return found

    async def apply(self, loaded: LoadedRoster, diff: RosterDiff) -> None:
        """The whole import in one transaction of a few statements, each for many rows: the
        write lock is held for a fraction of a second even for a school of thousands."""
        async with self._db.transaction() as tx:
            await tx.execute_many(
                "INSERT OR IGNORE INTO classes (grade, letter) VALUES (?, ?)",
                [(name.grade, name.letter) for name in diff.classes_added],
            )
            plan = _Plan(
                class_ids={
                    ClassName(r["grade"], r["letter"]): int(r["id"])
                    for r in await tx.fetch_all("SELECT id, grade, letter FROM classes")
                },
                by_vk={
                    int(r["vk_id"]): int(r["id"])
                    for r in await tx.fetch_all(
                        "SELECT id, vk_id FROM people WHERE vk_id IS NOT NULL"
                    )
                },
                next_id=int(
                    (await tx.fetch_one("SELECT IFNULL(MAX(id), 0) + 1 AS n FROM people"))["n"]
                ),
                pupil_ids=dict(loaded.pupil_ids),
            )
            for change in diff.pupils_changed:
                person_id = loaded.pupil_ids[change.before.key]
                if "class" in change.fields:
                    plan.moves.append((plan.class_ids[change.after.class_name], person_id))
                if "vk" in change.fields:
                    plan.set_vk(person_id, change.after.vk)
                plan.pupil_ids[change.after.key] = person_id
            for pupil in diff.pupils_added:
                person_id = plan.person(pupil.full_name, pupil.vk)
                plan.roles.append((person_id, "pupil", plan.class_ids[pupil.class_name], None))
                plan.pupil_ids[pupil.key] = person_id
            for change in diff.parents_changed:
                person_id = loaded.parent_ids[id(change.before)]
                if "vk" in change.fields:
                    plan.set_vk(person_id, change.after.vk)
                plan.link(person_id, change.after)
            for parent in diff.parents_added:
                plan.link(plan.person(parent.full_name, parent.vk), parent)
            await tx.execute_many(
                "INSERT INTO people (id, vk_id, vk_screen_name, full_name, name_key) "
                "VALUES (?, ?, ?, ?, ?)",
                plan.people,
            )
            await tx.execute_many(
                "UPDATE roles SET class_id = ? WHERE person_id = ? AND role = 'pupil'", plan.moves
            )
            await tx.execute_many(
                "UPDATE people SET vk_id = ?, vk_screen_name = ? WHERE id = ?", plan.vk_updates
            )
            await tx.execute_many(
                "INSERT OR IGNORE INTO roles (person_id, role, class_id, pupil_id) "
                "VALUES (?, ?, ?, ?)",
                plan.roles,
            )

    async def pending_pages(self) -> list[tuple[int, str, str]]:
        """(person id, screen name, full name) of VK pages still to resolve."""
        rows = await self._db.fetch_all(
            "SELECT id, vk_screen_name, full_name FROM people "
            "WHERE vk_screen_name IS NOT NULL AND vk_id IS NULL ORDER BY id"
        )
        return [(int(r["id"]), r["vk_screen_name"], r["full_name"]) for r in rows]

    async def resolve_pages(self, *, found: dict[int, int], dropped: list[int]) -> list[int]:
        """Gives each person (id → vk id) the VK id found for their page; forgets the pages of
        `dropped`. A VK id someone else already has is not given: those people are returned."""
        clashed = []
        async with self._db.transaction() as tx:
            for person_id, vk_id in found.items():
                owner = await tx.fetch_one("SELECT id FROM people WHERE vk_id = ?", (vk_id,))
                if owner is not None and int(owner["id"]) != person_id:
                    clashed.append(person_id)
                    continue
                await tx.execute(
                    "UPDATE people SET vk_id = ?, vk_screen_name = NULL WHERE id = ?",
                    (vk_id, person_id),
                )
            await tx.execute_many(
                "UPDATE people SET vk_screen_name = NULL WHERE id = ?",
                [(person_id,) for person_id in [*dropped, *clashed]],
            )
        return clashed


@dataclass
class _Plan:
    """The rows an import writes, gathered first and then written a statement at a time."""

    class_ids: dict[ClassName, int]
    by_vk: dict[int, int]
    next_id: int
    pupil_ids: dict[PupilKey, int]
    people: list[tuple] = field(default_factory=list)
    moves: list[tuple] = field(default_factory=list)
    vk_updates: list[tuple] = field(default_factory=list)
    roles: list[tuple] = field(default_factory=list)

    def person(self, full_name: str, vk: PersonRef | None) -> int:
        """A new person, or the one who already has this VK id (a teacher who is a parent)."""
        vk_id = vk.vk_id if isinstance(vk, ById) else None
        if vk_id is not None and vk_id in self.by_vk:
            return self.by_vk[vk_id]
        person_id = self.next_id
        self.next_id += 1
        screen = vk.screen_name if isinstance(vk, ByScreenName) else None
        self.people.append((person_id, vk_id, screen, full_name, normalize_name(full_name)))
        if vk_id is not None:
            self.by_vk[vk_id] = person_id
        return person_id

    def set_vk(self, person_id: int, vk: PersonRef | None) -> None:
        if isinstance(vk, ById):
            self.vk_updates.append((vk.vk_id, None, person_id))
        elif isinstance(vk, ByScreenName):
            self.vk_updates.append((None, vk.screen_name, person_id))

    def link(self, person_id: int, parent: RosterParent) -> None:
        for key in parent.children:
            if key in self.pupil_ids:
                self.roles.append((person_id, "parent", None, self.pupil_ids[key]))


def _ref(row) -> PersonRef | None:
    if row["vk_id"] is not None:
        return ById(int(row["vk_id"]))
    if row["vk_screen_name"]:
        return ByScreenName(row["vk_screen_name"])
    return None
