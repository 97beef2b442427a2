"""An invitation belongs to its person: the curator hears of every other account that tries one,
and of every first claimer who took a VK page the roster did not know, and decides by button."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime

from bot.domain.chats import SchoolChat
from bot.domain.child_names import same_person
from bot.domain.classes import ClassName
from bot.domain.events import ButtonPress
from bot.domain.invites import AttemptDecision, AttemptKind, InviteAttempt
from bot.domain.people import Person, Role
from bot.services.chats import ChatService
from bot.services.invites import Claim
from bot.services.ports import Button, Keyboard, Messenger, MessengerError
from bot.storage.chat_repo import ChatRepo
from bot.storage.invite_repo import InviteRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import invites as invite_texts
from bot.texts import owners as texts

log = logging.getLogger(__name__)

PAYLOAD_KEY = "own"  # {"own": "admit" | "deny" | "undo", "a": <attempt id>}
_FOR_KIND = {
    AttemptDecision.ADMIT: AttemptKind.FOREIGN,
    AttemptDecision.DENY: AttemptKind.FOREIGN,
    AttemptDecision.UNDO: AttemptKind.BOUND,
}
NOT_IN_CHAT = 935  # VK: the user is not in the chat (already left): the removal is moot


async def tell_class_staff(
    messenger: Messenger,
    school_repo: SchoolRepo,
    class_name: ClassName | None,
    text: str,
    *,
    key: str,
    keyboard: Keyboard | None = None,
) -> list[int]:
    """To the class's curator; to the administrators when there is none (or they cannot be
    written to). Returns the VK ids reached."""
    curator = await school_repo.curator_of(name=class_name) if class_name else None
    groups = [[curator]] if curator is not None and curator.vk_id else []
    groups.append([p for p in await school_repo.people_with_role(role=Role.ADMIN) if p.vk_id])
    for people in groups:
        told = []
        for person in people:
            try:
                await messenger.send(
                    person.vk_id, text, dedup_key=f"{key}:{person.vk_id}", keyboard=keyboard
                )
            except MessengerError as error:
                log.info("could not tell %s: %s", person.vk_id, error)
                continue
            told.append(person.vk_id)
        if told:
            return told
    return []


async def may_decide(school_repo: SchoolRepo, vk_id: int, chat: SchoolChat) -> bool:
    """Only the class's curator and the administrators answer for who enters its chats."""
    _, roles = await school_repo.speaker(vk_id=vk_id)
    return roles.is_admin or (
        chat.class_name is not None and chat.class_name in roles.curated_classes
    )


class InviteOwners:
    def __init__(
        self,
        invites: InviteRepo,
        chats: ChatRepo,
        school_repo: SchoolRepo,
        chat_service: ChatService,
        messenger: Messenger,
        *,
        clock: Callable[[], datetime],
    ) -> None:
        self._invites = invites
        self._chats = chats
        self._school_repo = school_repo
        self._chat_service = chat_service
        self._messenger = messenger
        self._clock = clock

    # --- notices --------------------------------------------------------------------------------
    async def after_claim(self, claim: Claim, claimer_vk_id: int) -> None:
        """Tells the curator what the claim calls for (nothing when the owner claimed)."""
        if claim.attempt_id is None or claim.chat is None or claim.person is None:
            return
        name = await self._name(claimer_vk_id)
        if claim.attempt_kind is AttemptKind.FOREIGN:
            text = texts.render_foreign_notice(
                claimer=name, claimer_vk_id=claimer_vk_id, person_name=claim.person.full_name,
                child_name=claim.child_name, chat_title=claim.chat.title,
                owner_vk_id=claim.owner_vk_id, spent=claim.result is not None
                and claim.result.value == "spent",
            )  # fmt: skip
            keyboard = Keyboard([[
                self._button(texts.BUTTON_ADMIT, AttemptDecision.ADMIT, claim.attempt_id, "positive"),
                self._button(texts.BUTTON_DENY, AttemptDecision.DENY, claim.attempt_id, "negative"),
            ]])  # fmt: skip
        else:
            text = texts.render_bound_notice(
                claimer=name, claimer_vk_id=claimer_vk_id, person_name=claim.person.full_name,
                child_name=claim.child_name, chat_title=claim.chat.title, bound=claim.bound,
                name_matches=same_person(name, claim.person.full_name),
            )  # fmt: skip
            keyboard = Keyboard([[
                self._button(texts.BUTTON_UNDO, AttemptDecision.UNDO, claim.attempt_id, "negative"),
            ]])  # fmt: skip
        await tell_class_staff(
            self._messenger, self._school_repo, claim.chat.class_name, text,
            key=f"owner:{claim.attempt_id}", keyboard=keyboard,
        )  # fmt: skip

    @staticmethod
    def _button(label: str, decision: AttemptDecision, attempt_id: int, color: str) -> Button:
        return Button(label, {PAYLOAD_KEY: decision.value, "a": attempt_id}, color=color)

    # --- buttons --------------------------------------------------------------------------------
    @staticmethod
    def is_ours(payload: dict) -> bool:
        number = payload.get("a")
        # A forged payload may carry anything: only a plausible row id reaches the database.
        return (
            payload.get(PAYLOAD_KEY) in {d.value for d in AttemptDecision}
            and type(number) is int
            and 0 < number < 2**63
        )

    async def on_button(self, press: ButtonPress) -> str:
        note = await self._decide(press)
        try:
            await self._messenger.answer_button(press.event_id, press.user_id, press.peer_id, note)
        except MessengerError as error:
            log.warning("could not answer button %s: %s", press.event_id, error)
        return note

    async def _decide(self, press: ButtonPress) -> str:
        decision = AttemptDecision(press.payload[PAYLOAD_KEY])
        attempt = await self._invites.attempt(attempt_id=int(press.payload["a"]))
        if attempt is None or attempt.kind is not _FOR_KIND[decision]:
            return texts.PRESS_UNKNOWN
        invitation = await self._invites.by_id(invitation_id=attempt.invitation_id)
        chat = await self._chats.by_id(chat_id=invitation.chat_id) if invitation else None
        if invitation is None or chat is None:
            return texts.PRESS_NO_CHAT
        if not await may_decide(self._school_repo, press.user_id, chat):
            return texts.PRESS_REFUSED
        actor, _ = await self._school_repo.speaker(vk_id=press.user_id)
        now = self._clock()
        if not await self._invites.decide_attempt(
            attempt_id=attempt.id, decision=decision, by=press.user_id, at=now
        ):
            return texts.PRESS_ALREADY
        if decision is AttemptDecision.ADMIT:
            return await self._admit(attempt, chat, actor)
        if decision is AttemptDecision.DENY:
            await self._tell(attempt.vk_id, texts.render_denied_by_curator(chat.title), attempt)
            return texts.PRESS_DENIED
        return await self._undo(attempt, invitation.person_id, chat, press.user_id)

    async def _admit(self, attempt: InviteAttempt, chat: SchoolChat, actor: Person | None) -> str:
        await self._chats.allow(
            chat_id=chat.id, vk_id=attempt.vk_id, by=actor.id if actor else 0, at=self._clock()
        )
        link = await self._chat_service.join_link(chat)
        keyboard = None
        if link:
            button = Button(invite_texts.JOIN_BUTTON, {}, kind="open_link", link=link)
            keyboard = Keyboard(rows=[[button]], inline=True)
        await self._tell(
            attempt.vk_id, texts.render_admitted_by_curator(chat.title), attempt, keyboard
        )
        return texts.PRESS_ADMITTED

    async def _undo(
        self, attempt: InviteAttempt, person_id: int, chat: SchoolChat, curator_vk_id: int
    ) -> str:
        now = self._clock()
        await self._invites.revoke(invitation_id=attempt.invitation_id, at=now)
        await self._invites.unbind_page(person_id=person_id, vk_id=attempt.vk_id)
        try:
            await self._messenger.remove_from_chat(chat.peer_id, attempt.vk_id)
        except MessengerError as error:
            if error.code != NOT_IN_CHAT:
                log.warning("could not remove %s from %s: %s", attempt.vk_id, chat.peer_id, error)
        await self._chats.member_left(chat_id=chat.id, vk_id=attempt.vk_id, at=now)
        await self._tell(attempt.vk_id, texts.render_undone(chat.title), attempt)
        person = await self._school_repo.person(person_id=person_id)
        if person is not None:
            class_name = str(chat.class_name) if chat.class_name else None
            note = texts.render_undone_for_curator(person.full_name, class_name)
            await self._tell(curator_vk_id, note, attempt, key="owner-undone")
        return texts.PRESS_UNDONE

    async def _tell(
        self,
        vk_id: int,
        text: str,
        attempt: InviteAttempt,
        keyboard: Keyboard | None = None,
        *,
        key: str = "owner-answer",
    ) -> None:
        try:
            await self._messenger.send(
                vk_id, text, dedup_key=f"{key}:{attempt.id}:{vk_id}", keyboard=keyboard
            )
        except MessengerError as error:
            log.info("could not answer %s about attempt %s: %s", vk_id, attempt.id, error)

    async def _name(self, vk_id: int) -> str:
        try:
            names = await self._messenger.user_names([vk_id])
        except MessengerError:
            names = {}
        return names.get(vk_id, f"id{vk_id}")
