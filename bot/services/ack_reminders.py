"""The reminder of an announcement answered by button, and the author's report after it.

At `remind_at` (a one-off job, `ack:42:remind`, rebuilt from the database at start) each family
that has not answered is reminded in the parents' own dialogs where the bot may write; families
none of whose parents can be written to are mentioned together in one message in the chat. Then
the author gets the rate and the names still missing. Exactly once: the announcement is
REMINDING before the first message leaves and every message's key comes from the announcement
and the person, so a restart mid-way repeats nothing VK has already delivered.
"""

from __future__ import annotations

import logging

from bot.domain.ack_records import Ack, AckStatus
from bot.services.acks import AckService, keyboard
from bot.services.planner import Planner
from bot.services.ports import Messenger, MessengerError, RecipientUnreachable
from bot.services.replies import ReplyService
from bot.storage.ack_repo import AckRepo
from bot.texts import acks as texts

log = logging.getLogger(__name__)


class AckReminders:
    def __init__(
        self,
        repo: AckRepo,
        acks: AckService,
        messenger: Messenger,
        replies: ReplyService,
        planner: Planner,
    ) -> None:
        self._repo = repo
        self._acks = acks
        self._messenger = messenger
        self._replies = replies
        self._planner = planner
        acks.on_posted = self.plan

    def plan(self, ack: Ack) -> None:
        assert ack.id is not None
        self._planner.at(ack.job_id, ack.remind_at, self.run, ack.id)

    async def recover(self) -> None:
        """At start: finish a reminder that was going out, plan the ones still to come."""
        for ack in await self._repo.with_status(status=AckStatus.REMINDING):
            await self.run(ack.id or 0)
        for ack in await self._repo.with_status(status=AckStatus.OPEN):
            self.plan(ack)

    async def run(self, ack_id: int) -> None:
        try:
            await self._remind(ack_id)
        except Exception:
            log.exception("the reminder of announcement %s failed", ack_id)

    async def _remind(self, ack_id: int) -> None:
        ack = await self._repo.get(ack_id=ack_id)
        if ack is None or ack.status is AckStatus.DONE:
            return
        if ack.status is AckStatus.OPEN and not await self._repo.move(
            ack_id=ack_id, to=AckStatus.REMINDING, only_from=AckStatus.OPEN
        ):
            return
        result = await self._acks.tally(ack)
        in_dm, mentions = 0, []
        for unit in result.missing:
            reached = False
            for voter in unit.voters:
                if voter.vk_id and await self._dm(ack, voter.vk_id):
                    reached = True
            if reached:
                in_dm += 1
            elif voters := [v for v in unit.voters if v.vk_id]:
                mentions.append(", ".join(f"[id{v.vk_id}|{v.name}]" for v in voters))
        if mentions:
            try:
                await self._messenger.send(
                    ack.peer_id, texts.reminder_chat(ack, mentions), dedup_key=ack.key("chat")
                )
            except MessengerError as error:
                log.warning("could not remind in chat %s: %s", ack.peer_id, error)
                mentions = []
        report = texts.report(ack, result, reminded=(in_dm, len(mentions)))
        try:
            await self._replies.send(ack.author_vk_id, report, key=ack.key("report"))
        except MessengerError as error:
            log.warning("could not report announcement %s to its author: %s", ack_id, error)
        await self._repo.move(ack_id=ack_id, to=AckStatus.DONE, only_from=AckStatus.REMINDING)

    async def _dm(self, ack: Ack, vk_id: int) -> bool:
        try:
            await self._messenger.send(
                vk_id,
                texts.reminder_dm(ack),
                dedup_key=ack.key("dm", vk_id),
                keyboard=keyboard(ack),
            )
        except RecipientUnreachable:
            return False
        except MessengerError as error:
            log.warning("could not remind %s of announcement %s: %s", vk_id, ack.id, error)
            return False
        return True
