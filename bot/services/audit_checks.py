"""What each audit checks and fixes. Decisions come from bot.domain (chats, audits)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import datetime

from bot.domain.audits import AuditKind, AuditResult, missing_people, who_left
from bot.domain.chats import ChatKind, JoinVerdict, SchoolChat, missing_rights
from bot.domain.people import Role
from bot.services.gate import GateService
from bot.services.ports import Messenger, NotChatAdmin
from bot.storage.audit_repo import AuditRepo
from bot.storage.chat_repo import ChatRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import audits as texts


class AuditChecks:
    def __init__(
        self,
        audits: AuditRepo,
        chats: ChatRepo,
        school_repo: SchoolRepo,
        gate: GateService,
        messenger: Messenger,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._audits = audits
        self._chats = chats
        self._school_repo = school_repo
        self._gate = gate
        self._messenger = messenger
        self._clock = clock

    async def run(self, kind: AuditKind) -> AuditResult:
        check = {
            AuditKind.INVITES: self.invites,
            AuditKind.MEMBERS: self.members,
            AuditKind.RIGHTS: self.rights,
            AuditKind.WARNINGS: self.warnings,
        }[kind]
        return await check()

    # --- invitations --------------------------------------------------------------------------
    async def invites(self) -> AuditResult:
        result = AuditResult(AuditKind.INVITES)
        now = self._clock()
        annulled = await self._audits.annul_expired(now=now)
        by_chat: dict[int, list[str]] = defaultdict(list)
        for invitation in annulled:
            person = await self._school_repo.person(person_id=invitation.person_id)
            by_chat[invitation.chat_id].append(person.full_name if person else "?")
        for chat_id, names in by_chat.items():
            chat = await self._chats.by_id(chat_id=chat_id)
            if chat is not None:
                result.add(texts.annulled_line(chat.title, names), chat.class_name)
        fresh = 0
        for chat_id in await self._audits.chats_with_links_out():
            chat = await self._chats.by_id(chat_id=chat_id)
            if chat is None:
                continue
            try:
                await self._messenger.invite_link(chat.peer_id, reset=True)
            except NotChatAdmin:
                result.add(texts.link_failed_line(chat.title), chat.class_name)
                continue
            await self._audits.link_reset(chat_id=chat_id, at=now)
            result.add(texts.fresh_link_line(chat.title), chat.class_name)
            fresh += 1
        result.summary = texts.invites_summary(len(annulled), fresh)
        return result

    # --- members ------------------------------------------------------------------------------
    async def members(self) -> AuditResult:
        result = AuditResult(AuditKind.MEMBERS)
        strangers = left_count = 0
        chats = await self._chats.all_live()
        for chat in chats:
            try:
                present = set(await self._messenger.chat_member_ids(chat.peer_id))
            except NotChatAdmin:
                result.add(texts.unreadable_line(chat.title), chat.class_name)
                continue
            recorded = await self._chats.present_members(chat_id=chat.id)
            for vk_id in sorted(present - set(recorded)):
                outcome = await self._gate.on_join(chat.peer_id, vk_id)
                if outcome is None or outcome.decision.verdict is JoinVerdict.ADMIT:
                    continue
                strangers += 1
                name = (
                    outcome.decision.person.full_name if outcome.decision.person else f"id{vk_id}"
                )
                removed = outcome.decision.verdict is JoinVerdict.REMOVE
                result.add(texts.stranger_line(chat.title, name, removed), chat.class_name)
            if present - set(recorded):
                await self._gate.settle(chat.peer_id)  # one note and one alert for the chat
            gone = who_left(set(recorded), present)
            if gone:
                left_count += len(gone)
                now = self._clock()
                for vk_id in gone:
                    await self._chats.member_left(chat_id=chat.id, vk_id=vk_id, at=now)
                result.add(texts.left_line(chat.title, await self._names(gone)), chat.class_name)
            missing = missing_people(await self._expected(chat), present)
            if missing:
                result.add(texts.missing_line(chat.title, missing), chat.class_name)
        result.summary = texts.members_summary(len(chats), strangers, left_count)
        return result

    async def _expected(self, chat: SchoolChat) -> dict[int, tuple[str, int | None]]:
        """The roster people who belong in a class's pupils' or parents' chat."""
        if chat.class_name is None or chat.kind not in (ChatKind.PUPILS, ChatKind.PARENTS):
            return {}
        members = await self._school_repo.members_of_class(name=chat.class_name)
        role = Role.PUPIL if chat.kind is ChatKind.PUPILS else Role.PARENT
        return {p.id: (p.full_name, p.vk_id) for p, g in members if g.role is role}

    async def _names(self, vk_ids: list[int]) -> list[str]:
        names = []
        for vk_id in vk_ids:
            person = await self._school_repo.person_by_vk(vk_id=vk_id)
            names.append(person.full_name if person else f"id{vk_id}")
        return names

    # --- rights, curators, chats --------------------------------------------------------------
    async def rights(self) -> AuditResult:
        result = AuditResult(AuditKind.RIGHTS)
        chats = await self._chats.all_live()
        problems = 0
        for chat in chats:
            missing = missing_rights(chat.kind, await self._messenger.chat_rights(chat.peer_id))
            if missing:
                problems += 1
                result.add(texts.rights_line(chat.title, missing), chat.class_name)
        for class_name in await self._school_repo.list_classes():
            if await self._school_repo.curator_of(name=class_name) is None:
                problems += 1
                result.add(texts.no_curator_line(str(class_name)))
            for kind, what in (
                (ChatKind.PUPILS, texts.CHAT_WHAT_PUPILS),
                (ChatKind.PARENTS, texts.CHAT_WHAT_PARENTS),
            ):
                if await self._chats.find(kind=kind, class_name=class_name) is None:
                    problems += 1
                    result.add(texts.no_chat_line(str(class_name), what), class_name)
        result.summary = texts.rights_summary(len(chats), problems)
        return result

    # --- warnings -----------------------------------------------------------------------------
    async def warnings(self) -> AuditResult:
        result = AuditResult(AuditKind.WARNINGS)
        cleared = await self._audits.clear_expired_warnings(now=self._clock())
        result.summary = texts.warnings_summary(len(cleared), sum(cleared.values()))
        return result
