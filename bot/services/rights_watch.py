"""Chats bound before the bot was made their administrator: noticing when the rights come.

VK sends no event when a chat's owner makes the community an administrator. The bot looks in
three ways, each cheap: (1) the next message from such a chat — before the rights VK shows the
bot only messages addressed to it, so any message may be the first sign — makes it ask VK once
(at most every `RECHECK_SECONDS` per chat); (2) a job asks for every such chat every
`[chats] rights_check_minutes`; (3) «привязать …» written in the chat again asks at once. When
the rights are there, `ChatService.complete_binding` takes the chat's real title and pins the
welcome.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable

from bot.services.chats import ChatService
from bot.services.ports import Messenger, MessengerError
from bot.storage.chat_repo import ChatRepo

log = logging.getLogger(__name__)

RECHECK_SECONDS = 30.0  # a busy chat asks VK at most this often


class RightsWatch:
    def __init__(
        self,
        chats: ChatRepo,
        service: ChatService,
        messenger: Messenger,
        *,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._chats = chats
        self._service = service
        self._messenger = messenger
        self._monotonic = monotonic
        self._asked: dict[int, float] = {}
        self._tasks: set[asyncio.Task] = set()

    @property
    def _pending(self) -> set[int]:
        return self._service.pending.peers

    async def load(self) -> None:
        """At start: which chats still wait (the database keeps them across restarts)."""
        self._pending.update(chat.peer_id for chat in await self._chats.rights_pending())

    def noticed(self, peer_id: int) -> None:
        """A message came from `peer_id` (called for every chat message: a set lookup)."""
        if peer_id not in self._pending:
            return
        now = self._monotonic()
        if now - self._asked.get(peer_id, float("-inf")) < RECHECK_SECONDS:
            return
        self._asked[peer_id] = now
        task = asyncio.create_task(self.check(peer_id), name=f"rights-check:{peer_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def check(self, peer_id: int) -> bool:
        """True if the chat's binding is complete now."""
        chat = await self._chats.by_peer(peer_id=peer_id)
        if chat is None:
            self._pending.discard(peer_id)
            return False
        try:
            rights = await self._messenger.chat_rights(peer_id)
            if not rights.is_admin:
                return False
            await self._service.complete_binding(chat, rights)
        except MessengerError as error:
            log.warning("could not check the rights in %s: %s", peer_id, error)
            return False
        log.info("rights came in %s: binding completed", peer_id)
        return True

    async def check_all(self) -> int:
        """The periodic job: every waiting chat once. Returns how many were completed."""
        done = 0
        for chat in await self._chats.rights_pending():
            self._pending.add(chat.peer_id)
            done += await self.check(chat.peer_id)
        return done

    async def close(self) -> None:
        # A check is one question to VK and a few writes: let it end rather than cut a write.
        await asyncio.gather(*self._tasks, return_exceptions=True)
