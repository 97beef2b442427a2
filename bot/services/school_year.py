"""«Новый учебный год»: a preview with buttons, then every class moves up in one go."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, tzinfo

from bot.domain.chats import TitleTemplates
from bot.domain.events import ButtonPress
from bot.domain.people import Person
from bot.domain.school_year import YearPlan, plan_new_year
from bot.domain.trail import TrailEntry
from bot.services.ports import Button, Keyboard, Messenger, MessengerError
from bot.storage.chat_repo import ChatRepo
from bot.storage.movement_repo import MovementRepo
from bot.storage.school_repo import SchoolRepo
from bot.storage.trail_repo import TrailRepo
from bot.texts import movement as texts

log = logging.getLogger(__name__)

PAYLOAD_KEY = "new_year"
GO, CANCEL = "go", "cancel"


class SchoolYearService:
    def __init__(
        self,
        repo: MovementRepo,
        school_repo: SchoolRepo,
        chats: ChatRepo,
        trail: TrailRepo,
        messenger: Messenger,
        *,
        templates: TitleTemplates,
        school_name: str,
        graduate_chats: str,
        tz: tzinfo,
        clock: Callable[[], datetime],
    ) -> None:
        self._repo = repo
        self._school_repo = school_repo
        self._chats = chats
        self._trail = trail
        self._messenger = messenger
        self._templates = templates
        self._school_name = school_name
        self._graduate_chats = graduate_chats
        self._tz = tz
        self._clock = clock

    @staticmethod
    def is_ours(payload: dict) -> bool:
        return payload.get(PAYLOAD_KEY) in (GO, CANCEL) and isinstance(payload.get("f"), str)

    async def plan(self) -> YearPlan:
        return plan_new_year(
            await self._school_repo.list_classes(),
            await self._chats.all_live(),
            templates=self._templates,
            school=self._school_name,
            today=self._clock().astimezone(self._tz).date(),
        )

    async def preview(self) -> tuple[str, Keyboard | None]:
        plan = await self.plan()
        if not plan.moves and not plan.graduating:
            return texts.YEAR_NOTHING, None
        keyboard = Keyboard([[
            Button(texts.YEAR_RUN, {PAYLOAD_KEY: GO, "f": plan.fingerprint}, color="positive"),
            Button(texts.YEAR_CANCEL, {PAYLOAD_KEY: CANCEL, "f": plan.fingerprint}),
        ]])  # fmt: skip
        return texts.year_preview(plan, self._graduate_chats), keyboard

    async def on_button(self, press: ButtonPress) -> None:
        person = await self._school_repo.person_by_vk(vk_id=press.user_id)
        roles = await self._school_repo.roles_of(person_id=person.id) if person else None
        if person is None or roles is None or not roles.is_admin:
            note, text = texts.YEAR_REFUSED, None
        elif press.payload[PAYLOAD_KEY] == CANCEL:
            note, text = texts.YEAR_CANCELLED, texts.YEAR_CANCELLED
        else:
            plan = await self.plan()
            if plan.fingerprint != press.payload["f"]:
                note, text = texts.YEAR_STALE, texts.YEAR_STALE
            else:
                text = await self.execute(person, plan)
                note = texts.YEAR_DONE_NOTE
        try:
            await self._messenger.answer_button(press.event_id, press.user_id, press.peer_id, note)
        except MessengerError as error:
            log.warning("could not answer button %s: %s", press.event_id, error)
        if text is not None:
            key = f"new-year:{press.peer_id}:{press.message_id}:{press.payload[PAYLOAD_KEY]}"
            await self._messenger.send(press.peer_id, text, dedup_key=key)

    async def execute(self, actor: Person, plan: YearPlan) -> str:
        now = self._clock()
        titles = {r.chat.peer_id: r.new_title for r in plan.retitles}
        await self._repo.new_year(
            label=plan.label, moves=plan.moves, graduating=plan.graduating, titles=titles,
            at=now, by=actor.id,
        )  # fmt: skip
        await self._trail.record(
            entry=TrailEntry(
                actor_person_id=actor.id, action="new_year", at=now,
                details={"year": plan.label, "moved": len(plan.moves),
                         "graduated": ", ".join(map(str, plan.graduating)) or None},
            )
        )  # fmt: skip
        failed = []
        for retitle in plan.retitles:
            try:
                await self._messenger.set_chat_title(retitle.chat.peer_id, retitle.new_title)
            except MessengerError:
                failed.append(retitle.chat.title)
        for chat in plan.archived:
            await self._archive(chat.peer_id, key=f"farewell:{chat.peer_id}:{plan.label}")
        return texts.year_done(plan, failed)

    async def _archive(self, peer_id: int, *, key: str) -> None:
        try:
            await self._messenger.send(peer_id, texts.GRADUATE_FAREWELL, dedup_key=key)
            if self._graduate_chats == "leave":
                await self._messenger.remove_from_chat(peer_id, -abs(await self._own_id()))
            else:
                members = await self._messenger.chat_member_ids(peer_id)
                if members:
                    await self._messenger.restrict(peer_id, members, None)
        except MessengerError as error:
            log.warning("could not archive chat %s: %s", peer_id, error)

    async def _own_id(self) -> int:
        return (await self._messenger.community()).id
