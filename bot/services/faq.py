"""Answers to recurring questions: kept by curators, given in the class's chats.

Cheap on the hot path: a chat message reaches `on_question` only when it has a question's form
(a pure check in the handler's rule); the answers live in memory, loaded once and reloaded after
a change, so a question costs one indexed lookup of its chat's class and no more.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta

from bot.domain.classes import ClassName
from bot.domain.faq import FaqEntry, match
from bot.domain.faq_text import FaqTextError, parse_faq_text
from bot.domain.people import Role, Roles
from bot.services.ports import Messenger, MessengerError
from bot.services.turns import Turn
from bot.storage.faq_repo import FaqRepo
from bot.texts import faq as texts

log = logging.getLogger(__name__)

# The same question in the same chat within this window gets no second answer: the first one is
# still on the screen a few messages up.
REPEAT_WINDOW = timedelta(minutes=10)
# Answers are reloaded after a change made here at once, and at least this often anyway: a class
# renamed (the new school year) or removed elsewhere must not keep its old answers for long.
CACHE_TTL = timedelta(minutes=5)


def asks_for_answers(roles: Roles) -> bool:
    """Staff ask in chats to check on people, not because they do not know."""
    return not (roles.is_staff or roles.has(Role.CURATOR) or roles.has(Role.TEACHER))


class FaqService:
    def __init__(
        self, repo: FaqRepo, messenger: Messenger, *, clock: Callable[[], datetime]
    ) -> None:
        self._repo = repo
        self._messenger = messenger
        self._clock = clock
        self._entries: list[FaqEntry] | None = None
        self._loaded_at: datetime | None = None
        self._version = 0  # a load that raced a change must not bring the old answers back
        self._answered: dict[tuple[int, int], datetime] = {}

    async def entries(self) -> list[FaqEntry]:
        now = self._clock()
        fresh = self._loaded_at is not None and now - self._loaded_at < CACHE_TTL
        if self._entries is not None and fresh:
            return self._entries
        version = self._version
        entries = await self._repo.all()
        if version == self._version:
            self._entries, self._loaded_at = entries, now
        return entries

    def _changed(self) -> None:
        self._version += 1
        self._entries = None

    async def on_question(self, turn: Turn) -> bool:
        """Answers a chat question that matches a stored one; True if it did."""
        incoming = turn.incoming
        if not asks_for_answers(turn.speaker.roles):
            return False
        entries = await self.entries()
        if not entries:
            return False
        class_name = await self._repo.class_of_chat(peer_id=incoming.peer_id)
        if class_name is None:
            return False
        own = [e for e in entries if e.class_name is None or e.class_name == class_name]
        entry = match(incoming.text, own, class_name)
        if entry is None:
            return False
        now = self._clock()
        if not self._first_in_window((incoming.peer_id, entry.id), now):
            return False
        text = texts.PINNED_POINTER if entry.points_to_pin else texts.answer(entry.answer)
        try:
            await self._messenger.send(
                incoming.peer_id,
                text,
                dedup_key=incoming.reply_key("faq"),
                reply_to=incoming.message_id,
            )
        except MessengerError as error:
            log.warning("could not answer a question in %s: %s", incoming.peer_id, error)
            return False
        await self._repo.record_hit(
            answer_id=entry.id, peer_id=incoming.peer_id, cmid=incoming.message_id, at=now
        )
        return True

    def _first_in_window(self, key: tuple[int, int], now: datetime) -> bool:
        last = self._answered.get(key)
        if last is not None and now - last < REPEAT_WINDOW:
            return False
        if len(self._answered) > 1000:
            self._answered = {k: t for k, t in self._answered.items() if now - t < REPEAT_WINDOW}
        self._answered[key] = now
        return True

    async def answered(self, since: datetime) -> int:
        """Chat questions the bot answered since then (for the director's report)."""
        return await self._repo.hits_since(since=since)

    async def add(self, turn: Turn) -> str:
        class_name: ClassName | None = turn.args.get("class_name")
        raw = (turn.args.get("faq") or "").lstrip(" :—–-")
        try:
            draft = parse_faq_text(raw)
        except FaqTextError as error:
            return texts.bad_text(error)
        number = await self._repo.add(
            class_name=class_name,
            questions=draft.questions,
            answer=draft.answer,
            author_vk_id=turn.speaker.vk_id,
            at=self._clock(),
        )
        if number is None:
            assert class_name is not None
            return texts.no_class(class_name)
        self._changed()
        return texts.added(number, FaqEntry.of(number, class_name, draft.questions, draft.answer))

    async def listing(self, turn: Turn) -> str:
        class_name: ClassName | None = turn.args.get("class_name")
        entries = await self.entries()
        if class_name is not None:
            entries = [e for e in entries if e.class_name in (None, class_name)]
        return texts.listing(entries, class_name)

    async def remove(self, turn: Turn) -> str:
        number: int = turn.args["answer_number"]
        entry = next((e for e in await self.entries() if e.id == number), None)
        if entry is None:
            return texts.not_found(number)
        roles = turn.speaker.roles
        if not roles.is_admin and entry.class_name not in roles.curated_classes:
            return texts.not_yours(number)
        await self._repo.remove(answer_id=number)
        self._changed()
        return texts.removed(number)
