"""Announcements answered by button: post to a class chat, take presses, report, export.

The reminder and the author's automatic report are `AckReminders`' (bot/services/ack_reminders.py).
Answers are kept per person and counted per family (or per pupil) from the roster as it is now.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from typing import NamedTuple

from bot.domain.ack_records import Ack
from bot.domain.ack_words import AckWordsError, read_ack
from bot.domain.acks import (
    AckKind,
    Member,
    PressOutcome,
    Tally,
    Unit,
    family_units,
    judge_press,
    pupil_units,
    tally,
)
from bot.domain.chats import ChatKind
from bot.domain.classes import ClassName
from bot.domain.events import ButtonPress
from bot.domain.people import Role, Roles
from bot.services.ports import Button, Keyboard, Messenger, MessengerError
from bot.storage.ack_repo import AckRepo
from bot.storage.chat_repo import ChatRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import acks as texts

PAYLOAD_KEY = "ack"
_COLORS = {AckKind.ACK: ("positive",), AckKind.CONSENT: ("positive", "negative")}


class AckError(Exception):
    """The command cannot be done; `text` says why, in Russian, with an example."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class AckRate(NamedTuple):
    title: str
    answered: int  # families (or pupils) who answered
    total: int
    class_name: ClassName | None = None


@dataclass(frozen=True)
class Export:
    filename: str
    data: bytes
    text: str


def keyboard(ack: Ack) -> Keyboard:
    colors = _COLORS.get(ack.kind, ())
    return Keyboard(
        rows=[
            [
                Button(
                    label,
                    {PAYLOAD_KEY: ack.id, "c": n},
                    colors[n] if n < len(colors) else "secondary",
                )
            ]
            for n, label in enumerate(ack.options)
        ]
    )


class AckService:
    def __init__(
        self,
        repo: AckRepo,
        chats: ChatRepo,
        school: SchoolRepo,
        messenger: Messenger,
        *,
        remind_after: timedelta,
        tz: tzinfo,
        clock: Callable[[], datetime],
    ) -> None:
        self._repo = repo
        self._chats = chats
        self._school = school
        self._messenger = messenger
        self._remind_after = remind_after
        self._tz = tz
        self._clock = clock
        self.on_posted: Callable[[Ack], None] = lambda ack: None  # the reminders plan here

    # --- posting ------------------------------------------------------------------------------
    async def post(
        self,
        *,
        kind: AckKind,
        author_vk_id: int,
        class_name: ClassName,
        what: str,
        source: str | None = None,
    ) -> str:
        """`source` names the command's message: the same message again (a re-delivered event)
        finds the announcement it made and sends nothing new."""
        try:
            wording = read_ack(kind, what)
        except AckWordsError as error:
            raise AckError(texts.words_error(error, kind)) from None
        chat = await self._chats.find(kind=wording.chat_kind, class_name=class_name)
        if chat is None:
            raise AckError(texts.no_chat(wording.chat_kind, str(class_name)))
        now = self._clock().astimezone(UTC)
        ack = await self._repo.add(
            ack=Ack(
                kind=kind, author_vk_id=author_vk_id, class_name=class_name,
                chat_kind=wording.chat_kind, peer_id=chat.peer_id, title=chat.title,
                text=wording.text, options=texts.FIXED_OPTIONS.get(kind, wording.options),
                created_at=now, remind_at=now + self._remind_after, nonce=secrets.token_hex(4),
                source=source,
            )
        )  # fmt: skip
        if ack.cmid is not None:
            return texts.posted(ack, ack.remind_at.astimezone(self._tz))
        try:
            cmid = await self._messenger.send(
                chat.peer_id,
                texts.announcement(kind, ack.chat_kind, ack.text),
                dedup_key=ack.key("post"),
                keyboard=keyboard(ack),
            )
        except MessengerError:
            await self._repo.remove(ack_id=ack.id or 0)
            raise AckError(texts.BOT_NOT_IN_CHAT.format(title=chat.title)) from None
        await self._repo.set_cmid(ack_id=ack.id or 0, cmid=cmid)
        self.on_posted(ack)
        return texts.posted(ack, ack.remind_at.astimezone(self._tz))

    # --- presses ------------------------------------------------------------------------------
    @staticmethod
    def is_ours(payload: dict) -> bool:
        number, choice = payload.get(PAYLOAD_KEY), payload.get("c")
        # A forged payload may carry anything: only a plausible row id reaches the database.
        return type(number) is int and 0 < number < 2**63 and type(choice) is int

    async def on_button(self, press: ButtonPress) -> None:
        note = await self._decide(press)
        try:
            await self._messenger.answer_button(press.event_id, press.user_id, press.peer_id, note)
        except MessengerError:
            pass  # the press is over a minute old; what was recorded stays recorded

    async def _decide(self, press: ButtonPress) -> str:
        ack = await self._repo.get(ack_id=int(press.payload[PAYLOAD_KEY]))
        choice = int(press.payload["c"])
        if ack is None or ack.id is None or not 0 <= choice < len(ack.options):
            return texts.PRESS_UNKNOWN
        person = await self._school.person_by_vk(vk_id=press.user_id)
        units = await self.units(ack)
        answers = await self._repo.answers(ack_id=ack.id)
        outcome = judge_press(units, answers, person.id if person else None, choice)
        if outcome is PressOutcome.STRANGER or person is None:
            return texts.press_stranger(ack)
        if outcome is PressOutcome.ALREADY:
            own = answers.get(person.id)
            mine = own is not None and own.choice == choice
            return texts.PRESS_ALREADY if mine else texts.PRESS_FAMILY_ALREADY
        await self._repo.record(
            ack_id=ack.id, person_id=person.id, vk_id=press.user_id, choice=choice,
            at=self._clock().astimezone(UTC),
        )  # fmt: skip
        if outcome is PressOutcome.CHANGED:
            return texts.PRESS_CHANGED.format(label=ack.options[choice])
        return texts.PRESS_RECORDED

    # --- who answers, and how they did --------------------------------------------------------
    async def units(self, ack: Ack) -> list[Unit]:
        pupils, links = [], []
        for person, grant in await self._school.members_of_class(name=ack.class_name):
            member = Member(person.id, person.vk_id, person.full_name)
            if grant.role is Role.PUPIL and grant.class_name == ack.class_name:
                pupils.append(member)
            elif grant.role is Role.PARENT and grant.pupil_id is not None:
                links.append((member, grant.pupil_id))
        if ack.chat_kind is ChatKind.PUPILS:
            return pupil_units(pupils)
        return family_units(pupils, links)

    async def tally(self, ack: Ack) -> Tally:
        answers = await self._repo.answers(ack_id=ack.id or 0)
        return tally(await self.units(ack), answers, len(ack.options))

    async def _own(self, vk_id: int, roles: Roles, number: int) -> Ack:
        ack = await self._repo.get(ack_id=number)
        if ack is None:
            raise AckError(texts.NO_SUCH_ACK)
        if not roles.is_staff and ack.author_vk_id != vk_id:
            raise AckError(texts.NOT_YOUR_ACK)
        return ack

    async def results(self, vk_id: int, roles: Roles, number: int) -> str:
        ack = await self._own(vk_id, roles, number)
        return texts.report(ack, await self.tally(ack))

    async def export(self, vk_id: int, roles: Roles, number: int) -> Export:
        ack = await self._own(vk_id, roles, number)
        result = await self.tally(ack)
        return Export(
            filename=f"otvety-{ack.id}.csv",
            data=texts.answers_csv(ack, result, self._tz),
            text=texts.EXPORT_SENT.format(what=texts.title_of(ack)),
        )

    async def rates(self, since: datetime) -> list[AckRate]:
        """For the director's picture: each announcement since `since`, how many answered."""
        found = []
        for ack in await self._repo.created_since(since=since.astimezone(UTC)):
            result = await self.tally(ack)
            found.append(
                AckRate(texts.title_of(ack), result.answered, result.total, ack.class_name)
            )
        return found
