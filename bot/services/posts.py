"""Posts to the school's chats: draft with a preview, confirm by button, schedule, list, move, cancel.

Nothing goes out before its author presses «Опубликовать» under the preview; every mistake in the
command is answered before anything is stored. Sending itself is `PostDelivery`'s.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, tzinfo

from bot.domain.chats import CHANNEL_KINDS, ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.domain.events import ButtonPress
from bot.domain.people import Roles
from bot.domain.post_records import LIVE, Delivery, Post, PostStatus
from bot.domain.posts import (
    MAX_POST_TEXT,
    Audience,
    ChatTarget,
    PostKind,
    Wording,
    WordsError,
    read_broadcast,
    read_event,
    read_post,
    reminder_label,
)
from bot.domain.quiet import QuietPolicy, next_morning
from bot.domain.when import WhenError, parse_when
from bot.services.ports import Button, Keyboard, Messenger, MessengerError
from bot.services.post_delivery import PostDelivery
from bot.storage.chat_repo import ChatRepo
from bot.storage.post_repo import PostRepo
from bot.texts import chats as chat_texts
from bot.texts import posts as texts
from bot.texts import quiet as quiet_texts

PAYLOAD_KEY = "post"
PUBLISH, CANCEL = "publish", "cancel"
URGENT = "urgent"
_READERS = {"publish": read_post, "announce_event": read_event}
_EXAMPLES = {
    "publish": texts.EXAMPLE_POST,
    "broadcast": texts.EXAMPLE_BROADCAST,
    "announce_event": texts.EXAMPLE_EVENT,
}


class PostError(Exception):
    """The command cannot become a post; `text` says why, in Russian, with an example."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


@dataclass(frozen=True)
class Draft:
    post: Post
    preview: str
    keyboard: Keyboard


def keyboard(post_id: int, *, urgent: bool = False) -> Keyboard:
    # «срочно» rides on the button: the hold is decided when it is pressed. A forged flag only
    # lets the author skip the hold they could skip by writing «срочно» anyway.
    publish = {PAYLOAD_KEY: post_id, "do": PUBLISH} | ({URGENT: True} if urgent else {})
    return Keyboard(
        rows=[
            [
                Button(texts.BUTTON_PUBLISH, publish, "positive"),
                Button(texts.BUTTON_CANCEL, {PAYLOAD_KEY: post_id, "do": CANCEL}, "negative"),
            ]
        ]
    )


class PostService:
    def __init__(
        self,
        repo: PostRepo,
        chats: ChatRepo,
        messenger: Messenger,
        delivery: PostDelivery,
        *,
        tz: tzinfo,
        clock: Callable[[], datetime],
        quiet: QuietPolicy | None = None,
    ) -> None:
        self._quiet = quiet or QuietPolicy()
        self._repo = repo
        self._chats = chats
        self._messenger = messenger
        self._delivery = delivery
        self._tz = tz
        self._clock = clock

    def _now(self) -> datetime:
        return self._clock().astimezone(self._tz)

    # --- drafting ---------------------------------------------------------------------------
    async def draft(
        self,
        *,
        command: str,
        author_vk_id: int,
        roles: Roles,
        class_name: ClassName | None,
        what: str,
        attachments: tuple[str, ...],
        written_length: int,
    ) -> Draft:
        example = _EXAMPLES[command]
        if written_length > MAX_POST_TEXT:
            raise PostError(texts.TEXT_TOO_LONG.format(length=written_length, limit=MAX_POST_TEXT))
        now = self._now()
        try:
            if command == "broadcast":
                wording = read_broadcast(what, now)
            else:
                wording = _READERS[command](class_name, what, now)
        except WordsError as error:
            raise PostError(texts.words_error(error, example)) from None
        except WhenError as error:
            raise PostError(texts.when_error(error, example)) from None
        self._check_may(roles, wording)
        chats, missing = await self._chats_for(wording)
        if len(chats) == 1 and isinstance(wording.target, ChatTarget):
            await self._check_rights(chats[0])
        # A post for later that falls in its chats' quiet hours waits for the morning (unless
        # urgent); one sent at once (an event's announcement too) is held when it is confirmed,
        # so the preview only warns.
        timed = command != "announce_event" and wording.at is not None
        moment = wording.at if timed and wording.at else now
        morning = None if wording.urgent else self._quiet_morning(wording.target.kind, moment)
        return await self._store(
            command, author_vk_id, wording, chats, missing, attachments, now,
            held=morning if timed else None, warn=morning,
        )  # fmt: skip

    def _quiet_morning(self, kind: ChatKind, moment: datetime) -> datetime | None:
        """When the quiet hours that `moment` falls in end for chats of `kind` (None: not quiet)."""
        rules = self._quiet.quiet_rules(kind, moment)
        return next_morning(moment, rules) if rules is not None else None

    def _check_may(self, roles: Roles, wording: Wording) -> None:
        target = wording.target
        if isinstance(target, Audience) or target.kind in CHANNEL_KINDS:
            if not roles.is_staff:
                raise PostError(texts.CHANNELS_ONLY_LEADERS)
        elif not roles.is_staff and target.class_name not in roles.curated_classes:
            raise PostError(texts.CLASS_NOT_YOURS)

    async def _chats_for(self, wording: Wording) -> tuple[list[SchoolChat], list[str]]:
        target = wording.target
        if isinstance(target, ChatTarget):
            chat = await self._chats.find(kind=target.kind, class_name=target.class_name)
            if chat is None:
                raise PostError(chat_texts.no_chat_yet(target.kind, target.class_name, None))
            return [chat], []
        found = [
            c
            for c in await self._chats.all_live()
            if c.kind is target.kind and target.takes(c.class_name)
        ]
        have = {c.class_name for c in found}
        missing = [str(c) for c in target.classes if c not in have]
        if not found:
            raise PostError(texts.NO_CHATS)
        return sorted(found, key=_class_order), missing

    async def _check_rights(self, chat: SchoolChat) -> None:
        rights = await self._messenger.chat_rights(chat.peer_id)
        if not rights.is_member:
            raise PostError(texts.bot_not_in_chat(chat.title, texts.reason(917)))

    async def _store(
        self,
        command: str,
        author: int,
        wording: Wording,
        chats: list[SchoolChat],
        missing: list[str],
        attachments: tuple[str, ...],
        now: datetime,
        *,
        held: datetime | None = None,
        warn: datetime | None = None,
    ) -> Draft:
        kind = {"publish": PostKind.POST, "broadcast": PostKind.BROADCAST}.get(
            command, PostKind.EVENT
        )
        where = (
            f"«{chats[0].title}»"
            if isinstance(wording.target, ChatTarget)
            else texts.describe_target(wording.target, {})
        )
        deliveries = [Delivery(c.peer_id, c.title) for c in chats]
        is_event = kind is PostKind.EVENT
        assert not is_event or wording.at is not None
        text = texts.event_text(wording.text, wording.at) if is_event else wording.text  # type: ignore[arg-type]
        nonce = secrets.token_hex(4)
        due = held or (None if is_event or not wording.at else wording.at)
        post = await self._repo.add(
            post=Post(
                kind=kind, author_vk_id=author, target=where, text=text, created_at=_utc(now),
                nonce=nonce, due_at=_utc(due) if due else None,
                event_at=_utc(wording.at) if is_event and wording.at else None,
                attachments=attachments,
            ),
            deliveries=deliveries,
        )  # fmt: skip
        reminders, skipped = [], []
        for offset in wording.reminders:
            assert wording.at is not None
            moment = wording.at - offset
            if moment <= now:
                skipped.append(offset)
                continue
            await self._repo.add(
                post=Post(
                    kind=PostKind.REMINDER, author_vk_id=author, target=where,
                    text=texts.reminder_text(wording.text, wording.at, offset),
                    created_at=_utc(now), nonce=nonce, due_at=_utc(moment),
                    parent_id=post.id, label=reminder_label(offset), attachments=attachments,
                ),
                deliveries=deliveries,
            )  # fmt: skip
            reminders.append((moment, offset))
        preview = texts.preview(
            kind=kind, where=where, chats=[c.title for c in chats], missing=missing,
            when=held or (None if is_event else wording.at), text=text,
            attachments=len(attachments), reminders=reminders, skipped=skipped,
        )  # fmt: skip
        if warn is not None:
            preview = quiet_texts.held_for_quiet(preview, warn, wording.at if held else None)
        return Draft(post, preview, keyboard(post.id or 0, urgent=wording.urgent))

    # --- the preview's buttons ----------------------------------------------------------------
    @staticmethod
    def is_ours(payload: dict) -> bool:
        number = payload.get(PAYLOAD_KEY)
        # A forged payload may carry anything: only a plausible row id reaches the database.
        return type(number) is int and 0 < number < 2**63 and payload.get("do") in (PUBLISH, CANCEL)

    async def on_button(self, press: ButtonPress) -> None:
        post = await self._repo.get(post_id=int(press.payload[PAYLOAD_KEY]))
        note, after = await self._decide(press, post)
        try:
            await self._messenger.answer_button(press.event_id, press.user_id, press.peer_id, note)
        except MessengerError:
            pass  # the press is over a minute old: the outcome below still reaches the author
        if after is not None:
            await after()

    async def _decide(self, press: ButtonPress, post: Post | None):
        if post is None or post.id is None or post.kind is PostKind.REMINDER:
            return texts.PRESS_UNKNOWN, None
        if post.author_vk_id != press.user_id:
            return texts.PRESS_NOT_YOURS, None
        children = await self._repo.children(parent_id=post.id)
        if press.payload["do"] == CANCEL:
            if not await self._move(post, PostStatus.CANCELLED, [PostStatus.DRAFT]):
                return texts.press_stale(post), None
            for child in children:
                await self._move(child, PostStatus.CANCELLED, [PostStatus.DRAFT])
            return texts.PRESS_CANCELLED, None
        if post.due_at is not None and post.due_at <= self._clock():
            await self._move(post, PostStatus.CANCELLED, [PostStatus.DRAFT])
            return texts.press_stale(post), None
        held = False
        if post.due_at is None and not press.payload.get(URGENT):
            post, held = await self._hold_for_quiet(post)
        target = PostStatus.SENDING if post.due_at is None else PostStatus.SCHEDULED
        if not await self._move(post, target, [PostStatus.DRAFT]):
            return texts.press_stale(post), None
        for child in children:
            if await self._move(child, PostStatus.SCHEDULED, [PostStatus.DRAFT]):
                self._delivery.plan(child)
        if target is PostStatus.SENDING:
            return texts.PRESS_SENDING, lambda: self._delivery.deliver(post.id or 0)
        self._delivery.plan(post)
        assert post.due_at is not None
        note = texts.scheduled(post, post.due_at.astimezone(self._tz), len(children))
        if held:
            note = quiet_texts.HELD_AT_PRESS + "\n" + note
        return texts.PRESS_SCHEDULED, lambda: self._delivery.tell(post, note)

    async def _hold_for_quiet(self, post: Post) -> tuple[Post, bool]:
        """A post going out at once into chats in their quiet hours waits for the morning."""
        chat = (
            await self._chats.by_peer(peer_id=post.deliveries[0].peer_id)
            if post.deliveries
            else None
        )
        morning = self._quiet_morning(chat.kind, self._clock()) if chat is not None else None
        if morning is None or not await self._repo.set_due(post_id=post.id or 0, due=_utc(morning)):
            return post, False
        return replace(post, due_at=_utc(morning)), True

    async def _move(self, post: Post, to: PostStatus, only_from: list[PostStatus]) -> bool:
        return await self._repo.move(post_id=post.id or 0, to=to, only_from=only_from)

    # --- the schedule -------------------------------------------------------------------------
    async def listing(self, vk_id: int, roles: Roles) -> str:
        posts = await self._repo.with_status(statuses=[PostStatus.SCHEDULED])
        mine = [p for p in posts if roles.is_staff or p.author_vk_id == vk_id]
        return texts.listing([(p, p.due_at.astimezone(self._tz)) for p in mine if p.due_at])

    async def _own(self, vk_id: int, roles: Roles, number: int) -> Post:
        post = await self._repo.get(post_id=number)
        if post is None or post.status is PostStatus.DRAFT:
            raise PostError(texts.NO_SUCH_POST)
        if not roles.is_staff and post.author_vk_id != vk_id:
            raise PostError(texts.NOT_YOUR_POST)
        return post

    async def reschedule(self, vk_id: int, roles: Roles, number: int, when: str) -> str:
        post = await self._own(vk_id, roles, number)
        if post.status is not PostStatus.SCHEDULED:
            raise PostError(texts.ALREADY_GONE)
        try:
            moment = parse_when(when, self._now())
        except WhenError as error:
            raise PostError(texts.when_error(error, f"перенести {number} завтра 10:00")) from None
        if not await self._repo.set_due(post_id=number, due=_utc(moment)):
            raise PostError(texts.ALREADY_GONE)
        moved = await self._repo.get(post_id=number)
        assert moved is not None
        self._delivery.plan(moved)
        return texts.moved(moved, moment)

    async def cancel(self, vk_id: int, roles: Roles, number: int) -> str:
        post = await self._own(vk_id, roles, number)
        cancelled_main = await self._move(post, PostStatus.CANCELLED, list(LIVE))
        reminders = 0
        for child in await self._repo.children(parent_id=number):
            if await self._move(child, PostStatus.CANCELLED, list(LIVE)):
                self._delivery.unplan(child)
                reminders += 1
        if not cancelled_main and not reminders:
            raise PostError(texts.ALREADY_GONE)
        self._delivery.unplan(post)
        if not cancelled_main:
            return texts.reminders_cancelled(post, reminders)
        return texts.cancelled(post, reminders)


def _class_order(chat: SchoolChat) -> tuple[int, str, int]:
    name = chat.class_name
    return (name.grade, name.letter, chat.id or 0) if name else (0, "", chat.id or 0)


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)
