"""Use cases of the school's chats: create one, bind an existing one, check the bot's rights."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime

from bot.domain.chats import (
    BotRights,
    ChatKind,
    ChatKindChoice,
    Right,
    SchoolChat,
    TitleTemplates,
    missing_rights,
    parse_chat_kind,
)
from bot.domain.classes import ClassName
from bot.domain.people import Person, Role, Roles
from bot.services.ports import DailyLimit, Messenger, MessengerError, OutcomeUnknown
from bot.services.school import SchoolError, SchoolService
from bot.storage.chat_repo import ChatRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import chats as texts


class ChatError(Exception):
    """The chat cannot be made or bound as asked; `text` says why, in Russian."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True)
class ChatOutcome:
    chat: SchoolChat
    created: bool  # False: it existed (or was bound) already
    link: str | None = None
    missing: tuple[Right, ...] = ()
    pending: bool = False  # bound without admin rights: finished when they come
    finished: bool = False  # the rights came: the real title is taken, the welcome pinned


class PendingChats:
    """Peer ids of chats bound before the bot was their administrator (kept in memory for the
    per-message check; the database is the record: `chats.rights_pending_since`)."""

    def __init__(self) -> None:
        self.peers: set[int] = set()


class ChatService:
    def __init__(
        self,
        chats: ChatRepo,
        school_repo: SchoolRepo,
        school: SchoolService,
        messenger: Messenger,
        *,
        titles: TitleTemplates,
        school_name: str,
        pending: PendingChats | None = None,
        clock: Callable[[], datetime] | None = None,
        settle_seconds: float = 0.0,
    ) -> None:
        self._settle_seconds = settle_seconds  # how long VK may still be making a chat
        self.pending = pending or PendingChats()
        self._completing: dict[int, asyncio.Lock] = {}
        self._clock = clock or (lambda: datetime.now(UTC))
        self._chats = chats
        self._school_repo = school_repo
        self._school = school
        self._messenger = messenger
        self._titles = titles
        self._school_name = school_name

    async def resolve_kind(
        self, roles: Roles, class_name: ClassName | None, what: str
    ) -> ChatKindChoice:
        """Which chat the words name, and may this person make it."""
        subjects = await self._subjects_of(class_name) if class_name else set()
        choice = parse_chat_kind(what, subjects)
        if choice is None:
            raise ChatError(texts.UNKNOWN_CHAT_KIND)
        if choice.kind.needs_class and class_name is None:
            raise ChatError(texts.CLASS_NEEDED)
        if choice.kind is ChatKind.SUBJECT:
            if choice.subject is None:
                raise ChatError(texts.SUBJECT_NEEDED)
            if choice.subject not in subjects:
                raise ChatError(texts.unknown_subject(choice.subject, class_name))
        if not choice.kind.needs_class:
            class_name = None
        if not _may_manage(roles, choice, class_name):
            raise ChatError(texts.not_yours(choice.kind))
        if class_name is not None:
            try:
                await self._school.class_people(class_name)
            except SchoolError as error:
                raise ChatError(texts.no_such_class(str(error.details["class_name"]))) from None
        return choice

    async def create(
        self, actor: Person, roles: Roles, class_name: ClassName | None, what: str
    ) -> ChatOutcome:
        choice = await self.resolve_kind(roles, class_name, what)
        class_name = class_name if choice.kind.needs_class else None
        existing = await self._chats.find(
            kind=choice.kind, class_name=class_name, subject=choice.subject
        )
        if existing is not None:
            return ChatOutcome(existing, created=False, link=await self._link(existing.peer_id))
        title = self._titles.render(
            choice.kind, class_name, choice.subject, school=self._school_name
        )
        peer_id = await self._create(title)
        chat = await self._chats.add(
            chat=SchoolChat(peer_id, choice.kind, class_name, choice.subject, title),
            created_by_bot=True,
        )
        await self._welcome(chat)
        await self._school.record(
            actor, "create_chat", chat=title, kind=chat.kind.value, class_name=_str(class_name)
        )
        return ChatOutcome(chat, created=True, link=await self._link(peer_id))

    async def bind(
        self, actor: Person, roles: Roles, peer_id: int, class_name: ClassName | None, what: str
    ) -> ChatOutcome:
        # Read before anything is awaited: this very message may set the rights check going.
        was_pending = peer_id in self.pending.peers
        choice = await self.resolve_kind(roles, class_name, what)
        class_name = class_name if choice.kind.needs_class else None
        bound = await self._chats.by_peer(peer_id=peer_id)
        rights = await self._messenger.chat_rights(peer_id)
        missing = tuple(missing_rights(choice.kind, rights))
        if bound is not None and (bound.kind, bound.class_name, bound.subject) == (
            choice.kind,
            class_name,
            choice.subject,
        ):
            if was_pending:
                if rights.is_admin:
                    bound = await self.complete_binding(bound, rights)
                    return ChatOutcome(bound, created=False, missing=missing, finished=True)
                return ChatOutcome(bound, created=False, missing=missing, pending=True)
            return ChatOutcome(bound, created=False, missing=missing)
        taken = await self._chats.find(
            kind=choice.kind, class_name=class_name, subject=choice.subject
        )
        if taken is not None and taken.peer_id != peer_id:
            raise ChatError(texts.render_kind_taken(taken.title))
        title = await self._title_of(peer_id) or self._titles.render(
            choice.kind, class_name, choice.subject, school=self._school_name
        )
        chat = await self._chats.add(
            chat=SchoolChat(peer_id, choice.kind, class_name, choice.subject, title),
            created_by_bot=False,
        )
        pending = not rights.is_admin
        if pending:
            # VK shows a community nothing of a chat before it is the chat's administrator: the
            # real title and the pinned welcome wait for the rights (rights_watch.py).
            await self._chats.set_rights_pending(chat_id=chat.id, since=self._clock())
            self.pending.peers.add(peer_id)
        else:
            self.pending.peers.discard(peer_id)
            if rights.can_pin:
                await self._welcome(chat)
        await self._school.record(
            actor, "bind_chat", chat=title, kind=chat.kind.value, class_name=_str(class_name)
        )
        return ChatOutcome(chat, created=True, missing=missing, pending=pending)

    async def complete_binding(self, chat: SchoolChat, rights: BotRights) -> SchoolChat:
        """The bot has become the chat's administrator: take the chat's real title and pin the
        welcome that waited for the rights. Done once, whichever way the rights were noticed."""
        lock = self._completing.setdefault(chat.peer_id, asyncio.Lock())
        async with lock:
            if chat.peer_id not in self.pending.peers:
                return await self._chats.by_peer(peer_id=chat.peer_id) or chat
            return await self._complete(chat, rights)

    async def _complete(self, chat: SchoolChat, rights: BotRights) -> SchoolChat:
        title = await self._title_of(chat.peer_id)
        if title and title != chat.title:
            await self._chats.set_title(chat_id=chat.id, title=title)
            chat = replace(chat, title=title)
        if rights.can_pin or rights.is_admin:
            await self._welcome(chat)
        await self._chats.set_rights_pending(chat_id=chat.id, since=None)
        self.pending.peers.discard(chat.peer_id)
        return chat

    async def _create(self, title: str) -> int:
        """The new chat's peer id; a lost answer is looked for, never blindly repeated. A chat
        of the community with this title that the school does not run yet (made by a call whose
        answer was lost before) is taken instead of making another."""
        try:
            orphan = await self._messenger.find_own_chat(
                title, known=await self._chats.known_peers()
            )
        except MessengerError:
            orphan = None
        if orphan is not None:
            return orphan
        try:
            return await self._messenger.create_chat(title)
        except DailyLimit:
            raise ChatError(texts.CREATE_LIMIT) from None
        except OutcomeUnknown:
            await asyncio.sleep(self._settle_seconds)
            known = await self._chats.known_peers()
            found = await self._messenger.find_own_chat(title, known=known)
            if found is None:
                raise ChatError(texts.CREATE_UNSURE) from None
            return found

    async def welcome(self, chat: SchoolChat) -> None:
        """The pinned welcome with the rules (a repeat reaches the chat once)."""
        await self._welcome(chat)

    async def rights(self, chat: SchoolChat) -> BotRights:
        return await self._messenger.chat_rights(chat.peer_id)

    async def find(self, roles: Roles, class_name: ClassName | None, what: str) -> SchoolChat:
        """An existing chat named by a command («5А родители»), for invitations and links."""
        choice = await self.resolve_kind(roles, class_name, what)
        class_name = class_name if choice.kind.needs_class else None
        chat = await self._chats.find(
            kind=choice.kind, class_name=class_name, subject=choice.subject
        )
        if chat is None:
            raise ChatError(texts.no_chat_yet(choice.kind, class_name, choice.subject))
        return chat

    async def of_kind(self, kind: ChatKind, class_name: ClassName | None) -> SchoolChat:
        chat = await self._chats.find(kind=kind, class_name=class_name)
        if chat is None:
            raise ChatError(texts.no_chat_yet(kind, class_name, None))
        return chat

    async def join_link(self, chat: SchoolChat | None) -> str | None:
        return None if chat is None else await self._link(chat.peer_id)

    async def reset_link(self, chat: SchoolChat) -> str:
        return await self._messenger.invite_link(chat.peer_id, reset=True)

    async def _welcome(self, chat: SchoolChat) -> None:
        text = texts.render_welcome(
            chat.kind, school=self._school_name, class_name=chat.class_name, subject=chat.subject
        )
        cmid = await self._messenger.send(chat.peer_id, text, dedup_key=f"welcome:{chat.peer_id}")
        try:
            await self._messenger.pin(chat.peer_id, cmid)
        except MessengerError:
            return  # the bot may lack the right to pin; the rights report says so
        await self._chats.set_welcome(chat_id=chat.id, cmid=cmid)

    async def _link(self, peer_id: int) -> str | None:
        try:
            return await self._messenger.invite_link(peer_id)
        except MessengerError:
            return None

    async def _title_of(self, peer_id: int) -> str | None:
        return await self._messenger.chat_title(peer_id)

    async def _subjects_of(self, class_name: ClassName) -> set[str]:
        members = await self._school_repo.members_of_class(name=class_name)
        return {g.subject for _, g in members if g.role is Role.TEACHER and g.subject}


def _may_manage(roles: Roles, choice: ChatKindChoice, class_name: ClassName | None) -> bool:
    """Admins manage every chat; a curator their class's chats; a teacher their subject chats."""
    if roles.is_admin:
        return True
    if class_name is None:
        return False
    if class_name in roles.curated_classes:
        return True
    return choice.kind is ChatKind.SUBJECT and roles.teaches(choice.subject, class_name)


def _str(value: object) -> str | None:
    return None if value is None else str(value)
