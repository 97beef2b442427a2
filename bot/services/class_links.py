"""The class join link: issuing and revoking it, the short talk with whoever opens it, and the
curator's one-tap decision on a request already matched against the roster."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.child_names import NamedPupil, find_pupils, same_person
from bot.domain.class_links import (
    ASKING_FOR,
    MAX_ANSWER,
    MAX_TRIES,
    Answer,
    ClassLink,
    JoinRequest,
    LinkState,
    Opening,
    RequestState,
    is_cancel,
    on_answer,
    on_opening,
)
from bot.domain.classes import ClassName
from bot.domain.events import ButtonPress, IncomingMessage
from bot.domain.invites import InviteCode, code_hash, expires_at, vk_me_link
from bot.domain.people import Person, Role, Roles
from bot.services.chats import ChatError, ChatService
from bot.services.invite_owners import may_decide, tell_class_staff
from bot.services.ports import Button, Keyboard, Messenger, MessengerError
from bot.services.replies import ReplyService
from bot.storage.chat_repo import ChatRepo
from bot.storage.class_link_repo import ClassLinkRepo
from bot.storage.invite_repo import InviteRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import class_links as texts
from bot.texts import invites as invite_texts

log = logging.getLogger(__name__)

PAYLOAD_KEY = "jr"  # {"jr": "admit" | "refuse", "r": <request id>, "p": <person id or 0>}
ADMIT, REFUSE = "admit", "refuse"
_LINK_KINDS = (ChatKind.PARENTS, ChatKind.PUPILS)
MAX_CANDIDATES = 3  # «Впустить: …» buttons, one per parent the roster has no VK page for


@dataclass(frozen=True)
class IssuedLink:
    chat: SchoolChat
    link: str
    code: InviteCode
    expires_at: datetime
    replaced: int


class ClassLinkService:
    def __init__(
        self,
        links: ClassLinkRepo,
        chats: ChatRepo,
        school_repo: SchoolRepo,
        invites: InviteRepo,
        chat_service: ChatService,
        messenger: Messenger,
        replies: ReplyService,
        *,
        screen_name: str,
        valid_days: int,
        clock: Callable[[], datetime],
    ) -> None:
        self._links = links
        self._chats = chats
        self._school_repo = school_repo
        self._invites = invites
        self._chat_service = chat_service
        self._messenger = messenger
        self._replies = replies
        self._screen_name = screen_name
        self._valid_days = valid_days
        self._clock = clock
        # VK ids whose next message answers the question, and since when (loaded once).
        self._asking: dict[int, datetime] | None = None

    # --- the curator's commands ---------------------------------------------------------------
    async def issue(
        self, actor: Person, roles: Roles, class_name: ClassName, what: str | None
    ) -> IssuedLink:
        chat = await self._link_chat(roles, class_name, what)
        now = self._clock()
        replaced = len(await self._links.active_of(chat_id=chat.id, at=now))
        code = InviteCode.generate()
        link = await self._links.add(
            link=ClassLink(
                code_hash=code_hash(code),
                chat_id=chat.id,
                issued_by=actor.id,
                issued_at=now,
                expires_at=expires_at(now, self._valid_days),
            ),
            replace_active=True,
            at=now,
        )
        url = vk_me_link(self._screen_name, code)
        return IssuedLink(chat, url, code, link.expires_at, replaced)

    async def revoke(
        self, roles: Roles, class_name: ClassName, what: str | None
    ) -> tuple[SchoolChat, int]:
        chat = await self._link_chat(roles, class_name, what)
        return chat, await self._links.revoke_active(chat_id=chat.id, at=self._clock())

    async def _link_chat(self, roles: Roles, class_name: ClassName, what: str | None) -> SchoolChat:
        choice = await self._chat_service.resolve_kind(roles, class_name, what or "родители")
        if choice.kind not in _LINK_KINDS:
            raise ChatError(texts.WRONG_CHAT_KIND)
        return await self._chat_service.find(roles, class_name, what or "родители")

    # --- whoever opens the link ---------------------------------------------------------------
    async def open(self, incoming: IncomingMessage, link: ClassLink) -> None:
        vk_id, now = incoming.author_id, self._clock()
        state = link.state(now)
        chat = await self._chats.by_id(chat_id=link.chat_id)
        if state is not LinkState.ACTIVE or chat is None or chat.class_name is None:
            text = texts.LINK_EXPIRED if state is LinkState.EXPIRED else texts.LINK_REVOKED
            await self._replies.reply(incoming, text)
            return
        _, roles = await self._school_repo.speaker(vk_id=vk_id)
        known = await self._known_in_class(roles, chat)
        requests = await self._links.requests_of(vk_id=vk_id)
        match on_opening(requests, link.id or 0, known=known, now=now):
            case Opening.KNOWN:
                await self._send_join(incoming.author_id, chat, texts.render_known(chat.title),
                                      key=incoming.reply_key("class-link"))  # fmt: skip
            case Opening.WAITING:
                await self._replies.reply(incoming, texts.ALREADY_WAITING)
            case Opening.COOLING:
                await self._replies.reply(incoming, texts.COOLING)
            case Opening.TOO_MANY:
                await self._replies.reply(incoming, texts.TOO_MANY)
            case Opening.ASK:
                await self._links.start(link_id=link.id or 0, vk_id=vk_id, at=now)
                (await self._asking_ids())[vk_id] = now
                question = texts.render_question(chat.title, chat.kind is ChatKind.PARENTS)
                await self._replies.reply(incoming, question)

    async def _known_in_class(self, roles: Roles, chat: SchoolChat) -> bool:
        """The roster already gives this VK page to a parent (a pupil) of the chat's class."""
        if chat.kind is ChatKind.PUPILS:
            return chat.class_name in roles.pupil_classes
        if not roles.children:
            return False
        pupils = await self._pupils(chat.class_name)
        return bool(roles.children & {p.id for p in pupils})

    async def is_asking(self, vk_id: int) -> bool:
        """Is the bot waiting for this person to say whose parent they are? (In memory.)"""
        since = (await self._asking_ids()).get(vk_id)
        return since is not None and self._clock() < since + ASKING_FOR

    async def _asking_ids(self) -> dict[int, datetime]:
        if self._asking is None:
            self._asking = await self._links.asking_since()
        return self._asking

    async def answer(self, incoming: IncomingMessage) -> None:
        """The person's answer to the question «whose parent are you?»."""
        vk_id, now = incoming.author_id, self._clock()
        request = next(
            (r for r in await self._links.requests_of(vk_id=vk_id) if r.state is RequestState.ASKING),
            None,
        )  # fmt: skip
        link = await self._links.by_id(link_id=request.link_id) if request else None
        chat = await self._chats.by_id(chat_id=link.chat_id) if link else None
        if request is None or link is None or chat is None or chat.class_name is None:
            (await self._asking_ids()).pop(vk_id, None)
            await self._replies.reply(incoming, texts.LINK_REVOKED)
            return
        if link.state(now) is not LinkState.ACTIVE:
            await self._finish(request, RequestState.CLOSED)
            expired = link.state(now) is LinkState.EXPIRED
            await self._replies.reply(
                incoming, texts.LINK_EXPIRED if expired else texts.LINK_REVOKED
            )
            return
        text = incoming.text if len(incoming.text) <= MAX_ANSWER else ""
        pupils = await self._pupils(chat.class_name)
        found = find_pupils(text, [NamedPupil(p.id, p.full_name) for p in pupils])
        waiting = (
            await self._links.waiting_for_pupil(pupil_id=found[0].id) if len(found) == 1 else 0
        )
        outcome = on_answer(request.tries, len(found), waiting_for_pupil=waiting,
                            cancelled=is_cancel(incoming.text))  # fmt: skip
        for_parents = chat.kind is ChatKind.PARENTS
        match outcome:
            case Answer.CANCELLED:
                await self._finish(request, RequestState.CLOSED)
                await self._replies.reply(incoming, texts.CANCELLED)
            case Answer.BUSY:
                await self._finish(request, RequestState.CLOSED)
                await self._replies.reply(incoming, texts.PUPIL_BUSY)
            case Answer.AGAIN:
                await self._links.tried(request_id=request.id)
                left = MAX_TRIES - request.tries - 1
                reply = (
                    texts.render_several(str(chat.class_name), left)
                    if found
                    else texts.render_not_found(str(chat.class_name), left, for_parents)
                )
                await self._replies.reply(incoming, reply)
            case Answer.GIVE_UP:
                await self._finish(request, RequestState.UNMATCHED)
                curator = await self._school_repo.curator_of(name=chat.class_name)
                await self._replies.reply(
                    incoming,
                    texts.render_gave_up(
                        curator.full_name if curator else None, curator.vk_id if curator else None
                    ),
                )
            case Answer.MATCHED:
                pupil = next(p for p in pupils if p.id == found[0].id)
                if not await self._links.set_state(
                    request_id=request.id, state=RequestState.WAITING, at=now,
                    expect=RequestState.ASKING, pupil_id=pupil.id,
                ):  # fmt: skip
                    return
                (await self._asking_ids()).pop(vk_id, None)
                await self._to_curator(request, chat, pupil)
                curator = await self._school_repo.curator_of(name=chat.class_name)
                await self._replies.reply(
                    incoming, texts.render_sent(curator.full_name if curator else None)
                )

    async def _finish(self, request: JoinRequest, state: RequestState) -> None:
        await self._links.set_state(
            request_id=request.id, state=state, at=self._clock(), expect=RequestState.ASKING
        )
        (await self._asking_ids()).pop(request.vk_id, None)

    async def _to_curator(self, request: JoinRequest, chat: SchoolChat, pupil: Person) -> None:
        name = await self._name(request.vk_id)
        roster = await self._roster_pages(chat, pupil, name)
        text = texts.render_request(
            number=request.id, chat_title=chat.title, requester=name,
            requester_vk_id=request.vk_id, pupil_name=pupil.full_name,
            class_name=str(chat.class_name), for_parents=chat.kind is ChatKind.PARENTS,
            roster=[page for page, _ in roster],
        )  # fmt: skip
        await tell_class_staff(
            self._messenger, self._school_repo, chat.class_name, text,
            key=f"join-request:{request.id}", keyboard=self._keyboard(request.id, roster),
        )  # fmt: skip

    async def _roster_pages(
        self, chat: SchoolChat, pupil: Person, requester_name: str
    ) -> list[tuple[texts.RosterPage, Person]]:
        """Whom the request may be: the pupil's parents (for the parents' chat) or the pupil."""
        people = [pupil] if chat.kind is ChatKind.PUPILS else await self._parents_of(chat, pupil)
        pages = [
            (texts.RosterPage(p.full_name, p.vk_id, same_person(requester_name, p.full_name)), p)
            for p in people
        ]
        # The one the VK name points at first: its button is the one a curator expects.
        return sorted(pages, key=lambda entry: not entry[0].name_matches)

    def _keyboard(self, request_id: int, roster: list[tuple[texts.RosterPage, Person]]) -> Keyboard:
        free = [(page, person) for page, person in roster if person.vk_id is None]
        rows: list[list[Button]] = []
        if free and len(roster) > 1:
            for page, person in free[:MAX_CANDIDATES]:
                label = texts.admit_as(page.name)
                rows.append([self._button(label, ADMIT, request_id, person.id, "positive")])
        else:
            person_id = free[0][1].id if free else 0
            rows.append(
                [self._button(texts.BUTTON_ADMIT, ADMIT, request_id, person_id, "positive")]
            )
        rows.append([self._button(texts.BUTTON_REFUSE, REFUSE, request_id, 0, "negative")])
        return Keyboard(rows)

    @staticmethod
    def _button(label: str, decision: str, request_id: int, person_id: int, color: str) -> Button:
        payload = {PAYLOAD_KEY: decision, "r": request_id, "p": person_id}
        return Button(label, payload, color=color)

    # --- the curator's buttons ----------------------------------------------------------------
    @staticmethod
    def is_ours(payload: dict) -> bool:
        number, person = payload.get("r"), payload.get("p", 0)
        # A forged payload may carry anything: only plausible row ids reach the database.
        return (
            payload.get(PAYLOAD_KEY) in (ADMIT, REFUSE)
            and type(number) is int
            and 0 < number < 2**63
            and type(person) is int
            and 0 <= person < 2**63
        )

    async def on_button(self, press: ButtonPress) -> str:
        note = await self._decide(press)
        try:
            await self._messenger.answer_button(press.event_id, press.user_id, press.peer_id, note)
        except MessengerError as error:
            log.warning("could not answer button %s: %s", press.event_id, error)
        return note

    async def _decide(self, press: ButtonPress) -> str:
        request = await self._links.request(request_id=int(press.payload["r"]))
        link = await self._links.by_id(link_id=request.link_id) if request else None
        chat = await self._chats.by_id(chat_id=link.chat_id) if link else None
        if request is None or chat is None:
            return texts.PRESS_UNKNOWN
        if not await may_decide(self._school_repo, press.user_id, chat):
            return texts.PRESS_REFUSED
        if request.state is not RequestState.WAITING or request.pupil_id is None:
            return texts.PRESS_ALREADY
        now = self._clock()
        if press.payload[PAYLOAD_KEY] == REFUSE:
            if not await self._links.set_state(
                request_id=request.id, state=RequestState.REFUSED, at=now,
                expect=RequestState.WAITING, by=press.user_id,
            ):  # fmt: skip
                return texts.PRESS_ALREADY
            await self._send(
                request.vk_id, texts.render_declined(chat.title), f"jr-no:{request.id}"
            )
            return texts.PRESS_DECLINED
        bind_to = await self._bindable(chat, request.pupil_id, int(press.payload.get("p", 0)))
        if bind_to is False:
            return texts.PRESS_UNKNOWN  # a forged person id: not one of this request's people
        if not await self._links.set_state(
            request_id=request.id, state=RequestState.ADMITTED, at=now,
            expect=RequestState.WAITING, by=press.user_id,
            bound_person_id=bind_to or None,
        ):  # fmt: skip
            return texts.PRESS_ALREADY
        actor, _ = await self._school_repo.speaker(vk_id=press.user_id)
        await self._chats.allow(
            chat_id=chat.id, vk_id=request.vk_id, by=actor.id if actor else 0, at=now
        )
        bound = bool(bind_to) and await self._invites.bind_page(
            person_id=int(bind_to), vk_id=request.vk_id
        )
        await self._send_join(request.vk_id, chat, texts.render_approved(chat.title),
                              key=f"jr-yes:{request.id}")  # fmt: skip
        return texts.PRESS_ADMITTED_BOUND if bound else texts.PRESS_ADMITTED

    async def _bindable(self, chat: SchoolChat, pupil_id: int, person_id: int) -> int | bool:
        """The person the button names, checked against the roster: 0 for nobody, False for a
        person the request is not about (or who has a VK page already)."""
        if person_id == 0:
            return 0
        pupil = await self._school_repo.person(person_id=pupil_id)
        if pupil is None:
            return False
        people = [pupil] if chat.kind is ChatKind.PUPILS else await self._parents_of(chat, pupil)
        if any(p.id == person_id and p.vk_id is None for p in people):
            return person_id
        return False

    # --- helpers ------------------------------------------------------------------------------
    async def _pupils(self, class_name: ClassName | None) -> list[Person]:
        if class_name is None:
            return []
        members = await self._school_repo.members_of_class(name=class_name)
        return [person for person, grant in members if grant.role is Role.PUPIL]

    async def _parents_of(self, chat: SchoolChat, pupil: Person) -> list[Person]:
        members = await self._school_repo.members_of_class(name=chat.class_name)
        found: dict[int, Person] = {}
        for person, grant in members:
            if grant.role is Role.PARENT and grant.pupil_id == pupil.id:
                found.setdefault(person.id, person)
        return list(found.values())

    async def _send_join(self, vk_id: int, chat: SchoolChat, text: str, *, key: str) -> None:
        link = await self._chat_service.join_link(chat)
        keyboard = None
        if link:
            button = Button(invite_texts.JOIN_BUTTON, {}, kind="open_link", link=link)
            keyboard = Keyboard(rows=[[button]], inline=True)
        await self._send(vk_id, text, key, keyboard)

    async def _send(
        self, vk_id: int, text: str, key: str, keyboard: Keyboard | None = None
    ) -> None:
        try:
            await self._messenger.send(vk_id, text, dedup_key=key, keyboard=keyboard)
        except MessengerError as error:
            log.info("could not answer %s: %s", vk_id, error)

    async def _name(self, vk_id: int) -> str:
        try:
            names = await self._messenger.user_names([vk_id])
        except MessengerError:
            names = {}
        return names.get(vk_id, f"id{vk_id}")
