"""Telling the school's administrators something, each in their own dialog, once."""

from __future__ import annotations

from bot.domain.people import Role
from bot.services.ports import Messenger, MessengerError
from bot.storage.school_repo import SchoolRepo


class Notifier:
    def __init__(self, messenger: Messenger, school_repo: SchoolRepo) -> None:
        self._messenger = messenger
        self._school_repo = school_repo

    async def to_admins(self, text: str, *, key: str) -> list[int]:
        """Returns the VK ids reached; one who never wrote to the community is skipped."""
        reached = []
        for person in await self._school_repo.people_with_role(role=Role.ADMIN):
            if person.vk_id is None:
                continue
            try:
                await self._messenger.send(person.vk_id, text, dedup_key=f"{key}:{person.vk_id}")
            except MessengerError:
                continue
            reached.append(person.vk_id)
        return reached
