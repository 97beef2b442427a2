"""Use cases of the school's chats: create one, bind an existing one, check the bot's rights."""

from __future__ import annotations

from dataclasses import dataclass

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
from bot.services.ports import Messenger, MessengerError
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
    ) -> None:
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
        peer_id = await self._messenger.create_chat(title)
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
        if rights.can_pin:
            await self._welcome(chat)
        await self._school.record(
            actor, "bind_chat", chat=title, kind=chat.kind.value, class_name=_str(class_name)
        )
        return ChatOutcome(chat, created=True, missing=missing)

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
