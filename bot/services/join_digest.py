"""Strangers who come in together get one note in the chat and one alert, not one each.

The gate (`GateService`) decides about each joiner at once: a stranger in a class chat is made
read-only on the spot, so a raid cannot post. What is said about it waits a few seconds
(`[chats] digest_seconds`, sliding, at most `digest_longest_seconds` after the first) for the
rest of the burst; then one note goes into the chat (each person who can get a private message
gets theirs privately instead), everyone is removed, and the curator gets one message. When the
burst is a raid (`RaidGuard`), that message is the raid alert too: curator and administrators
get one message each, with the link already replaced.

Every joiner is a row in `join_digest` until the summary is out, so a restart in those seconds
sends the summary after the start (`recover`); every send is keyed by the batch's first row, so a
repeat reaches nobody twice.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime

from bot.domain.chats import JoinDecision, JoinReason, JoinVerdict, SchoolChat
from bot.domain.people import Person, Role
from bot.moderation.rules import RAID
from bot.services.alerts import AlertService
from bot.services.ports import Messenger, MessengerError
from bot.storage.chat_repo import ChatRepo
from bot.storage.digest_repo import DigestEntry, DigestRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import chats as texts
from bot.texts.moderation import rule_title

log = logging.getLogger(__name__)

REMOVED, REPORTED, RAIDED = "removed", "reported", "raid"


class JoinDigest:
    def __init__(
        self,
        repo: DigestRepo,
        chats: ChatRepo,
        school_repo: SchoolRepo,
        messenger: Messenger,
        alerts: AlertService,
        *,
        window: float,
        longest: float,
        raid_joins: int,
        raid_seconds: int,
        clock: Callable[[], datetime],
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._repo = repo
        self._chats = chats
        self._school_repo = school_repo
        self._messenger = messenger
        self._alerts = alerts
        self._window = window
        self._longest = longest
        self._raid_joins = raid_joins
        self._raid_seconds = raid_seconds
        self._clock = clock
        self._monotonic = monotonic
        self._tasks: dict[int, asyncio.Task] = {}
        self._first: dict[int, float] = {}
        self._last: dict[int, float] = {}
        self._flushing: dict[int, asyncio.Lock] = {}
        self._closing = asyncio.Event()
        self._wake: dict[int, asyncio.Event] = {}
        self._raids_under_way: dict[int, int] = {}

    # --- what the gate and the raid guard report ----------------------------------------------
    async def removed(self, chat: SchoolChat, vk_id: int, decision: JoinDecision) -> None:
        """A stranger the gate removes: read-only now, the note and the removal with the rest."""
        try:
            await self._messenger.restrict(chat.peer_id, [vk_id], None)
        except MessengerError as error:
            log.warning("could not make %s read-only in %s: %s", vk_id, chat.peer_id, error)
        await self._add(chat, REMOVED, vk_id, decision)

    async def reported(self, chat: SchoolChat, vk_id: int, decision: JoinDecision) -> None:
        """A stranger the gate keeps (the chat's policy): the curator hears with the rest."""
        await self._add(chat, REPORTED, vk_id, decision)

    def raid_started(self, peer_id: int) -> None:
        """The raid guard found a raid and is replacing the link: the summary waits for it."""
        self._raids_under_way[peer_id] = self._raids_under_way.get(peer_id, 0) + 1
        self._schedule(peer_id)

    async def raid(self, chat: SchoolChat, incident_id: int | None, *, link_reset: bool) -> None:
        try:
            if incident_id is not None:  # None: the raid's event came again; it is recorded
                await self._repo.add(
                    peer_id=chat.peer_id, chat_id=chat.id, kind=RAIDED, at=self._clock(),
                    incident_id=incident_id, link_reset=link_reset,
                )  # fmt: skip
        finally:
            left = self._raids_under_way.get(chat.peer_id, 1) - 1
            if left > 0:
                self._raids_under_way[chat.peer_id] = left
            else:
                self._raids_under_way.pop(chat.peer_id, None)
        self._schedule(chat.peer_id)

    async def _add(self, chat: SchoolChat, kind: str, vk_id: int, decision: JoinDecision) -> None:
        name = decision.person.full_name if decision.person else f"id{vk_id}"
        await self._repo.add(
            peer_id=chat.peer_id, chat_id=chat.id, kind=kind, at=self._clock(), vk_id=vk_id,
            reason=decision.reason.value, name=name,
        )  # fmt: skip
        self._schedule(chat.peer_id)

    # --- when the summary goes ---------------------------------------------------------------
    def _schedule(self, peer_id: int) -> None:
        now = self._monotonic()
        self._first.setdefault(peer_id, now)
        self._last[peer_id] = now
        task = self._tasks.get(peer_id)
        if task is None or task.done():
            self._tasks[peer_id] = asyncio.create_task(
                self._wait_then_flush(peer_id), name=f"join-digest:{peer_id}"
            )

    async def _wait_then_flush(self, peer_id: int) -> None:
        try:
            while True:
                due = min(self._last[peer_id] + self._window, self._first[peer_id] + self._longest)
                wait = due - self._monotonic()
                if peer_id in self._raids_under_way and self._monotonic() < (
                    self._first[peer_id] + self._longest
                ):
                    wait = max(wait, 0.05)  # the raid's link is being replaced: wait for it
                if wait <= 0:
                    break
                # Stopping ends the wait, never a summary half sent: its rows stay open and
                # `recover` sends it after the next start.
                wake = self._wake.setdefault(peer_id, asyncio.Event())
                closing = asyncio.ensure_future(self._closing.wait())
                woken = asyncio.ensure_future(wake.wait())
                await asyncio.wait({closing, woken}, timeout=wait, return_when="FIRST_COMPLETED")
                closing.cancel()
                woken.cancel()
                if self._closing.is_set():
                    return
                if wake.is_set():
                    wake.clear()
                    break
            self._first.pop(peer_id, None)
            self._last.pop(peer_id, None)
            await self.flush(peer_id)
        except Exception:
            log.exception(
                "the join summary for %s failed; it is sent after the next start", peer_id
            )

    async def flush_now(self, peer_id: int) -> None:
        """Send the chat's summary without waiting (an audit has gone through the whole chat)."""
        task = self._tasks.get(peer_id)
        if task is not None and not task.done():
            self._wake.setdefault(peer_id, asyncio.Event()).set()
            await asyncio.gather(task, return_exceptions=True)
        await self.flush(peer_id)

    async def recover(self) -> None:
        """Summaries a stop cut short: sent now."""
        for peer_id in await self._repo.open_peers():
            await self.flush(peer_id)

    async def close(self) -> None:
        self._closing.set()
        await asyncio.gather(*self._tasks.values(), return_exceptions=True)
        self._tasks.clear()

    async def flush(self, peer_id: int) -> None:
        lock = self._flushing.setdefault(peer_id, asyncio.Lock())
        async with lock:
            entries = await self._repo.open_entries(peer_id=peer_id)
            if not entries:
                return
            chat = await self._chats.by_peer(peer_id=peer_id)
            if chat is not None:
                await self._summarise(chat, entries)
            await self._repo.done(ids=[e.id for e in entries], at=self._clock())

    # --- the summary -------------------------------------------------------------------------
    async def _summarise(self, chat: SchoolChat, entries: list[DigestEntry]) -> None:
        batch = f"{chat.peer_id}:{entries[0].id}"
        curator = await self._curator(chat)
        removed = _unique([e for e in entries if e.kind == REMOVED])
        kept = _unique([e for e in entries if e.kind == REPORTED])
        raid = next((e for e in entries if e.kind == RAIDED), None)
        await self._note(chat, removed, curator, batch)
        for entry in removed:
            try:
                await self._messenger.remove_from_chat(chat.peer_id, entry.vk_id or 0)
            except MessengerError as error:
                log.warning("could not remove %s from %s: %s", entry.vk_id, chat.peer_id, error)
        if raid is not None and raid.incident_id is not None:
            await self._alerts.deliver(raid.incident_id, chat, self._text(chat, entries), None)
        elif removed or kept:
            await self._tell_staff(chat, curator, self._text(chat, entries), f"digest:{batch}")

    async def _note(
        self, chat: SchoolChat, removed: list[DigestEntry], curator: Person | None, batch: str
    ) -> None:
        """Each removed person is told privately where the community may write to them; the
        rest are told together in the chat, before they go."""
        unreachable = []
        for entry in removed:
            note = texts.render_removed_note(
                _decision(entry), chat_title=chat.title,
                curator_name=curator.full_name if curator else None,
                curator_vk_id=curator.vk_id if curator else None,
            )  # fmt: skip
            try:
                await self._messenger.send(
                    entry.vk_id or 0,
                    note,
                    dedup_key=f"gate-note:{chat.peer_id}:{entry.vk_id}:{batch}",
                )
            except MessengerError:
                unreachable.append(entry)
        if not unreachable:
            return
        if len(unreachable) == 1:
            note = texts.render_removed_note(
                _decision(unreachable[0]), chat_title=chat.title,
                curator_name=curator.full_name if curator else None,
                curator_vk_id=curator.vk_id if curator else None,
            )  # fmt: skip
        else:
            note = texts.render_removed_note_many(
                [(e.name or f"id{e.vk_id}", e.vk_id or 0) for e in unreachable],
                chat_title=chat.title,
                curator_name=curator.full_name if curator else None,
                curator_vk_id=curator.vk_id if curator else None,
            )
        try:
            await self._messenger.send(chat.peer_id, note, dedup_key=f"gate-note:{batch}")
        except MessengerError as error:
            log.warning("could not say in %s why joiners are removed: %s", chat.peer_id, error)

    def _text(self, chat: SchoolChat, entries: list[DigestEntry]) -> str:
        removed = _unique([e for e in entries if e.kind == REMOVED])
        kept = _unique([e for e in entries if e.kind == REPORTED])
        raid = next((e for e in entries if e.kind == RAIDED), None)
        if raid is None and len(removed) + len(kept) == 1:
            # One person: the report the curator has always had.
            entry = (removed or kept)[0]
            return texts.render_gate_report(
                _decision(entry), vk_id=entry.vk_id or 0, chat_title=chat.title
            )
        strangers = [e for e in removed if e.reason != JoinReason.WRONG_CHAT.value]
        wrong = [e for e in removed if e.reason == JoinReason.WRONG_CHAT.value]
        admit = None
        if removed and chat.class_name is not None:
            words = texts.CHAT_KIND_WORDS[chat.kind].replace(" <название>", f" {chat.subject}")
            admit = f"впустить vk.com/id{removed[0].vk_id} {chat.class_name} {words}"
        return texts.render_join_digest(
            chat_title=chat.title,
            removed=[_named(e) for e in strangers],
            wrong_chat=[_named(e) for e in wrong],
            kept=[_named(e) for e in kept],
            raid=texts.RaidNote(self._raid_joins, self._raid_seconds, raid.link_reset)
            if raid is not None
            else None,
            rule=rule_title(RAID, "4.6"),
            admit_example=admit,
        )

    async def _tell_staff(
        self, chat: SchoolChat, curator: Person | None, text: str, key: str
    ) -> None:
        recipients = [curator] if curator and curator.vk_id else [
            p for p in await self._school_repo.people_with_role(role=Role.ADMIN) if p.vk_id
        ]  # fmt: skip
        for person in recipients:
            try:
                await self._messenger.send(person.vk_id, text, dedup_key=f"{key}:{person.vk_id}")
            except MessengerError:
                continue

    async def _curator(self, chat: SchoolChat) -> Person | None:
        if chat.class_name is None:
            return None
        return await self._school_repo.curator_of(name=chat.class_name)


def _unique(entries: list[DigestEntry]) -> list[DigestEntry]:
    seen: dict[int | None, DigestEntry] = {}
    for entry in entries:
        seen.setdefault(entry.vk_id, entry)
    return list(seen.values())


def _named(entry: DigestEntry) -> tuple[str, int]:
    return entry.name or f"id{entry.vk_id}", entry.vk_id or 0


def _decision(entry: DigestEntry) -> JoinDecision:
    verdict = JoinVerdict.REMOVE if entry.kind == REMOVED else JoinVerdict.REPORT
    person = Person(id=0, vk_id=entry.vk_id, full_name=entry.name or f"id{entry.vk_id}")
    return JoinDecision(verdict, JoinReason(entry.reason or JoinReason.UNKNOWN.value), person)
