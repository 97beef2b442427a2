"""The confidential line: a pupil or parent writes to the psychologist or the administration.

The text goes straight from the sender's dialog to the recipients' dialogs; the database keeps
only who wrote to whom, when, and whether it was answered. The curator is never a recipient.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.config import ConfidentialConfig
from bot.domain.people import Role
from bot.services.ports import Messenger, MessengerError
from bot.services.turns import Speaker, Turn
from bot.storage.appeal_repo import AppealRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import appeals as texts

log = logging.getLogger(__name__)

PSYCHOLOGIST = "psychologist"
ADMINISTRATION = "administration"


class AppealService:
    def __init__(
        self,
        repo: AppealRepo,
        school: SchoolRepo,
        messenger: Messenger,
        *,
        config: ConfidentialConfig,
        clock: Callable[[], datetime],
    ) -> None:
        self._repo = repo
        self._school = school
        self._messenger = messenger
        self._config = config
        self._clock = clock

    def _title(self, kind: str) -> str:
        return self._config.psychologist_title if kind == PSYCHOLOGIST else texts.ADMINISTRATION

    async def submit(self, turn: Turn, kind: str) -> str:
        """Passes the appeal on; returns what to tell the sender."""
        text = (turn.args.get("appeal") or "").lstrip(" :—–-").strip()
        if not text:
            return texts.empty(texts.EXAMPLE_PSYCHOLOGIST)
        now, sender = self._clock(), turn.speaker
        sent_today = await self._repo.count_from(
            from_vk_id=sender.vk_id, since=now - timedelta(days=1)
        )
        if sent_today >= self._config.appeals_per_day:
            return texts.too_many(self._config.appeals_per_day)
        note = ""
        if kind == PSYCHOLOGIST and self._config.psychologist is None:
            kind, note = ADMINISTRATION, texts.NO_PSYCHOLOGIST
        recipients = (
            [self._config.psychologist]
            if kind == PSYCHOLOGIST and self._config.psychologist is not None
            else await self._administration()
        )
        recipients = [vk_id for vk_id in recipients if vk_id != sender.vk_id]
        number = await self._repo.add(from_vk_id=sender.vk_id, to_kind=kind, at=now)
        body = texts.to_recipient(number, self._title(kind), await self._who(sender), text)
        reached = []
        for vk_id in recipients:
            try:
                await self._messenger.send(
                    vk_id, body, dedup_key=f"{turn.incoming.reply_key('appeal')}:{vk_id}"
                )
            except MessengerError:
                continue
            reached.append(vk_id)
        await self._repo.delivered(appeal_id=number, to_vk_ids=reached)
        # Neither the text nor the people: the number and the count are enough to follow up.
        log.info("appeal %s (%s) reached %d of %d", number, kind, len(reached), len(recipients))
        if not reached:
            return note + texts.undelivered(self._title(kind))
        return note + texts.sent(number, self._title(kind))

    async def _administration(self) -> list[int]:
        """The director and the deputies; the bot's administrators only if there are none."""
        found: list[int] = []
        for role in (Role.DIRECTOR, Role.DEPUTY):
            found += [p.vk_id for p in await self._school.people_with_role(role=role) if p.vk_id]
        if not found:
            found = [
                p.vk_id for p in await self._school.people_with_role(role=Role.ADMIN) if p.vk_id
            ]
        return list(dict.fromkeys(found))

    async def _who(self, sender: Speaker) -> str:
        name = sender.person.full_name if sender.person else f"id{sender.vk_id}"
        link = f"[id{sender.vk_id}|{name}]"
        roles = sender.roles
        if not roles:
            return texts.who(link, texts.NOT_ON_ROSTER)
        if roles.pupil_classes:
            classes = ", ".join(str(c) for c in sorted(roles.pupil_classes))
            return texts.who(link, texts.pupil_of(classes))
        children = []
        for pupil_id in sorted(roles.children):
            child = await self._school.person(person_id=pupil_id)
            if child is None:
                continue
            classes = (await self._school.roles_of(person_id=pupil_id)).pupil_classes
            where = ", ".join(str(c) for c in sorted(classes))
            children.append(f"{child.full_name} ({where})" if where else child.full_name)
        return texts.who(link, texts.parent_of(", ".join(children)) if children else "")

    async def answer(self, turn: Turn) -> str:
        number: int = turn.args["appeal_number"]
        text = (turn.args.get("reply") or "").lstrip(" :—–-").strip()
        appeal = await self._repo.get(appeal_id=number)
        if appeal is None or turn.speaker.vk_id not in appeal.to_vk_ids:
            return texts.not_yours(number)
        if not text:
            return texts.empty_answer()
        by = self._title(appeal.to_kind)
        if appeal.to_kind == ADMINISTRATION and turn.speaker.person is not None:
            by = f"{by}, {turn.speaker.person.full_name}"
        try:
            await self._messenger.send(
                appeal.from_vk_id,
                texts.answer_to_sender(number, by, text),
                dedup_key=turn.incoming.reply_key("appeal-answer"),
            )
        except MessengerError:
            return texts.answer_undelivered(number)
        await self._repo.answered(appeal_id=number, by=turn.speaker.vk_id, at=self._clock())
        return texts.answer_sent(number)
