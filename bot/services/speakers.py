"""Who is speaking: the person the roster knows by this VK id, and the roles they hold."""

from __future__ import annotations

from bot.domain.people import Person, Role, RoleGrant, Roles
from bot.storage.school_repo import SchoolRepo


class SpeakerService:
    def __init__(self, school: SchoolRepo) -> None:
        self._school = school

    async def identify(self, vk_id: int) -> tuple[Person | None, Roles]:
        return await self._school.speaker(vk_id=vk_id)

    async def bootstrap_admins(self, names: dict[int, str]) -> None:
        """The administrators named in the config are administrators, whatever else changed."""
        for vk_id, name in names.items():
            person = await self._school.ensure_person(vk_id=vk_id, full_name=name)
            await self._school.grant(person_id=person.id, grant=RoleGrant(Role.ADMIN))
