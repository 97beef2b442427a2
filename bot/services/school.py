"""Use cases of the school's structure: administrators, classes, curators, teachers, the trail."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.domain.classes import ClassName
from bot.domain.people import Person, Role, RoleGrant, Roles
from bot.domain.person_ref import ById, PersonRef
from bot.domain.trail import TrailEntry
from bot.services.ports import Messenger, MessengerError
from bot.storage.school_repo import DuplicateError, SchoolRepo
from bot.storage.trail_repo import TrailRepo
from bot.texts import core as texts


class SchoolError(Exception):
    """A command that cannot be done as asked; `kind` picks the Russian explanation."""

    def __init__(self, kind: str, **details: object) -> None:
        super().__init__(kind)
        self.kind = kind
        self.details = details


@dataclass(frozen=True)
class ClassSummary:
    name: ClassName
    curator: Person | None
    pupils: int
    parents: int


@dataclass(frozen=True)
class Change:
    """What a command did; `changed` is False when it was already so (a repeat is harmless)."""

    changed: bool
    person: Person | None = None
    replaced: Person | None = None


class SchoolService:
    def __init__(
        self,
        repo: SchoolRepo,
        trail: TrailRepo,
        messenger: Messenger,
        *,
        config_admins: frozenset[int],
        clock: Callable[[], datetime],
    ) -> None:
        self._repo = repo
        self._trail = trail
        self._messenger = messenger
        self._config_admins = config_admins
        self._clock = clock

    # --- people -----------------------------------------------------------------------------
    async def find_person(self, ref: PersonRef) -> Person:
        """The person a command names, created in the school's records if new."""
        vk_id = ref.vk_id if isinstance(ref, ById) else await self._resolve(ref.screen_name)
        known = await self._repo.person_by_vk(vk_id=vk_id)
        if known is not None:
            return known
        try:
            names = await self._messenger.user_names([vk_id])
        except MessengerError:
            names = {}
        if vk_id not in names:
            raise SchoolError("person_not_found", ref=str(ref))
        return await self._repo.ensure_person(vk_id=vk_id, full_name=names[vk_id])

    async def _resolve(self, screen_name: str) -> int:
        try:
            vk_id = await self._messenger.resolve_screen_name(screen_name)
        except MessengerError:
            vk_id = None
        if vk_id is None:
            raise SchoolError("person_not_found", ref=f"vk.com/{screen_name}")
        return vk_id

    async def roles_of(self, person: Person) -> Roles:
        return await self._repo.roles_of(person_id=person.id)

    async def names(self, person_ids: set[int]) -> dict[int, str]:
        found = {}
        for person_id in person_ids:
            person = await self._repo.person(person_id=person_id)
            if person is not None:
                found[person_id] = person.full_name
        return found

    # --- administrators and the administration -----------------------------------------------
    async def add_admin(self, actor: Person, ref: PersonRef) -> Change:
        person = await self.find_person(ref)
        changed = await self._repo.grant(person_id=person.id, grant=RoleGrant(Role.ADMIN))
        await self._record(actor, "add_admin", changed, person=person.full_name)
        return Change(changed, person)

    async def remove_admin(self, actor: Person, ref: PersonRef) -> Change:
        person = await self.find_person(ref)
        if person.vk_id in self._config_admins:
            raise SchoolError("config_admin", person=person.full_name)
        admins = await self._repo.people_with_role(role=Role.ADMIN)
        if [a.id for a in admins] == [person.id]:
            raise SchoolError("last_admin")
        changed = await self._repo.revoke(person_id=person.id, grant=RoleGrant(Role.ADMIN))
        await self._record(actor, "remove_admin", changed, person=person.full_name)
        return Change(changed, person)

    async def set_director(self, actor: Person, ref: PersonRef) -> Change:
        person = await self.find_person(ref)
        previous = [p for p in await self._repo.people_with_role(role=Role.DIRECTOR)]
        for old in previous:
            if old.id != person.id:
                await self._repo.revoke(person_id=old.id, grant=RoleGrant(Role.DIRECTOR))
        changed = await self._repo.grant(person_id=person.id, grant=RoleGrant(Role.DIRECTOR))
        replaced = next((p for p in previous if p.id != person.id), None)
        await self._record(actor, "set_director", changed, person=person.full_name)
        return Change(changed, person, replaced)

    async def add_deputy(self, actor: Person, ref: PersonRef) -> Change:
        person = await self.find_person(ref)
        changed = await self._repo.grant(person_id=person.id, grant=RoleGrant(Role.DEPUTY))
        await self._record(actor, "add_deputy", changed, person=person.full_name)
        return Change(changed, person)

    async def remove_deputy(self, actor: Person, ref: PersonRef) -> Change:
        person = await self.find_person(ref)
        changed = await self._repo.revoke(person_id=person.id, grant=RoleGrant(Role.DEPUTY))
        await self._record(actor, "remove_deputy", changed, person=person.full_name)
        return Change(changed, person)

    # --- classes ----------------------------------------------------------------------------
    async def list_classes(self) -> list[ClassSummary]:
        summaries = []
        for name in await self._repo.list_classes():
            members = await self._repo.members_of_class(name=name)
            summaries.append(
                ClassSummary(
                    name=name,
                    curator=await self._repo.curator_of(name=name),
                    pupils=sum(1 for _, g in members if g.role is Role.PUPIL),
                    parents=len({p.id for p, g in members if g.role is Role.PARENT}),
                )
            )
        return summaries

    async def class_people(self, name: ClassName) -> list[tuple[Person, RoleGrant]]:
        await self._require_class(name)
        return await self._repo.members_of_class(name=name)

    async def add_class(self, actor: Person, name: ClassName) -> Change:
        changed = await self._repo.add_class(name=name)
        await self._record(actor, "add_class", changed, class_name=str(name))
        return Change(changed)

    async def rename_class(self, actor: Person, name: ClassName, new_name: ClassName) -> Change:
        await self._require_class(name)
        if name == new_name:
            return Change(False)
        try:
            await self._repo.rename_class(old=name, new=new_name)
        except DuplicateError:
            raise SchoolError("class_exists", class_name=str(new_name)) from None
        await self._record(actor, "rename_class", True, class_name=str(name), new=str(new_name))
        return Change(True)

    async def remove_class(self, actor: Person, name: ClassName) -> Change:
        await self._require_class(name)
        members = await self._repo.members_of_class(name=name)
        pupils = sum(1 for _, g in members if g.role is Role.PUPIL)
        if pupils:
            raise SchoolError("class_not_empty", class_name=str(name), pupils=pupils)
        await self._repo.remove_class(name=name)
        await self._record(actor, "remove_class", True, class_name=str(name))
        return Change(True)

    async def set_curator(self, actor: Person, name: ClassName, ref: PersonRef) -> Change:
        await self._require_class(name)
        person = await self.find_person(ref)
        current = await self._repo.curator_of(name=name)
        if current is not None and current.id == person.id:
            return Change(False, person)
        replaced = await self._repo.set_curator(name=name, person_id=person.id)
        await self._record(
            actor, "set_curator", True, class_name=str(name), person=person.full_name
        )
        return Change(True, person, replaced)

    async def add_teacher(
        self, actor: Person, ref: PersonRef, subject: str, classes: tuple[ClassName, ...]
    ) -> Change:
        for name in classes:
            await self._require_class(name)
        person = await self.find_person(ref)
        changed = False
        for name in classes:
            grant = RoleGrant(Role.TEACHER, class_name=name, subject=subject)
            changed |= await self._repo.grant(person_id=person.id, grant=grant)
        await self._record(
            actor,
            "add_teacher",
            changed,
            person=person.full_name,
            subject=subject,
            classes=", ".join(str(c) for c in classes),
        )
        return Change(changed, person)

    async def remove_teacher(self, actor: Person, ref: PersonRef) -> Change:
        person = await self.find_person(ref)
        changed = False
        for grant in await self._repo.roles_of(person_id=person.id):
            if grant.role is Role.TEACHER:
                changed |= await self._repo.revoke(person_id=person.id, grant=grant)
        await self._record(actor, "remove_teacher", changed, person=person.full_name)
        return Change(changed, person)

    # --- the trail --------------------------------------------------------------------------
    async def latest_trail(self, count: int) -> tuple[list[TrailEntry], dict[int, str]]:
        entries = await self._trail.latest(count=count)
        names = await self.names({entry.actor_person_id for entry in entries})
        names.setdefault(0, texts.COMMAND_LINE_ACTOR)
        return entries, names

    async def record(self, actor: Person, action: str, **details: str | int | None) -> None:
        await self._trail.record(
            entry=TrailEntry(
                actor_person_id=actor.id, action=action, at=self._clock(), details=details
            )
        )

    async def _record(
        self, actor: Person, action: str, changed: bool, **details: str | int | None
    ) -> None:
        if changed:
            await self.record(actor, action, **details)

    async def _require_class(self, name: ClassName) -> None:
        if not await self._repo.class_exists(name=name):
            known = [str(c) for c in await self._repo.list_classes()]
            raise SchoolError("class_not_found", class_name=str(name), known=", ".join(known))
