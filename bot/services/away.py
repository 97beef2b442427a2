"""A teacher's away mode: set, shown, cancelled; and the one reply a day to those who address them.

Every away row is held in memory (loaded once, on first use, then kept in step with each change),
so a plain chat message costs no query: with nobody away the check is one empty-dict test.
Who has been answered today is memory too; after a restart a person may get the reply once more.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo

from bot.domain.away import Away, AwayError, addressed_ids, read_away
from bot.domain.events import IncomingMessage
from bot.storage.away_repo import AwayRepo
from bot.texts import quiet as texts


class AwayService:
    def __init__(self, repo: AwayRepo, *, tz: tzinfo, clock: Callable[[], datetime]) -> None:
        self._repo = repo
        self._tz = tz
        self._clock = clock
        self._away: dict[int, Away] | None = None
        self._told_day: date | None = None
        self._told: set[tuple[int, int]] = set()

    def _today(self) -> date:
        return self._clock().astimezone(self._tz).date()

    async def _all(self) -> dict[int, Away]:
        if self._away is None:
            self._away = {away.vk_id: away for away in await self._repo.all()}
        return self._away

    async def set(self, vk_id: int, name: str, words: str) -> str:
        """The confirmation, or a Russian explanation with an example if the words are wrong."""
        try:
            read = read_away(words, self._today())
        except AwayError as error:
            return texts.away_error(error.problem.value, error.value)
        away = Away(vk_id, name, read.first, read.last, read.message or texts.DEFAULT_AWAY_MESSAGE)
        await self._repo.put(away=away, at=self._clock())
        (await self._all())[vk_id] = away
        return texts.away_set(away.name, away.first, away.last, away.message)

    async def show(self, vk_id: int) -> str:
        away = (await self._all()).get(vk_id)
        if away is None or away.last < self._today():
            return texts.AWAY_NONE
        return texts.away_shown(away.name, away.first, away.last, away.message)

    async def cancel(self, vk_id: int) -> str:
        if (await self._all()).pop(vk_id, None) is None:
            return texts.AWAY_NONE
        await self._repo.remove(vk_id=vk_id)
        return texts.AWAY_CANCELLED

    async def reply_for(self, incoming: IncomingMessage) -> str | None:
        """The away reply this chat message earns, once a day per (away person, author)."""
        everyone = await self._all()
        if not everyone:
            return None
        today = self._today()
        if self._told_day != today:
            self._told_day, self._told = today, set()
        for vk_id in sorted(addressed_ids(incoming)):
            away = everyone.get(vk_id)
            if away is None or not away.covers(today) or (vk_id, incoming.author_id) in self._told:
                continue
            self._told.add((vk_id, incoming.author_id))
            return texts.away_reply(away.name, away.first, away.last, away.message)
        return None
