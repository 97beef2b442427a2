"""Help in the community's dialog for everyone the school knows, and anyone else (issue 17.6).

«Добрый день» or a question that is no command gets a short menu of what this very person can
do here, by their roles. A parent's question goes to the curator of their child's class with one
tap: the button carries only the message's number in the parent's dialog, and the text is read
back from VK when pressed (nothing of it is stored). A curator who cannot get messages from the
community yet gets the question when they first write (`HeldMessages`), and the administrators
are told who it is, with the link that fixes it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo

from bot.domain.classes import ClassName, ClassNameError
from bot.domain.dm_talk import DmText, kind_of
from bot.domain.events import ButtonPress
from bot.domain.people import Person, Role, Roles
from bot.services.held import HeldMessages
from bot.services.notify import Notifier
from bot.services.ports import Button, Keyboard, Messenger, MessengerError, RecipientUnreachable
from bot.services.turns import Turn
from bot.storage.school_repo import SchoolRepo
from bot.texts import dm_menu as texts

log = logging.getLogger(__name__)

PAYLOAD_KEY = "ask"
CURATOR = "curator"
MAX_BUTTONS = 5  # a parent of pupils in more classes gets the first five (VK allows 10 inline)


class DmMenuService:
    def __init__(
        self,
        school_repo: SchoolRepo,
        messenger: Messenger,
        held: HeldMessages,
        notify: Notifier,
        *,
        school_name: str,
        fix_link: str,
        has_psychologist: bool,
        tz: tzinfo,
        clock: Callable[[], datetime],
    ) -> None:
        self._school_repo = school_repo
        self._messenger = messenger
        self._held = held
        self._notify = notify
        self._school_name = school_name
        self._fix_link = fix_link
        self._has_psychologist = has_psychologist
        self._tz = tz
        self._clock = clock

    @staticmethod
    def is_ours(payload: dict) -> bool:
        return (
            payload.get(PAYLOAD_KEY) == CURATOR
            and isinstance(payload.get("c"), int)
            and isinstance(payload.get("k"), str)
        )

    # --- the menu ------------------------------------------------------------------------------
    async def menu(self, turn: Turn) -> tuple[str, Keyboard | None]:
        roles, incoming = turn.speaker.roles, turn.incoming
        if not roles:
            line = (
                texts.STRANGER_PSYCHOLOGIST
                if self._has_psychologist
                else texts.STRANGER_VIA_ADMINISTRATION
            )
            head = texts.stranger_head(self._school_name)
            return "\n".join([head, *texts.STRANGER_LINES, line, texts.MENU_TAIL]), None
        lines = [texts.menu_head(self._school_name)]
        if roles.is_admin:
            lines += texts.STAFF_LINES["admin"]
        if roles.has(Role.DIRECTOR) or roles.has(Role.DEPUTY):
            lines += texts.STAFF_LINES["leader"]
        for name in sorted(roles.curated_classes):
            lines += texts.curator_lines(str(name))
        if roles.has(Role.TEACHER):
            lines += texts.STAFF_LINES["teacher"]
        buttons: list[Button] = []
        if roles.children:
            asked = kind_of(incoming.text) is not DmText.GREETING
            classes = await self._children_classes(roles)
            for name in classes:
                curator = await self._school_repo.curator_of(name=name)
                if curator is None:
                    lines.append(texts.no_curator_line(str(name)))
                    continue
                lines.append(texts.ask_curator_line(str(name), curator.full_name, asked=asked))
                if asked and len(buttons) < MAX_BUTTONS:
                    payload = {PAYLOAD_KEY: CURATOR, "c": incoming.message_id, "k": str(name)}
                    label = texts.ask_button(str(name), several=len(classes) > 1)
                    buttons.append(Button(label, payload, color="primary"))
        if roles.children or roles.pupil_classes:
            psychologist = (
                texts.PSYCHOLOGIST
                if self._has_psychologist
                else texts.PSYCHOLOGIST_VIA_ADMINISTRATION
            )
            lines += [psychologist, texts.ADMINISTRATION]
        lines += [texts.WHOAMI, texts.MENU_TAIL]
        keyboard = Keyboard([[b] for b in buttons]) if buttons else None
        return "\n".join(lines), keyboard

    async def _children_classes(self, roles: Roles) -> list[ClassName]:
        found: set[ClassName] = set()
        for pupil_id in roles.children:
            found |= (await self._school_repo.roles_of(person_id=pupil_id)).pupil_classes
        return sorted(found)

    # --- «Передать куратору» ----------------------------------------------------------------
    async def ask_curator(self, press: ButtonPress) -> None:
        note = await self._ask(press)
        try:
            await self._messenger.answer_button(press.event_id, press.user_id, press.peer_id, note)
        except MessengerError as error:
            log.warning("could not answer button %s: %s", press.event_id, error)

    async def _ask(self, press: ButtonPress) -> str:
        try:
            class_name = ClassName.parse(str(press.payload["k"]))
        except ClassNameError:
            return texts.ASK_NOT_YOURS
        person, roles = await self._school_repo.speaker(vk_id=press.user_id)
        children = await self._children_in(roles, class_name)
        if person is None or not children or press.peer_id != press.user_id:
            return texts.ASK_NOT_YOURS
        curator = await self._school_repo.curator_of(name=class_name)
        if curator is None or curator.vk_id is None:
            return texts.ASK_NOT_YOURS
        cmid = int(press.payload["c"])
        try:
            found = await self._messenger.message_text(press.user_id, cmid)
        except MessengerError:
            found = None
        if found is None or found[0] != press.user_id or not found[1].strip():
            return texts.ASK_GONE
        who = texts.parent_who(person.full_name, press.user_id, children)
        key = f"ask-curator:{press.user_id}:{cmid}:{class_name}"
        text = texts.question_to_curator(who, str(class_name), found[1], held_since=False)
        try:
            await self._messenger.send(curator.vk_id, text, dedup_key=key)
        except RecipientUnreachable:
            await self._held.hold_question(
                curator.vk_id, key=key, parent_vk_id=press.user_id, message_id=cmid, who=who,
                class_name=str(class_name),
            )  # fmt: skip
            await self._tell_parent(
                press, texts.ask_held(str(class_name), curator.full_name, curator.vk_id), key
            )
            await self._unreachable(class_name, curator, texts.WHAT_QUESTION)
            return texts.ASK_HELD_NOTE
        await self._tell_parent(press, texts.ask_sent(str(class_name), curator.full_name), key)
        return texts.ASK_SENT_NOTE

    async def _children_in(self, roles: Roles, class_name: ClassName) -> list[str]:
        names = []
        for pupil_id in sorted(roles.children):
            if class_name in (await self._school_repo.roles_of(person_id=pupil_id)).pupil_classes:
                child = await self._school_repo.person(person_id=pupil_id)
                if child is not None:
                    names.append(f"{child.full_name} ({class_name})")
        return names

    async def _tell_parent(self, press: ButtonPress, text: str, key: str) -> None:
        try:
            await self._messenger.send(press.user_id, text, dedup_key=f"{key}:told")
        except MessengerError as error:
            log.warning("could not confirm the question to %s: %s", press.user_id, error)

    async def _unreachable(self, class_name: ClassName, curator: Person, what: str) -> None:
        """The administrators hear once a day per curator who cannot get the bot's messages."""
        today = self._clock().astimezone(self._tz).date().isoformat()
        text = texts.unreachable_curator(
            [str(class_name)], curator.full_name, curator.vk_id, what, self._fix_link
        )
        await self._notify.to_admins(text, key=f"unreachable-curator:{curator.id}:{today}")
