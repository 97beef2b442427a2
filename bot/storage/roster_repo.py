"""The school's lists as a whole: read as a roster, and a roster import applied in one go."""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.classes import ClassName
from bot.domain.people import Role, RoleGrant, normalize_name
from bot.domain.person_ref import ById
from bot.domain.roster_diff import RosterDiff
from bot.domain.roster_model import PupilKey, RosterData, RosterParent, RosterPupil
from bot.storage.db import Database, _Tx
from bot.storage.school_repo import grant_tx


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
            "SELECT p.id, p.vk_id, p.full_name, c.grade, c.letter FROM roles r "
            "JOIN people p ON p.id = r.person_id JOIN classes c ON c.id = r.class_id "
            "WHERE r.role = 'pupil'"
        )
        pupils, pupil_ids, key_of = [], {}, {}
        for row in rows:
            pupil = RosterPupil(
                row["full_name"], ClassName(row["grade"], row["letter"]), _ref(row["vk_id"])
            )
            pupils.append(pupil)
            pupil_ids[pupil.key] = row["id"]
            key_of[row["id"]] = pupil.key
        rows = await self._db.fetch_all(
            "SELECT p.id, p.vk_id, p.full_name, group_concat(r.pupil_id) AS kids FROM roles r "
            "JOIN people p ON p.id = r.person_id WHERE r.role = 'parent' GROUP BY p.id"
        )
        parents, by_person = [], {}
        for row in rows:
            kids = [key_of[int(k)] for k in str(row["kids"]).split(",") if int(k) in key_of]
            parent = RosterParent(row["full_name"], _ref(row["vk_id"]), tuple(sorted(kids)))
            parents.append(parent)
            by_person[row["id"]] = parent
        data = RosterData.build(pupils, parents, tuple(classes))
        parent_ids = {id(parent): pid for pid, parent in by_person.items()}
        # RosterData.build keeps the same objects, so id() still finds them.
        return LoadedRoster(data, pupil_ids, parent_ids)

    async def apply(self, loaded: LoadedRoster, diff: RosterDiff) -> None:
        async with self._db.transaction() as tx:
            for name in diff.classes_added:
                await tx.execute(
                    "INSERT OR IGNORE INTO classes (grade, letter) VALUES (?, ?)",
                    (name.grade, name.letter),
                )
            pupil_ids = dict(loaded.pupil_ids)
            for change in diff.pupils_changed:
                before, after = change.before, change.after
                person_id = loaded.pupil_ids[before.key]
                if "class" in change.fields:
                    await tx.execute(
                        "UPDATE roles SET class_id = (SELECT id FROM classes WHERE grade = ? "
                        "AND letter = ?) WHERE person_id = ? AND role = 'pupil'",
                        (after.class_name.grade, after.class_name.letter, person_id),
                    )
                if "vk" in change.fields:
                    await _set_vk(tx, person_id, after.vk)
                pupil_ids[after.key] = person_id
            for pupil in diff.pupils_added:
                person_id = await _person(tx, pupil.full_name, pupil.vk)
                await grant_tx(
                    tx,
                    person_id=person_id,
                    grant=RoleGrant(Role.PUPIL, class_name=pupil.class_name),
                )
                pupil_ids[pupil.key] = person_id
            for change in diff.parents_changed:
                person_id = loaded.parent_ids[id(change.before)]
                if "vk" in change.fields:
                    await _set_vk(tx, person_id, change.after.vk)
                await _link_children(tx, person_id, change.after, pupil_ids)
            for parent in diff.parents_added:
                person_id = await _person(tx, parent.full_name, parent.vk)
                await _link_children(tx, person_id, parent, pupil_ids)


def _ref(vk_id: int | None) -> ById | None:
    return ById(vk_id) if vk_id is not None else None


async def _person(tx: _Tx, full_name: str, vk: object) -> int:
    vk_id = vk.vk_id if isinstance(vk, ById) else None
    if vk_id is not None:
        row = await tx.fetch_one("SELECT id FROM people WHERE vk_id = ?", (vk_id,))
        if row is not None:
            return int(row["id"])
    return await tx.execute(
        "INSERT INTO people (vk_id, full_name, name_key) VALUES (?, ?, ?)",
        (vk_id, full_name, normalize_name(full_name)),
    )


async def _set_vk(tx: _Tx, person_id: int, vk: object) -> None:
    if isinstance(vk, ById):
        await tx.execute("UPDATE people SET vk_id = ? WHERE id = ?", (vk.vk_id, person_id))


async def _link_children(
    tx: _Tx, person_id: int, parent: RosterParent, pupil_ids: dict[PupilKey, int]
) -> None:
    for key in parent.children:
        if key in pupil_ids:
            await grant_tx(
                tx, person_id=person_id, grant=RoleGrant(Role.PARENT, pupil_id=pupil_ids[key])
            )
