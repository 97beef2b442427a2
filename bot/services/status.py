"""`статус 5А`: who of the roster is in each of the class's chats, and what is still open."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.domain.chats import ChatKind, missing_rights
from bot.domain.classes import ClassName
from bot.domain.invites import InviteState
from bot.domain.people import Person, Role
from bot.services.ports import Messenger, MessengerError
from bot.storage.chat_repo import ChatRepo
from bot.storage.invite_repo import InviteRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts.chats import ChatStatus, ClassStatus

_EXPECTED = {
    ChatKind.PUPILS: Role.PUPIL,
    ChatKind.SUBJECT: Role.PUPIL,
    ChatKind.PARENTS: Role.PARENT,
}


class StatusService:
    def __init__(
        self,
        chats: ChatRepo,
        invites: InviteRepo,
        school_repo: SchoolRepo,
        messenger: Messenger,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._chats = chats
        self._invites = invites
        self._school_repo = school_repo
        self._messenger = messenger
        self._clock = clock

    async def of_class(self, class_name: ClassName) -> ClassStatus:
        members = await self._school_repo.members_of_class(name=class_name)
        chats = await self._chats.of_class(class_name=class_name)
        now = self._clock()
        statuses = []
        for chat in chats:
            rights = await self._messenger.chat_rights(chat.peer_id)
            in_chat = await self._present(chat.peer_id, chat.id, rights.is_admin)
            expected = _people(members, _EXPECTED[chat.kind])
            invitations = await self._invites.of_chat(chat_id=chat.id)
            open_ids = {i.person_id for i in invitations if i.state(now) is InviteState.ISSUED}
            joined = [p.full_name for p in expected if p.vk_id in in_chat]
            statuses.append(
                ChatStatus(
                    title=chat.title,
                    kind=chat.kind,
                    missing_rights=tuple(missing_rights(chat.kind, rights)),
                    joined=joined,
                    not_joined=[p.full_name for p in expected if p.vk_id not in in_chat],
                    open_invitations=[p.full_name for p in expected if p.id in open_ids],
                    subject=chat.subject,
                )
            )
        present_kinds = {chat.kind for chat in chats}
        absent = [k for k in (ChatKind.PUPILS, ChatKind.PARENTS) if k not in present_kinds]
        return ClassStatus(class_name, statuses, absent)

    async def _present(self, peer_id: int, chat_id: int, is_admin: bool) -> set[int]:
        if is_admin:
            try:
                return set(await self._messenger.chat_member_ids(peer_id))
            except MessengerError:
                pass
        return set(await self._chats.present_members(chat_id=chat_id))


def _people(members: list, role: Role) -> list[Person]:
    seen: dict[int, Person] = {}
    for person, grant in members:
        if grant.role is role:
            seen.setdefault(person.id, person)
    return sorted(seen.values(), key=lambda p: p.full_name)
