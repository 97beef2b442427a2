"""The gate: who came into a class chat, may they stay, and who is told."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from bot.domain.chats import (
    GatePolicy,
    JoinDecision,
    JoinVerdict,
    KnownPerson,
    SchoolChat,
    decide_joiner,
)
from bot.domain.people import Person, Role, RoleGrant, Roles
from bot.services.ports import Messenger, MessengerError
from bot.storage.chat_repo import ChatRepo
from bot.storage.invite_repo import InviteRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import chats as texts

_STAFF_ROLES = (Role.ADMIN, Role.DIRECTOR, Role.DEPUTY)


@dataclass(frozen=True)
class GateOutcome:
    chat: SchoolChat
    decision: JoinDecision
    told: list[int]  # VK ids of the people who were told (the curator, or the administrators)


class GateService:
    def __init__(
        self,
        chats: ChatRepo,
        invites: InviteRepo,
        school_repo: SchoolRepo,
        messenger: Messenger,
        *,
        policy: GatePolicy,
        clock: Callable[[], datetime],
    ) -> None:
        self._chats = chats
        self._invites = invites
        self._school_repo = school_repo
        self._messenger = messenger
        self._policy = policy
        self._clock = clock

    async def on_join(self, peer_id: int, vk_id: int) -> GateOutcome | None:
        chat = await self._chats.by_peer(peer_id=peer_id)
        if chat is None or vk_id <= 0:
            return None
        now = self._clock()
        if await self._chats.is_allowed(chat_id=chat.id, vk_id=vk_id):
            await self._chats.member_joined(
                chat_id=chat.id, vk_id=vk_id, person_id=None, reason="allowed", at=now
            )
            return None
        decision = decide_joiner(
            chat,
            vk_id,
            invitations=await self._invites.claimed_by(vk_id=vk_id),
            people=await self._known_people(chat, vk_id),
            policy=self._policy if chat.kind.is_gated else GatePolicy.KEEP_AND_REPORT,
            now=now,
        )
        if decision.verdict is JoinVerdict.ADMIT:
            person_id = decision.person.id if decision.person else decision.person_id
            await self._chats.member_joined(
                chat_id=chat.id, vk_id=vk_id, person_id=person_id,
                reason=decision.reason.value, at=now,
            )  # fmt: skip
            return GateOutcome(chat, decision, [])
        curator = await self._curator(chat)
        if decision.person is None:
            decision = replace(decision, person=await self._stranger(vk_id))
        if decision.verdict is JoinVerdict.REMOVE:
            await self._remove(chat, vk_id, decision, curator)
        report = texts.render_gate_report(decision, vk_id=vk_id, chat_title=chat.title)
        told = await self._tell_staff(chat, curator, report, key=f"gate:{chat.peer_id}:{vk_id}")
        return GateOutcome(chat, decision, told)

    async def on_leave(self, peer_id: int, vk_id: int) -> None:
        chat = await self._chats.by_peer(peer_id=peer_id)
        if chat is not None:
            await self._chats.member_left(chat_id=chat.id, vk_id=vk_id, at=self._clock())

    async def allow(self, actor: Person, chat: SchoolChat, person: Person) -> None:
        if person.vk_id is None:
            return
        await self._chats.allow(chat_id=chat.id, vk_id=person.vk_id, by=actor.id, at=self._clock())

    async def _remove(
        self, chat: SchoolChat, vk_id: int, decision: JoinDecision, curator: Person | None
    ) -> None:
        note = texts.render_removed_note(
            decision,
            chat_title=chat.title,
            curator_name=curator.full_name if curator else None,
            curator_vk_id=curator.vk_id if curator else None,
        )
        key = f"gate-note:{chat.peer_id}:{vk_id}:{self._clock():%Y%m%d%H}"
        try:
            await self._messenger.send(vk_id, note, dedup_key=key)
        except MessengerError:
            # They never wrote to the community: say it in the chat before they go.
            await self._messenger.send(chat.peer_id, note, dedup_key=key)
        await self._messenger.remove_from_chat(chat.peer_id, vk_id)

    async def _tell_staff(
        self, chat: SchoolChat, curator: Person | None, text: str, *, key: str
    ) -> list[int]:
        recipients = [curator] if curator and curator.vk_id else await self._admins()
        told = []
        for person in recipients:
            try:
                await self._messenger.send(person.vk_id, text, dedup_key=f"{key}:{person.vk_id}")
            except MessengerError:
                continue
            told.append(person.vk_id)
        return told

    async def _stranger(self, vk_id: int) -> Person:
        """Someone the school does not know, named as VK names them, for the report."""
        try:
            names = await self._messenger.user_names([vk_id])
        except MessengerError:
            names = {}
        return Person(id=0, vk_id=vk_id, full_name=names.get(vk_id, f"id{vk_id}"))

    async def _admins(self) -> list[Person]:
        return [p for p in await self._school_repo.people_with_role(role=Role.ADMIN) if p.vk_id]

    async def _curator(self, chat: SchoolChat) -> Person | None:
        if chat.class_name is None:
            return None
        return await self._school_repo.curator_of(name=chat.class_name)

    async def _known_people(self, chat: SchoolChat, vk_id: int) -> list[KnownPerson]:
        grants: dict[int, tuple[Person, list[RoleGrant]]] = {}
        # The joiner as the school knows them, whatever chat this is: the general channel is open
        # to anyone on the roster, and a pupil in the parents' chat must be told apart from a
        # stranger.
        joiner = await self._school_repo.person_by_vk(vk_id=vk_id)
        if joiner is not None:
            roles = await self._school_repo.roles_of(person_id=joiner.id)
            grants[joiner.id] = (joiner, list(roles))
        if chat.class_name is not None:
            for person, grant in await self._school_repo.members_of_class(name=chat.class_name):
                grants.setdefault(person.id, (person, []))[1].append(grant)
        for role in _STAFF_ROLES:
            for person in await self._school_repo.people_with_role(role=role):
                grants.setdefault(person.id, (person, []))[1].append(RoleGrant(role))
        if chat.class_name is None:
            for role in (Role.CURATOR, Role.TEACHER):
                for person in await self._school_repo.people_with_role(role=role):
                    if person.id not in grants:
                        roles = await self._school_repo.roles_of(person_id=person.id)
                        grants[person.id] = (person, list(roles))
        return [KnownPerson(person, Roles.of(gs)) for person, gs in grants.values()]
