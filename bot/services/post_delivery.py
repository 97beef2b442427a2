"""Sending a confirmed post exactly once, on time, and rebuilding the schedule at start.

Exactly once: a post is SENDING before its first message leaves, every chat has its delivery
row, and every message carries a `random_id` made of the post and the chat. A crash mid-send
leaves the post SENDING with some rows pending; at start those are sent again, and VK drops the
ones that had gone out already. A post whose time passed while the bot was down goes out if it is
less than `grace` late; otherwise it is MISSED and its author told.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from bot.domain.post_records import DeliveryStatus, Post, PostStatus
from bot.domain.posts import PostKind
from bot.services.planner import Planner
from bot.services.ports import Messenger, MessengerError, Outgoing
from bot.services.replies import ReplyService
from bot.storage.post_repo import PostRepo
from bot.texts import posts as texts

log = logging.getLogger(__name__)

BATCH = 25  # one `execute` carries 25 sends; marking after each keeps a restart's repeat small


class PostDelivery:
    def __init__(
        self,
        repo: PostRepo,
        messenger: Messenger,
        replies: ReplyService,
        planner: Planner,
        *,
        grace: timedelta,
        tz: tzinfo,
        clock: Callable[[], datetime],
    ) -> None:
        self._repo = repo
        self._messenger = messenger
        self._replies = replies
        self._planner = planner
        self._grace = grace
        self._tz = tz
        self._clock = clock

    def plan(self, post: Post) -> None:
        assert post.id is not None and post.due_at is not None
        self._planner.at(post.job_id, post.due_at, self.run_due, post.id)

    def unplan(self, post: Post) -> None:
        self._planner.drop(post.job_id)

    async def recover(self) -> None:
        """At start: finish what was going out, and plan (or run, or miss) what is scheduled."""
        for post in await self._repo.with_status(statuses=[PostStatus.SENDING]):
            await self.deliver(post.id or 0)
        for post in await self._repo.with_status(statuses=[PostStatus.SCHEDULED]):
            self.plan(post)

    async def run_due(self, post_id: int) -> None:
        """The scheduler's job: the post's time has come (or came while the bot was down)."""
        post = await self._repo.get(post_id=post_id)
        if post is None or post.status is not PostStatus.SCHEDULED or post.due_at is None:
            return
        if self._clock() - post.due_at > self._grace:
            if await self._repo.move(
                post_id=post_id, to=PostStatus.MISSED, only_from=[PostStatus.SCHEDULED]
            ):
                log.warning("post %s missed its time %s", post_id, post.due_at)
                await self.tell(post, texts.missed(post, post.due_at.astimezone(self._tz)))
            return
        if await self._repo.move(
            post_id=post_id, to=PostStatus.SENDING, only_from=[PostStatus.SCHEDULED]
        ):
            await self.deliver(post_id)

    async def deliver(self, post_id: int) -> None:
        post = await self._repo.get(post_id=post_id)
        if post is None or post.status is not PostStatus.SENDING:
            return
        pending = [d for d in post.deliveries if d.status is DeliveryStatus.PENDING]
        for start in range(0, len(pending), BATCH):
            batch = pending[start : start + BATCH]
            results = await self._messenger.send_many(
                [
                    Outgoing(d.peer_id, post.text, post.dedup_key(d.peer_id), post.attachments)
                    for d in batch
                ]
            )
            now = self._clock()
            for result in results:
                await self._repo.mark_delivery(
                    post_id=post_id,
                    peer_id=result.peer_id,
                    status=DeliveryStatus.SENT if result.ok else DeliveryStatus.FAILED,
                    at=now,
                    cmid=result.message_id,
                    error_code=result.error.code if result.error else None,
                )
        await self._repo.move(
            post_id=post_id, to=PostStatus.SENT, only_from=[PostStatus.SENDING], at=self._clock()
        )
        done = await self._repo.get(post_id=post_id)
        assert done is not None
        failed = any(d.status is DeliveryStatus.FAILED for d in done.deliveries)
        if done.kind is not PostKind.REMINDER or failed:
            await self.tell(done, texts.report(done, done.deliveries))

    async def tell(self, post: Post, text: str) -> None:
        try:
            await self._replies.send(
                post.author_vk_id, text, key=f"post-note:{post.id}:{post.nonce}:{post.status}"
            )
        except MessengerError as error:
            log.warning("could not tell the author of post %s: %s", post.id, error)
