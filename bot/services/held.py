"""What waits for a person the community cannot write to yet (issue 17, item 6).

VK lets a community write to someone only after they wrote to it or allowed its messages (else
error 901). A curator who never did would lose the join links of «чаты всем классам» and the
parents' questions; instead they are held here (`held_messages`) and delivered the moment the
person writes to the community or allows its messages (`contact`). Every delivery carries the
key it was held under, so a repeat reaches nobody twice.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime

from bot.services.ports import Messenger, MessengerError, RecipientUnreachable
from bot.storage.held_repo import HeldMessage, HeldRepo
from bot.texts import dm_menu as texts

log = logging.getLogger(__name__)

TEXT, QUESTION = "text", "question"


class HeldMessages:
    def __init__(
        self, repo: HeldRepo, messenger: Messenger, *, clock: Callable[[], datetime]
    ) -> None:
        self._repo = repo
        self._messenger = messenger
        self._clock = clock
        self._waiting: set[int] = set()
        self._tasks: set[asyncio.Task] = set()
        self._delivering: dict[int, asyncio.Lock] = {}

    async def load(self) -> None:
        self._waiting = await self._repo.waiting_people()

    def is_waiting(self, vk_id: int) -> bool:
        return vk_id in self._waiting

    async def send_or_hold(self, vk_id: int, text: str, *, key: str) -> bool:
        """True if sent now; False if held until the person writes to the community."""
        try:
            await self._messenger.send(vk_id, text, dedup_key=key)
            return True
        except RecipientUnreachable:
            await self._hold(vk_id, key, TEXT, {"text": text})
            return False

    async def hold_question(
        self, vk_id: int, *, key: str, parent_vk_id: int, message_id: int, who: str, class_name: str
    ) -> None:
        """A parent's question for a curator who cannot be written to: kept as a reference to
        the parent's message, read again from VK when delivered (the text is not stored)."""
        body = {"parent": parent_vk_id, "cmid": message_id, "who": who, "class": class_name}
        await self._hold(vk_id, key, QUESTION, body)

    async def _hold(self, vk_id: int, key: str, kind: str, body: dict) -> None:
        await self._repo.hold(vk_id=vk_id, dedup_key=key, kind=kind, body=body, at=self._clock())
        self._waiting.add(vk_id)

    def contact(self, vk_id: int) -> None:
        """The person wrote to the community (or allowed its messages): deliver what waits.
        Called for every message in the community's dialog: a set lookup when nothing does."""
        if vk_id not in self._waiting:
            return
        task = asyncio.create_task(self.deliver(vk_id), name=f"held:{vk_id}")
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def deliver(self, vk_id: int) -> int:
        lock = self._delivering.setdefault(vk_id, asyncio.Lock())
        async with lock:
            delivered = 0
            for held in await self._repo.waiting_for(vk_id=vk_id):
                try:
                    text = await self._render(held)
                    if text is not None:
                        await self._messenger.send(vk_id, text, dedup_key=held.dedup_key)
                except RecipientUnreachable:
                    return delivered  # still closed: it waits for the next time
                except MessengerError as error:
                    log.warning("held message %s to %s failed: %s", held.id, vk_id, error)
                    return delivered
                await self._repo.delivered(held_id=held.id, at=self._clock())
                delivered += 1
            self._waiting.discard(vk_id)
            return delivered

    async def _render(self, held: HeldMessage) -> str | None:
        if held.kind == TEXT:
            return str(held.body["text"])
        body = held.body
        found = await self._messenger.message_text(int(body["parent"]), int(body["cmid"]))
        if found is None or found[0] != int(body["parent"]):
            text = None  # the parent deleted it: say it was asked, not what
        else:
            text = found[1]
        return texts.question_to_curator(body["who"], body["class"], text, held_since=True)

    async def close(self) -> None:
        await asyncio.gather(*self._tasks, return_exceptions=True)
