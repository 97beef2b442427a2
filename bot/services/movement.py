"""The movement of people: a pupil to another class, a pupil or staff member who left."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.domain.people import Person
from bot.domain.person_ref import ById, PersonRefError, parse_person_ref
from bot.domain.trail import TrailEntry
from bot.services.invites import InviteService, issue_to
from bot.services.ports import Messenger, MessengerError, NotChatAdmin
from bot.storage.chat_repo import ChatRepo
from bot.storage.movement_repo import MovementRepo
from bot.storage.school_repo import SchoolRepo
from bot.storage.trail_repo import TrailRepo
from bot.texts import invites as invite_texts
from bot.texts import movement as texts
from bot.texts.chats import describe_chat

log = logging.getLogger(__name__)


class MoveError(Exception):
    """Something to tell the administrator instead (a Russian text)."""


def split_move(text: str | None) -> tuple[str, ClassName, ClassName]:
    """«Иванов Пётр 5А 6Б» → ("Иванов Пётр", 5А, 6Б)."""
    words = (text or "").split()
    if len(words) < 3:
        raise MoveError(texts.MOVE_HOWTO)
    old, new = ClassName.try_parse(words[-2]), ClassName.try_parse(words[-1])
    if old is None or new is None:
        raise MoveError(texts.MOVE_HOWTO)
    if old == new:
        raise MoveError(texts.SAME_CLASS)
    return " ".join(words[:-2]), old, new


class MovementService:
    def __init__(
        self,
        repo: MovementRepo,
        school_repo: SchoolRepo,
        chats: ChatRepo,
        invites: InviteService,
        trail: TrailRepo,
        messenger: Messenger,
        *,
        school_name: str,
        clock: Callable[[], datetime],
    ) -> None:
        self._repo = repo
        self._school_repo = school_repo
        self._chats = chats
        self._invites = invites
        self._trail = trail
        self._messenger = messenger
        self._school_name = school_name
        self._clock = clock

    async def _find(self, who: str, class_name: ClassName | None) -> Person:
        try:
            ref = parse_person_ref(who)
        except PersonRefError:
            ref = None
        if isinstance(ref, ById):
            person = await self._school_repo.person_by_vk(vk_id=ref.vk_id)
            found = [person] if person else []
        elif class_name is not None:
            found = await self._repo.pupils_named(name=who, class_name=class_name)
        else:
            found = await self._repo.people_named(name=who)
        if not found:
            raise MoveError(texts.NOT_FOUND)
        if len(found) > 1:
            raise MoveError(texts.ambiguous([p.full_name for p in found]))
        return found[0]

    async def _remove(self, chat: SchoolChat, person: Person, note: str) -> bool:
        if person.vk_id is None:
            return False
        try:
            present = person.vk_id in await self._messenger.chat_member_ids(chat.peer_id)
        except NotChatAdmin:
            present = person.vk_id in await self._chats.present_members(chat_id=chat.id)
        if not present:
            return False
        try:
            await self._messenger.remove_from_chat(chat.peer_id, person.vk_id)
        except MessengerError as error:
            log.warning("could not remove %s from %s: %s", person.id, chat.peer_id, error)
            return False
        await self._chats.member_left(chat_id=chat.id, vk_id=person.vk_id, at=self._clock())
        try:
            text = note.format(title=chat.title)
            await self._messenger.send(person.vk_id, text, dedup_key=f"moved:{chat.id}:{person.id}")
        except MessengerError:
            pass  # they never wrote to the community; the chat's service message says enough
        return True

    # --- a pupil to another class ---------------------------------------------------------
    async def move(self, actor: Person, text: str | None) -> str:
        who, old, new = split_move(text)
        for name in (old, new):
            if not await self._school_repo.class_exists(name=name):
                raise MoveError(texts.NO_SUCH_CLASS.format(name=name))
        pupil = await self._find(who, old)
        parents = await self._repo.parents_of(pupil_id=pupil.id)
        now = self._clock()
        await self._repo.move_pupil(person_id=pupil.id, old=old, new=new, at=now, by=actor.id)
        await self._record(actor, "move_pupil", {"person": pupil.id, "from": str(old),
                                                  "to": str(new)})  # fmt: skip
        removed = 0
        still_parents = {p.id for p, g in await self._school_repo.members_of_class(name=old)
                         if g.role.value == "parent"}  # fmt: skip
        for chat in await self._chats.of_class(class_name=old):
            people = [pupil] if chat.kind is not ChatKind.PARENTS else [
                p for p in parents if p.id not in still_parents]  # fmt: skip
            for person in people:
                removed += await self._remove(chat, person, texts.MOVED_NOTE)
        invited, no_chat, issued = [], [], []
        for kind, people, child in (
            (ChatKind.PUPILS, [pupil], None),
            (ChatKind.PARENTS, parents, pupil.full_name),
        ):
            chat = await self._chats.find(kind=kind, class_name=new)
            if chat is None:
                no_chat.append(describe_chat(kind, new, None))
                continue
            for person in people:
                issued.append((chat, await issue_to(self._invites, actor, chat, person, child)))
                invited.append(person.full_name)
        await self._hand_to_curator(actor, pupil, new, issued)
        return texts.moved(pupil.full_name, str(old), str(new), removed, invited, no_chat)

    async def _hand_to_curator(self, actor: Person, pupil: Person, new: ClassName, issued) -> None:
        if not issued:
            return
        curator = await self._school_repo.curator_of(name=new)
        to = curator if curator and curator.vk_id else actor
        key = f"move:{pupil.id}:{new}:{self._clock():%Y%m%d%H%M%S}"
        messages = [texts.invitations_for_curator(pupil.full_name, str(new))]
        for chat, one in issued:
            messages.append(invite_texts.render_invitation(
                school=self._school_name, person_name=one.person.full_name,
                chat_title=chat.title, link=one.link, code=one.code.display,
                expires_on=one.invitation.expires_at.date(), child_name=one.child_name,
            ))  # fmt: skip
        for number, text in enumerate(messages):
            try:
                await self._messenger.send(to.vk_id, text, dedup_key=f"{key}:{number}")
            except MessengerError as error:
                log.info("invitations for a moved pupil not delivered: %s", error)
                return

    # --- someone left the school --------------------------------------------------------------
    async def left(self, actor: Person, text: str | None) -> str:
        if not (text or "").strip():
            raise MoveError(texts.LEFT_HOWTO)
        person = await self._find(text.strip(), None)
        removed = 0
        for chat in await self._chats.all_live():
            removed += await self._remove(chat, person, texts.LEFT_NOTE)
        roles = await self._repo.person_left(person_id=person.id, at=self._clock(), by=actor.id)
        await self._record(actor, "person_left", {"person": person.id, "roles": len(roles)})
        return texts.left(person.full_name, removed, len(roles))

    async def _record(self, actor: Person, action: str, details: dict) -> None:
        await self._trail.record(
            entry=TrailEntry(
                actor_person_id=actor.id, action=action, at=self._clock(), details=details
            )
        )
