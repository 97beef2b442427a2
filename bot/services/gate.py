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
from bot.services.join_digest import JoinDigest
from bot.services.ports import Messenger, MessengerError
from bot.storage.chat_repo import ChatRepo
from bot.storage.invite_repo import InviteRepo
from bot.storage.school_repo import SchoolRepo

_STAFF_ROLES = (Role.ADMIN, Role.DIRECTOR, Role.DEPUTY)


@dataclass(frozen=True)
class GateOutcome:
    chat: SchoolChat
    decision: JoinDecision


class GateService:
    def __init__(
        self,
        chats: ChatRepo,
        invites: InviteRepo,
        school_repo: SchoolRepo,
        messenger: Messenger,
        digest: JoinDigest,
        *,
        policy: GatePolicy,
        clock: Callable[[], datetime],
    ) -> None:
        self._digest = digest
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
            return GateOutcome(chat, decision)
        if decision.person is None:
            decision = replace(decision, person=await self._stranger(vk_id))
        # Who came in together is told about together: one note, one alert (join_digest.py).
        if decision.verdict is JoinVerdict.REMOVE:
            await self._digest.removed(chat, vk_id, decision)
        else:
            await self._digest.reported(chat, vk_id, decision)
        return GateOutcome(chat, decision)

    async def settle(self, peer_id: int) -> None:
        """Act on and tell about everyone `on_join` turned away in this chat, now."""
        await self._digest.flush_now(peer_id)

    async def on_leave(self, peer_id: int, vk_id: int) -> None:
        chat = await self._chats.by_peer(peer_id=peer_id)
        if chat is not None:
            await self._chats.member_left(chat_id=chat.id, vk_id=vk_id, at=self._clock())

    async def allow(self, actor: Person, chat: SchoolChat, person: Person) -> None:
        if person.vk_id is None:
            return
        await self._chats.allow(chat_id=chat.id, vk_id=person.vk_id, by=actor.id, at=self._clock())

    async def _stranger(self, vk_id: int) -> Person:
        """Someone the school does not know, named as VK names them, for the report."""
        try:
            names = await self._messenger.user_names([vk_id])
        except MessengerError:
            names = {}
        return Person(id=0, vk_id=vk_id, full_name=names.get(vk_id, f"id{vk_id}"))

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
