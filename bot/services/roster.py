"""Loading the school's lists from a file, all or nothing, and writing them back out.

An import never holds the event loop: reading the file and comparing it with the school run in
a worker thread, the database is written in a few statements for many rows each, and VK pages
named by short names are resolved a thousand at a time. Its cost grows with the number of people,
not with their square (docs/performance.md, «Roster import»).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace

from bot.domain.classes import ClassName
from bot.domain.people import Person
from bot.domain.person_ref import ById, ByScreenName
from bot.domain.roster import MAX_BYTES, parse_roster
from bot.domain.roster_diff import RosterDiff, diff_roster
from bot.domain.roster_export import render_roster_csv
from bot.domain.roster_model import ReadNotes, RosterCurator, RosterData, RosterErrors
from bot.services.ports import Messenger, MessengerError
from bot.services.school import SchoolService
from bot.storage.roster_repo import RosterRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import roster as texts

log = logging.getLogger(__name__)

MAX_ROSTER_BYTES = MAX_BYTES
PAGES_PER_REQUEST = 1000  # users.get takes up to 1000 ids or short names

# (stage, done, total): "read" once the file is read (done = people in it), "pages" while VK
# pages are looked up.
Progress = Callable[[str, int, int], Awaitable[None]]


@dataclass(frozen=True)
class Unresolved:
    """Links in the file that name nobody (vk.com/<name> that VK does not know)."""

    refs: tuple[str, ...]


@dataclass(frozen=True)
class VkTaken:
    """VK ids in the file that the school's records already give to someone else."""

    pairs: tuple[tuple[str, str], ...]  # (name in the file, name in the records)


@dataclass(frozen=True)
class CuratorsFromFile:
    """What the file's «классный руководитель» lines did."""

    appointed: tuple[tuple[ClassName, str], ...] = ()  # (class, name)
    already: int = 0  # the same curator as before
    # A different curator is in place and stays: (class, current name, name in the file, ref).
    kept: tuple[tuple[ClassName, str, str, str], ...] = ()
    # vk.com/<name> not yet checked with VK (offline): appointed when the file comes again.
    unchecked: tuple[tuple[ClassName, str, str], ...] = ()


@dataclass(frozen=True)
class Imported:
    diff: RosterDiff
    notes: ReadNotes
    # People of the file written onto someone the school already has by the same VK page (a
    # teacher who is also a parent): (name in the file, name in the records).
    joined: tuple[tuple[str, str], ...] = ()
    pending_pages: int = 0  # vk.com/<name> kept until VK can be asked
    pupils: int = 0  # in the file
    parents: int = 0
    curators: CuratorsFromFile = CuratorsFromFile()


ImportResult = Imported | RosterErrors | Unresolved | VkTaken


async def _no_progress(stage: str, done: int, total: int) -> None:
    return None


class RosterService:
    def __init__(
        self,
        repo: RosterRepo,
        school_repo: SchoolRepo,
        school: SchoolService,
        messenger: Messenger,
        notify=None,
    ) -> None:
        self._repo = repo
        self._school_repo = school_repo
        self._school = school
        self._messenger = messenger
        self._notify = notify
        self._import_lock = asyncio.Lock()

    async def import_file(
        self,
        actor: Person | None,
        data: bytes | str,
        *,
        sheet: str | None = None,
        progress: Progress = _no_progress,
    ) -> ImportResult:
        parsed = await asyncio.to_thread(parse_roster, data, sheet=sheet)
        if isinstance(parsed, RosterErrors):
            return parsed
        await progress("read", len(parsed.pupils) + len(parsed.parents), 0)
        resolved = await self._resolve_links(parsed, progress)
        if isinstance(resolved, Unresolved):
            return resolved
        # Two imports at once would each compare the file with the school as it was.
        async with self._import_lock:
            loaded = await self._repo.load()
            diff = await asyncio.to_thread(diff_roster, loaded.data, resolved)
            owners = await self._repo.owners(vk_ids=_new_vk_ids(diff))
            taken = VkTaken(
                tuple(
                    (change.after.full_name, owners[change.after.vk.vk_id][1])
                    for change in (*diff.pupils_changed, *diff.parents_changed)
                    if "vk" in change.fields
                    and isinstance(change.after.vk, ById)
                    and change.after.vk.vk_id in owners
                )
            )
            if taken.pairs:
                return taken
            joined = tuple(
                (person.full_name, owners[person.vk.vk_id][1])
                for person in (*diff.pupils_added, *diff.parents_added)
                if isinstance(person.vk, ById) and person.vk.vk_id in owners
            )
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
            curators = await self._appoint(actor, resolved.curators)
        pending = sum(
            isinstance(p.vk, ByScreenName) for p in (*diff.pupils_added, *diff.parents_added)
        ) + sum(
            isinstance(c.after.vk, ByScreenName) and "vk" in c.fields
            for c in (*diff.pupils_changed, *diff.parents_changed)
        )
        return Imported(
            diff, parsed.notes, joined, pending, len(parsed.pupils), len(parsed.parents), curators
        )

    async def _appoint(
        self, actor: Person | None, curators: tuple[RosterCurator, ...]
    ) -> CuratorsFromFile:
        """Appoints the file's curators where a class has none; never replaces another one
        silently (that takes `назначить куратора`)."""
        appointed, kept, unchecked, already = [], [], [], 0
        for c in curators:
            if not isinstance(c.vk, ById):
                unchecked.append((c.class_name, c.full_name, str(c.vk)))
                continue
            person = await self._school_repo.ensure_person(vk_id=c.vk.vk_id, full_name=c.full_name)
            current = await self._school_repo.curator_of(name=c.class_name)
            if current is not None and current.id == person.id:
                already += 1
            elif current is not None:
                kept.append((c.class_name, current.full_name, c.full_name, str(c.vk)))
            else:
                await self._school_repo.set_curator(name=c.class_name, person_id=person.id)
                appointed.append((c.class_name, person.full_name))
                if actor is not None:
                    await self._school.record(
                        actor, "set_curator", class_name=str(c.class_name),
                        person=person.full_name,
                    )  # fmt: skip
        return CuratorsFromFile(tuple(appointed), already, tuple(kept), tuple(unchecked))

    async def export_csv(self) -> str:
        return render_roster_csv((await self._repo.load()).data)

    async def download(self, url: str, *, size: int | None = None) -> bytes:
        """The whole file or an error: FileTooLarge past the cap, DownloadFailed when it came
        short (a roster cut at a line end would still read, with people missing)."""
        return await self._messenger.download(
            url, max_bytes=MAX_ROSTER_BYTES, expected_size=size or None
        )

    async def _lookup(self, names: list[str], progress: Progress) -> dict[str, int | None]:
        found: dict[str, int | None] = {}
        for start in range(0, len(names), PAGES_PER_REQUEST):
            chunk = names[start : start + PAGES_PER_REQUEST]
            found.update(await self._messenger.resolve_screen_names(chunk))
            if len(names) > PAGES_PER_REQUEST:
                await progress("pages", min(start + len(chunk), len(names)), len(names))
        return found

    async def _resolve_links(self, data: RosterData, progress: Progress) -> RosterData | Unresolved:
        names = sorted(
            {
                ref.screen_name
                for person in (*data.pupils, *data.parents, *data.curators)
                if isinstance(ref := person.vk, ByScreenName)
            }
        )
        if not names:
            return data
        try:
            ids = await self._lookup(names, progress)
        except MessengerError as error:
            # Without VK (the command line, or VK down) the short names are kept as written and
            # resolved when the bot next talks to VK.
            log.info("short names kept to resolve later: %s", error)
            return data
        missing = [f"vk.com/{name}" for name in names if ids.get(name) is None]
        if missing:
            return Unresolved(tuple(missing))

        def fix(ref):
            return ById(ids[ref.screen_name]) if isinstance(ref, ByScreenName) else ref  # type: ignore[arg-type]

        return replace(
            RosterData.build(
                [replace(p, vk=fix(p.vk)) for p in data.pupils],
                [replace(p, vk=fix(p.vk)) for p in data.parents],
                data.classes,
            ),
            notes=data.notes,
            curators=tuple(replace(c, vk=fix(c.vk)) for c in data.curators),
        )

    async def resolve_pending(self) -> int:
        """Asks VK whose the kept short names are; returns how many were resolved. Pages VK
        does not know, or that another person already has, are named to the administrators."""
        pending = await self._repo.pending_pages()
        if not pending:
            return 0
        try:
            ids = await self._lookup(sorted({name for _, name, _ in pending}), _no_progress)
        except MessengerError as error:
            log.warning("could not resolve %d roster pages yet: %s", len(pending), error)
            return 0
        found = {pid: vk_id for pid, name, _ in pending if (vk_id := ids.get(name)) is not None}
        dropped = [pid for pid, name, _ in pending if ids.get(name) is None]
        clashed = await self._repo.resolve_pages(found=found, dropped=dropped)
        failed = [(f"vk.com/{name}", who) for pid, name, who in pending
                  if pid in dropped or pid in clashed]  # fmt: skip
        if failed and self._notify is not None:
            await self._notify.to_admins(
                texts.pages_not_resolved(failed), key=f"roster-pages:{pending[0][0]}"
            )
        log.info(
            "roster pages resolved: %d, not resolved: %d", len(found) - len(clashed), len(failed)
        )
        return len(found) - len(clashed)


def _new_vk_ids(diff: RosterDiff) -> list[int]:
    return sorted(
        {
            ref.vk_id
            for person in (
                *diff.pupils_added,
                *diff.parents_added,
                *(c.after for c in diff.pupils_changed if "vk" in c.fields),
                *(c.after for c in diff.parents_changed if "vk" in c.fields),
            )
            if isinstance(ref := person.vk, ById)
        }
    )
