"""Personal invitations: issuing them, claiming one in the community's dialog, revoking them."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.class_links import ClassLink
from bot.domain.classes import ClassName
from bot.domain.invites import (
    AttemptKind,
    ClaimResult,
    Invitation,
    InviteCode,
    InviteState,
    Ownership,
    check_claim,
    code_alone,
    code_hash,
    expires_at,
    ownership,
    vk_me_link,
)
from bot.domain.people import Person, Role, RoleGrant, Roles, normalize_name
from bot.domain.person_ref import ById, PersonRefError, parse_person_ref
from bot.domain.throttle import AttemptLimiter
from bot.services.chats import ChatError, ChatService
from bot.services.ports import Messenger, MessengerError
from bot.storage.chat_repo import ChatRepo
from bot.storage.class_link_repo import ClassLinkRepo
from bot.storage.invite_repo import InviteRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import invites as texts

# A leaked code may reach many people: the curator hears about the first few, not a crowd.
MAX_FOREIGN_NOTICES = 3

_ALL = {"все", "всех", "всем"}
_PARENTS = {"родители", "родителей", "родителям"}
_PUPILS = {"ученики", "учеников", "ученикам", "учащиеся", "учащихся"}


@dataclass(frozen=True)
class Issued:
    """One new invitation, with the code that exists only in this answer."""

    person: Person
    child_name: str | None
    code: InviteCode
    link: str
    invitation: Invitation


@dataclass
class IssueBatch:
    chat: SchoolChat
    issued: list[Issued] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Claim:
    """What answering a code led to: a chat to join, or a refusal to explain."""

    result: ClaimResult | None  # None: no such personal invitation
    chat: SchoolChat | None = None
    link: str | None = None
    curator: Person | None = None
    locked_for: float = 0.0  # seconds, when too many wrong codes were tried
    report: str | None = None  # to administrators, when someone is guessing codes
    invitation: Invitation | None = None
    person: Person | None = None  # whom the invitation is for
    child_name: str | None = None  # for a parent's invitation: the children, as on the roster
    owner_vk_id: int | None = None  # the VK page the roster gives the person
    attempt_id: int | None = None  # a new attempt for the curator to decide (FOREIGN, BOUND)
    attempt_kind: AttemptKind | None = None
    told: bool = False  # the curator has been (or is now to be) told of this account's attempt
    bound: bool = False  # the claimer's page was given to the person just now
    class_link: ClassLink | None = None  # the code is a class join link, not a personal one


class InviteService:
    def __init__(
        self,
        invites: InviteRepo,
        chats: ChatRepo,
        school_repo: SchoolRepo,
        chat_service: ChatService,
        *,
        screen_name: str,
        valid_days: int,
        clock: Callable[[], datetime],
        limiter: AttemptLimiter | None = None,
        monotonic: Callable[[], float] = time.monotonic,
        class_links: ClassLinkRepo | None = None,
        messenger: Messenger | None = None,
    ) -> None:
        self._invites = invites
        self._chats = chats
        self._school_repo = school_repo
        self._chat_service = chat_service
        self._screen_name = screen_name
        self._valid_days = valid_days
        self._clock = clock
        self._limiter = limiter or AttemptLimiter()
        self._monotonic = monotonic
        self._class_links = class_links
        self._messenger = messenger

    # --- issuing ----------------------------------------------------------------------------
    async def issue(
        self, actor: Person, roles: Roles, class_name: ClassName, whom: str | None, *,
        also_open: bool = False,
    ) -> list[IssueBatch]:  # fmt: skip
        """New invitations for those not in the chat yet. Someone with an open invitation is
        skipped, or with `also_open` (a printed sheet) gets one more: an invitation already
        handed out is never cancelled by issuing, and every one of them is its person's."""
        members = await self._school_repo.members_of_class(name=class_name)
        pupils = {p.id: p for p, g in members if g.role is Role.PUPIL}
        parents = [(p, g) for p, g in members if g.role is Role.PARENT]
        targets = self._targets(whom, pupils, parents)
        batches = []
        for kind, people in targets.items():
            chat = await self._chat_service.of_kind(kind, class_name)
            batch = IssueBatch(chat)
            present = await self._chats.present_members(chat_id=chat.id)
            existing = await self._invites.of_chat(chat_id=chat.id)
            now = self._clock()
            for person, child in people:
                if person.vk_id is not None and person.vk_id in present:
                    batch.skipped.append(person.full_name)
                    continue
                open_ones = [
                    inv for inv in existing
                    if inv.person_id == person.id and inv.state(now) is InviteState.ISSUED
                ]  # fmt: skip
                if open_ones and not also_open:
                    batch.skipped.append(person.full_name)
                    continue
                batch.issued.append(await self._issue_one(actor, chat, person, child, kind, now))
            batches.append(batch)
        return batches

    def _targets(
        self, whom: str | None, pupils: dict[int, Person], parents: list[tuple[Person, RoleGrant]]
    ) -> dict[ChatKind, list[tuple[Person, str | None]]]:
        word = normalize_name(whom or "все")
        parent_rows = self._parent_rows(pupils, parents)
        pupil_rows = [(p, None) for p in sorted(pupils.values(), key=lambda p: p.full_name)]
        if word in _ALL:
            return {ChatKind.PUPILS: pupil_rows, ChatKind.PARENTS: parent_rows}
        if word in _PARENTS:
            return {ChatKind.PARENTS: parent_rows}
        if word in _PUPILS:
            return {ChatKind.PUPILS: pupil_rows}
        found_pupils = [row for row in pupil_rows if _name_matches(word, row[0])]
        found_parents = [row for row in parent_rows if _name_matches(word, row[0])]
        if len(found_pupils) + len(found_parents) != 1:
            raise ChatError(
                texts.person_not_in_class(whom or "", len(found_pupils + found_parents))
            )
        if found_pupils:
            return {ChatKind.PUPILS: found_pupils}
        return {ChatKind.PARENTS: found_parents}

    @staticmethod
    def _parent_rows(
        pupils: dict[int, Person], parents: list[tuple[Person, RoleGrant]]
    ) -> list[tuple[Person, str | None]]:
        children: dict[int, tuple[Person, list[str]]] = {}
        for person, grant in parents:
            entry = children.setdefault(person.id, (person, []))
            if grant.pupil_id in pupils:
                entry[1].append(pupils[grant.pupil_id].full_name)
        rows = [(person, ", ".join(sorted(kids)) or None) for person, kids in children.values()]
        return sorted(rows, key=lambda row: row[0].full_name)

    async def _issue_one(
        self, actor: Person, chat: SchoolChat, person: Person, child: str | None,
        kind: ChatKind, now: datetime,
    ) -> Issued:  # fmt: skip
        code = InviteCode.generate()
        invitation = await self._invites.add(
            invitation=Invitation(
                code_hash=code_hash(code),
                chat_id=chat.id,
                role=Role.PARENT if kind is ChatKind.PARENTS else Role.PUPIL,
                person_id=person.id,
                issued_by=actor.id,
                issued_at=now,
                expires_at=expires_at(now, self._valid_days),
            )
        )
        link = vk_me_link(self._screen_name, code)
        return Issued(person, child, code, link, invitation)

    # --- claiming ---------------------------------------------------------------------------
    @staticmethod
    def code_in(text: str, ref: str | None) -> InviteCode | None:
        """The code a message answers with: the `ref` of a link it came by, or the whole
        message when it is a code and nothing else (ordinary text never is)."""
        if ref:
            return InviteCode.parse(ref)
        return code_alone(text)

    async def claim(self, vk_id: int, code: InviteCode) -> Claim:
        key = str(vk_id)
        now_s = self._monotonic()
        if not self._limiter.allow(key, now_s):
            return Claim(None, locked_for=self._limiter.retry_after(key, now_s))
        hashed = code_hash(code)
        invitation = await self._invites.by_hash(code_hash=hashed)
        if invitation is None:
            link = await self._class_links.by_hash(code_hash=hashed) if self._class_links else None
            if link is not None:
                # A class link is public: it answers, but never clears someone's wrong codes,
                # or it could be typed between guesses to keep the lock-out away.
                return Claim(None, class_link=link)
            outcome = self._limiter.fail(key, now_s)
            report = (
                texts.render_attempts_report(vk_id, outcome.failures, outcome.retry_after)
                if outcome.report
                else None
            )
            return Claim(None, locked_for=outcome.retry_after if outcome.locked else 0.0,
                         report=report)  # fmt: skip
        chat = await self._chats.by_id(chat_id=invitation.chat_id)
        now = self._clock()
        curator = await self._curator(chat)
        person = await self._school_repo.person(person_id=invitation.person_id)
        about = dict(chat=chat, curator=curator, invitation=invitation, person=person)
        result = check_claim(invitation, now, vk_id)
        if result in (ClaimResult.EXPIRED, ClaimResult.REVOKED) or person is None:
            return Claim(result if person else ClaimResult.REVOKED, **about)
        about["child_name"] = await self._children_of(invitation, person)
        try:
            owner_vk = await self._owner_page(person)
        except MessengerError:
            return Claim(ClaimResult.UNCHECKED, **about)
        about["owner_vk_id"] = owner_vk
        owned = ownership(owner_vk, vk_id)
        if result is ClaimResult.SPENT or owned is Ownership.FOREIGN:
            attempt, told = await self._note_attempt(invitation, vk_id, AttemptKind.FOREIGN, now)
            refusal = ClaimResult.SPENT if result is ClaimResult.SPENT else ClaimResult.FOREIGN
            return Claim(refusal, attempt_id=attempt, attempt_kind=AttemptKind.FOREIGN,
                         told=told, **about)  # fmt: skip
        claimed, bound = await self._invites.claim_and_bind(
            invitation=invitation, vk_id=vk_id, at=now
        )
        if not claimed:
            return Claim(ClaimResult.SPENT, **about)
        # Only a code spent by its person forgets the wrong ones before it: a forwarded or
        # expired code in hand must not reset the count between guesses.
        self._limiter.succeed(key)
        attempt, told = None, False
        if owned is Ownership.FIRST:
            attempt, told = await self._note_attempt(invitation, vk_id, AttemptKind.BOUND, now)
        link = await self._chat_service.join_link(chat)
        return Claim(ClaimResult.OK, link=link, attempt_id=attempt,
                     attempt_kind=AttemptKind.BOUND if attempt else None, told=told,
                     bound=bound, **about)  # fmt: skip

    async def _owner_page(self, person: Person) -> int | None:
        """The VK id the roster gives the person. A short name the roster could not resolve
        yet is asked of VK now (and remembered); MessengerError when VK cannot answer."""
        if person.vk_id is not None:
            return person.vk_id
        page = await self._invites.unresolved_page(person_id=person.id)
        if page is None or self._messenger is None:
            return None
        try:
            ref = parse_person_ref(page)
        except PersonRefError:
            return None
        if isinstance(ref, ById):
            found: int | None = ref.vk_id
        else:
            found = await self._messenger.resolve_screen_name(ref.screen_name)
        if found is not None:
            await self._invites.resolved_page(person_id=person.id, vk_id=found)
        return found

    async def _note_attempt(
        self, invitation: Invitation, vk_id: int, kind: AttemptKind, now: datetime
    ) -> tuple[int | None, bool]:
        """(a new attempt to tell the curator of, whether the curator knows of this one)."""
        if invitation.id is None:
            return None, False
        if kind is AttemptKind.FOREIGN:
            told = await self._invites.attempts_of(invitation_id=invitation.id, kind=kind)
            if told >= MAX_FOREIGN_NOTICES:
                known = await self._invites.has_attempt(
                    invitation_id=invitation.id, vk_id=vk_id, kind=kind
                )
                return None, known
        new = await self._invites.add_attempt(
            invitation_id=invitation.id, vk_id=vk_id, kind=kind, at=now
        )
        return new, True

    async def _children_of(self, invitation: Invitation, person: Person) -> str | None:
        if invitation.role is not Role.PARENT:
            return None
        roles = await self._school_repo.roles_of(person_id=person.id)
        names = []
        for pupil_id in sorted(roles.children):
            pupil = await self._school_repo.person(person_id=pupil_id)
            if pupil is not None:
                names.append(pupil.full_name)
        return ", ".join(names) or None

    async def _curator(self, chat: SchoolChat | None) -> Person | None:
        if chat is None or chat.class_name is None:
            return None
        return await self._school_repo.curator_of(name=chat.class_name)

    # --- listing and revoking ---------------------------------------------------------------
    async def of_class(
        self, roles: Roles, class_name: ClassName
    ) -> list[tuple[SchoolChat, list[Invitation]]]:
        found = []
        for chat in await self._chats.of_class(class_name=class_name):
            found.append((chat, await self._invites.of_chat(chat_id=chat.id)))
        return found

    async def revoke_one(self, roles: Roles, number: int) -> tuple[Invitation, bool]:
        invitation = await self._invites.by_id(invitation_id=number)
        chat = await self._chats.by_id(chat_id=invitation.chat_id) if invitation else None
        if invitation is None or chat is None:
            raise ChatError(texts.INVITATION_NOT_FOUND)
        if not roles.is_admin and chat.class_name not in roles.curated_classes:
            raise ChatError(texts.NOT_YOUR_INVITATION)
        revoked = await self._invites.revoke(invitation_id=number, at=self._clock())
        return invitation, revoked

    async def revoke_open(self, chat: SchoolChat) -> int:
        return await self._invites.revoke_open(chat_id=chat.id, at=self._clock())

    async def holder_names(self, invitations: list[Invitation]) -> dict[int, str]:
        names = {}
        for invitation in invitations:
            person = await self._school_repo.person(person_id=invitation.person_id)
            names[invitation.person_id] = person.full_name if person else "?"
        return names


def _name_matches(word: str, person: Person) -> bool:
    name = normalize_name(person.full_name)
    return name == word or name.startswith(word + " ")


async def issue_to(
    service: InviteService, actor: Person, chat: SchoolChat, person: Person, child: str | None
) -> Issued:
    """One invitation for one named person (a pupil moved to another class, their parents)."""
    kind = chat.kind
    return await service._issue_one(actor, chat, person, child, kind, service._clock())
