"""Loading the school's lists from a CSV file, all or nothing, and writing them back out."""

from __future__ import annotations

from dataclasses import dataclass, replace

from bot.domain.people import Person
from bot.domain.person_ref import ById, ByScreenName
from bot.domain.roster import parse_roster
from bot.domain.roster_diff import RosterDiff, diff_roster
from bot.domain.roster_export import render_roster_csv
from bot.domain.roster_model import RosterData, RosterErrors
from bot.services.ports import Messenger, MessengerError
from bot.services.school import SchoolService
from bot.storage.roster_repo import RosterRepo
from bot.storage.school_repo import SchoolRepo

MAX_ROSTER_BYTES = 2 * 1024 * 1024


@dataclass(frozen=True)
class Unresolved:
    """Links in the file that name nobody (vk.com/<name> that VK does not know)."""

    refs: tuple[str, ...]


@dataclass(frozen=True)
class VkTaken:
    """VK ids in the file that the school's records already give to someone else."""

    pairs: tuple[tuple[str, str], ...]  # (name in the file, name in the records)


ImportResult = RosterDiff | RosterErrors | Unresolved | VkTaken


class RosterService:
    def __init__(
        self, repo: RosterRepo, school_repo: SchoolRepo, school: SchoolService, messenger: Messenger
    ) -> None:
        self._repo = repo
        self._school_repo = school_repo
        self._school = school
        self._messenger = messenger

    async def import_file(self, actor: Person | None, data: bytes | str) -> ImportResult:
        parsed = parse_roster(data)
        if isinstance(parsed, RosterErrors):
            return parsed
        resolved = await self._resolve_links(parsed)
        if isinstance(resolved, Unresolved):
            return resolved
        loaded = await self._repo.load()
        diff = diff_roster(loaded.data, resolved)
        taken = await self._taken_vk_ids(diff, loaded)
        if taken.pairs:
            return taken
        if not diff.is_empty:
            await self._repo.apply(loaded, diff)
            if actor is not None:
                await self._school.record(
                    actor,
                    "import_roster",
                    pupils_added=len(diff.pupils_added),
                    parents_added=len(diff.parents_added),
                    changed=len(diff.pupils_changed) + len(diff.parents_changed),
                )
        return diff

    async def export_csv(self) -> str:
        return render_roster_csv((await self._repo.load()).data)

    async def download(self, url: str) -> bytes:
        return await self._messenger.download(url, max_bytes=MAX_ROSTER_BYTES)

    async def _resolve_links(self, data: RosterData) -> RosterData | Unresolved:
        names = {
            ref.screen_name
            for person in (*data.pupils, *data.parents)
            if isinstance(ref := person.vk, ByScreenName)
        }
        ids: dict[str, int] = {}
        missing = []
        for name in sorted(names):
            try:
                vk_id = await self._messenger.resolve_screen_name(name)
            except MessengerError:
                vk_id = None
            if vk_id is None:
                missing.append(f"vk.com/{name}")
            else:
                ids[name] = vk_id
        if missing:
            return Unresolved(tuple(missing))

        def fix(ref):
            return ById(ids[ref.screen_name]) if isinstance(ref, ByScreenName) else ref

        return RosterData.build(
            [replace(p, vk=fix(p.vk)) for p in data.pupils],
            [replace(p, vk=fix(p.vk)) for p in data.parents],
            data.classes,
        )

    async def _taken_vk_ids(self, diff: RosterDiff, loaded) -> VkTaken:
        pairs = []
        for change in (*diff.pupils_changed, *diff.parents_changed):
            if "vk" not in change.fields or not isinstance(change.after.vk, ById):
                continue
            owner = await self._school_repo.person_by_vk(vk_id=change.after.vk.vk_id)
            if owner is not None:
                pairs.append((change.after.full_name, owner.full_name))
        return VkTaken(tuple(pairs))
