"""«Чаты всем классам»: a pupils' and a parents' chat for every class, in one confirmed run.

The preview names every chat to be made; «Создать» (an administrator's press, on a preview that
still matches the school) starts a run. The run lives in the database (`chat_setup_runs`, one
item per chat), so it is exactly once across restarts:

- an item is CREATING before `messages.createChat` is sent and CREATED, with its chat stored,
  in the same transaction as the answer is written down;
- `createChat` is never repeated blindly (VK has no key to drop a repeat): when its answer was
  lost, or the bot stopped between sending it and writing the answer down, the run first waits
  out the request's time and looks among the community's own chats for one with that title
  (`find_own_chat`) before it makes another;
- when VK refuses more chats today (its daily cap), the run waits a day — a job at the moment,
  planned again after a restart — and says so to the administrator.

All calls pass the gateway's rate limiter; the administrator hears how it goes every
`PROGRESS_EVERY` chats and gets one summary. Each curator gets one message with the join links
of their classes' new chats (a community cannot add people to a chat); a curator the community
cannot write to yet gets it the moment they write (`HeldMessages`), and the summary names them
with the link that fixes it.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3
import time
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, tzinfo

from bot.domain.chat_setup import (
    PROGRESS_EVERY,
    RETRY_AFTER_LIMIT,
    SETUP_KINDS,
    ItemState,
    RunState,
    SetupItem,
    SetupPlan,
    plan_chat_setup,
    settle_wait,
)
from bot.domain.chats import SchoolChat, TitleTemplates
from bot.domain.events import ButtonPress
from bot.domain.people import Person
from bot.services.chats import ChatService
from bot.services.held import HeldMessages
from bot.services.planner import Planner
from bot.services.ports import (
    Button,
    Community,
    DailyLimit,
    Keyboard,
    Messenger,
    MessengerError,
    OutcomeUnknown,
)
from bot.services.school import SchoolService
from bot.storage.chat_repo import ChatRepo
from bot.storage.chat_setup_repo import ChatSetupRepo, RunBusy
from bot.storage.school_repo import SchoolRepo
from bot.texts import chat_setup as texts

log = logging.getLogger(__name__)

PAYLOAD_KEY = "chats_all"
GO, CANCEL = "go", "cancel"
UNSURE_TRIES = 3  # lost answers to createChat in a row before an item is given up for this run


class ChatSetupService:
    def __init__(
        self,
        repo: ChatSetupRepo,
        chats: ChatRepo,
        chat_service: ChatService,
        school_repo: SchoolRepo,
        school: SchoolService,
        messenger: Messenger,
        held: HeldMessages,
        planner: Planner,
        *,
        community: Community,
        templates: TitleTemplates,
        school_name: str,
        request_timeout: float,
        tz: tzinfo,
        clock: Callable[[], datetime],
        wall: Callable[[], float] = time.time,
    ) -> None:
        self._repo = repo
        self._chats = chats
        self._chat_service = chat_service
        self._school_repo = school_repo
        self._school = school
        self._messenger = messenger
        self._held = held
        self._planner = planner
        self._community = community
        self._templates = templates
        self._school_name = school_name
        self._request_timeout = request_timeout
        self._tz = tz
        self._clock = clock
        self._wall = wall
        self._lock = asyncio.Lock()
        self._task: asyncio.Task | None = None
        self._stopping = asyncio.Event()

    @staticmethod
    def is_ours(payload: dict) -> bool:
        return payload.get(PAYLOAD_KEY) in (GO, CANCEL) and isinstance(payload.get("f"), str)

    # --- the preview ---------------------------------------------------------------------------
    async def plan(self) -> SetupPlan:
        return plan_chat_setup(
            await self._school_repo.list_classes(),
            await self._chats.all_live(),
            templates=self._templates,
            school=self._school_name,
        )

    async def preview(self) -> tuple[str, Keyboard | None]:
        live = await self._repo.live()
        if live is not None:
            items = await self._repo.items(run_id=live.id)
            made = sum(1 for i in items if i.state.finished)
            resume = live.resume_at.astimezone(self._tz) if live.resume_at else None
            return texts.already_running(made, len(items), resume), None
        plan = await self.plan()
        if not plan.steps:
            return texts.NO_CLASSES, None
        if not plan.to_make:
            return texts.nothing_to_do(len(plan.classes), len(plan.existing)), None
        curators = {}
        for name in {s.class_name for s in plan.to_make}:
            curator = await self._school_repo.curator_of(name=name)
            curators[name] = curator.full_name if curator else None
        keyboard = Keyboard([[
            Button(texts.RUN_BUTTON, {PAYLOAD_KEY: GO, "f": plan.fingerprint}, color="positive"),
            Button(texts.CANCEL_BUTTON, {PAYLOAD_KEY: CANCEL, "f": plan.fingerprint}),
        ]])  # fmt: skip
        return texts.preview(plan, curators, plan.to_make[0].title), keyboard

    async def on_button(self, press: ButtonPress) -> None:
        person = await self._school_repo.person_by_vk(vk_id=press.user_id)
        roles = await self._school_repo.roles_of(person_id=person.id) if person else None
        text = None
        if person is None or roles is None or not roles.is_admin:
            note = texts.REFUSED
        elif press.payload[PAYLOAD_KEY] == CANCEL:
            note = text = texts.CANCELLED
        else:
            note, text = await self._start(person, press)
        try:
            await self._messenger.answer_button(press.event_id, press.user_id, press.peer_id, note)
        except MessengerError as error:
            log.warning("could not answer button %s: %s", press.event_id, error)
        if text is not None:
            key = f"chats-all:{press.peer_id}:{press.message_id}:{press.payload[PAYLOAD_KEY]}"
            await self._messenger.send(press.peer_id, text, dedup_key=key)

    async def _start(self, actor: Person, press: ButtonPress) -> tuple[str, str]:
        plan = await self.plan()
        if plan.fingerprint != press.payload["f"] or not plan.to_make:
            return texts.STALE, texts.STALE
        try:
            run_id = await self._repo.start(
                actor_person_id=actor.id, report_peer_id=press.user_id, steps=plan.to_make,
                at=self._clock(),
            )  # fmt: skip
        except RunBusy:
            text, _ = await self.preview()
            return texts.STARTED_NOTE, text
        await self._school.record(actor, "setup_all_chats", chats=len(plan.to_make))
        self._spawn(run_id)
        return texts.STARTED_NOTE, texts.started(len(plan.to_make))

    # --- running -------------------------------------------------------------------------------
    def _spawn(self, run_id: int) -> None:
        if self._task is not None and not self._task.done():
            return  # the running task picks up whatever is left
        self._task = asyncio.create_task(self._guarded(run_id), name=f"chats-all:{run_id}")

    async def _guarded(self, run_id: int) -> None:
        try:
            await self.run(run_id)
        except Exception:
            log.exception("chat set-up run %s stopped; it goes on after the next start", run_id)

    async def recover(self) -> None:
        """At start: a run cut short goes on; a run waiting for VK's next day is planned again."""
        live = await self._repo.live()
        if live is None:
            return
        if live.state is RunState.WAITING and live.resume_at is not None:
            self._planner.at(f"chats-setup:{live.id}", live.resume_at, self.resume, live.id)
        else:
            self._spawn(live.id)

    async def resume(self, run_id: int) -> None:
        """The planned job: VK's new day has come."""
        self._spawn(run_id)
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    async def close(self) -> None:
        """Stop between two chats, never inside one: the rest goes on after the next start."""
        self._stopping.set()
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    async def run(self, run_id: int) -> None:
        async with self._lock:
            run = await self._repo.run(run_id=run_id)
            if run is None or run.state is RunState.DONE:
                return
            items = await self._repo.items(run_id=run_id)
            if run.state is RunState.WAITING:
                await self._repo.set_state(run_id=run_id, state=RunState.RUNNING)
                left = sum(1 for i in items if not i.state.finished)
                await self._report(
                    run.report_peer_id, texts.resumed(left), f"resumed:{run_id}:{left}"
                )
            known = await self._chats.known_peers()
            total = len(items)
            for item in items:
                if self._stopping.is_set():
                    return
                if item.state.finished:
                    continue
                outcome = await self._make(item, known)
                if isinstance(outcome, DailyLimit):
                    await self._wait_for_tomorrow(run_id, run.report_peer_id, total)
                    return
                if outcome is not None:
                    made = await self._made_count(run_id)
                    if made % PROGRESS_EVERY == 0 and made < total:
                        await self._report(
                            run.report_peer_id,
                            texts.progress(made, total, outcome.title),
                            f"progress:{run_id}:{made}",
                        )
            await self._finish(run_id, run.report_peer_id)

    async def _made_count(self, run_id: int) -> int:
        return sum(1 for i in await self._repo.items(run_id=run_id) if i.state.finished)

    async def _make(self, item: SetupItem, known: set[int]) -> SchoolChat | DailyLimit | None:
        """One chat of the run: made (or found, if VK made it and the answer was lost).
        Returns the chat, the day's limit if VK refused, or None when skipped or failed."""
        if item.state is ItemState.CREATING:
            found = await self._look_for(item, known)
            if found is not None:
                return await self._adopt(item, found, known)
        if await self._chats.find(kind=item.kind, class_name=item.class_name) is not None:
            await self._repo.mark(item_id=item.id, state=ItemState.SKIPPED)
            return None
        for _ in range(UNSURE_TRIES):
            await self._repo.mark(
                item_id=item.id, state=ItemState.CREATING, attempted_at=self._wall()
            )
            try:
                peer_id = await self._messenger.create_chat(item.title)
            except DailyLimit as limit:
                await self._repo.mark(item_id=item.id, state=ItemState.PLANNED)
                return limit
            except OutcomeUnknown:
                found = await self._look_for(replace(item, attempted_at=self._wall()), known)
                if found is None:
                    continue  # VK did not make it: try again
                return await self._adopt(item, found, known)
            except MessengerError as error:
                log.warning("could not create %s: %s", item.title, error)
                await self._repo.mark(item_id=item.id, state=ItemState.FAILED, error=str(error))
                return None
            return await self._adopt(item, peer_id, known)
        await self._repo.mark(item_id=item.id, state=ItemState.FAILED, error="no answer from VK")
        return None

    async def _look_for(self, item: SetupItem, known: set[int]) -> int | None:
        wait = settle_wait(item.attempted_at, self._wall(), self._request_timeout)
        if wait > 0:
            log.info("waiting %.1fs before looking for «%s» made by a lost call", wait, item.title)
            await asyncio.sleep(wait)
        try:
            return await self._messenger.find_own_chat(item.title, known=known)
        except MessengerError as error:
            log.warning("could not look for «%s»: %s", item.title, error)
            return None

    async def _adopt(self, item: SetupItem, peer_id: int, known: set[int]) -> SchoolChat | None:
        known.add(peer_id)
        try:
            chat = await self._repo.created(
                item_id=item.id,
                chat=SchoolChat(peer_id, item.kind, item.class_name, None, item.title),
            )
        except sqlite3.IntegrityError:
            # The class got this chat another way at the same moment; the new one stays unused.
            log.warning("«%s» was made twice (peer %s is not used)", item.title, peer_id)
            await self._repo.mark(item_id=item.id, state=ItemState.SKIPPED)
            return None
        await self._chat_service.welcome(chat)
        return chat

    async def _wait_for_tomorrow(self, run_id: int, report_peer: int, total: int) -> None:
        resume_at = self._clock() + RETRY_AFTER_LIMIT
        await self._repo.set_state(run_id=run_id, state=RunState.WAITING, resume_at=resume_at)
        self._planner.at(f"chats-setup:{run_id}", resume_at, self.resume, run_id)
        made = await self._made_count(run_id)
        await self._report(
            report_peer,
            texts.daily_limit(made, total, resume_at.astimezone(self._tz)),
            f"limit:{run_id}:{made}",
        )

    # --- the end: links to the curators, one summary --------------------------------------------
    async def _finish(self, run_id: int, report_peer: int) -> None:
        items = await self._repo.items(run_id=run_id)
        created = [i for i in items if i.state is ItemState.CREATED and i.peer_id]
        links = {i.id: await self._link(i.peer_id) for i in created}  # type: ignore[arg-type]
        by_curator: dict[int, tuple[Person, list[SetupItem]]] = {}
        no_curator = []
        for item in created:
            curator = await self._school_repo.curator_of(name=item.class_name)
            if curator is None or curator.vk_id is None:
                no_curator.append((str(item.class_name), item.title, links[item.id]))
                continue
            by_curator.setdefault(curator.id, (curator, []))[1].append(item)
        reached, held = 0, []
        for curator, mine in by_curator.values():
            text = texts.curator_links(
                [(str(i.class_name), i.title, links[i.id]) for i in mine], self._school_name
            )
            assert curator.vk_id is not None
            if await self._held.send_or_hold(
                curator.vk_id, text, key=f"chats-all:{run_id}:links:{curator.id}"
            ):
                reached += 1
            else:
                classes = sorted({str(i.class_name) for i in mine})
                held.append(f"{curator.full_name} ({', '.join(classes)})")
        live = [c for c in await self._chats.all_live() if c.kind in SETUP_KINDS and c.class_name]
        summary = texts.summary(
            made=len(created),
            existed=len(live) - len(created),
            failed=[i.title for i in items if i.state is ItemState.FAILED],
            reached=reached,
            held=held,
            no_curator=no_curator,
            fix_link=self.fix_link,
        )
        await self._report(report_peer, summary, f"summary:{run_id}")
        await self._repo.set_state(run_id=run_id, state=RunState.DONE, at=self._clock())

    @property
    def fix_link(self) -> str:
        return f"https://vk.me/{self._community.screen_name}"

    async def _link(self, peer_id: int) -> str | None:
        try:
            return await self._messenger.invite_link(peer_id)
        except MessengerError:
            return None

    async def _report(self, peer_id: int, text: str, key: str) -> None:
        try:
            await self._messenger.send(peer_id, text, dedup_key=f"chats-all:{key}")
        except MessengerError as error:
            log.warning("could not report the chat set-up to %s: %s", peer_id, error)
