"""Getting invitations to the curator who asked for them: a list to copy and a PDF of sheets."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import datetime
from typing import TYPE_CHECKING

from bot.domain.chats import ChatKind, SchoolChat
from bot.domain.classes import ClassName
from bot.domain.events import IncomingMessage
from bot.domain.invites import Invitation
from bot.services.invites import IssueBatch
from bot.services.ports import Messenger, RecipientUnreachable
from bot.services.replies import ReplyService
from bot.storage.invite_repo import InviteRepo
from bot.storage.school_repo import SchoolRepo
from bot.texts import invites as texts
from bot.texts import school as school_texts
from bot.texts.chats import CHAT_KIND_WORDS

if TYPE_CHECKING:
    from bot.printing import InviteCard

# «пригласить 5А родители заново»: new links also to those who hold an open invitation.
AGAIN_WORD = "заново"


class DeliveryService:
    def __init__(
        self,
        messenger: Messenger,
        replies: ReplyService,
        invites: InviteRepo,
        school_repo: SchoolRepo,
        *,
        school_name: str,
        clock: Callable[[], datetime],
    ) -> None:
        self._messenger = messenger
        self._replies = replies
        self._invites = invites
        self._school_repo = school_repo
        self._school_name = school_name
        self._clock = clock

    async def hand_over(self, incoming: IncomingMessage, batches: list[IssueBatch]) -> None:
        """Codes are secrets: they go to the asker's dialog only, as one list to copy (a line
        per person: the name and the personal link) and one PDF of the same invitations."""
        key = incoming.reply_key("invites")
        to = incoming.author_id
        try:
            for number, batch in enumerate(batches):
                lines = [self._summary(batch)]
                if batch.issued:
                    lines.append("")
                for i, issued in enumerate(batch.issued, start=1):
                    person = issued.person.full_name
                    lines.append(texts.render_link_line(i, person, issued.child_name, issued.link))
                await self._replies.send(to, "\n".join(lines), key=f"{key}:{number}")
            await self._send_sheet(incoming, batches, key=incoming.reply_key("invites-pdf"))
        except RecipientUnreachable:
            await self._annul(batches)
            await self._replies.reply(incoming, school_texts.WRITE_ME_FIRST)
            return
        if incoming.is_chat:
            await self._replies.reply(incoming, school_texts.SENT_TO_DM)

    async def sheet(
        self,
        incoming: IncomingMessage,
        class_name: ClassName,
        batches: list[IssueBatch],
        whom: str = "parents",
    ) -> None:
        if not invite_cards(batches):
            await self._replies.reply(incoming, texts.SHEET_EMPTY)
            return
        try:
            await self._send_sheet(
                incoming, batches, key=incoming.reply_key("sheet"), whom=texts.SHEET_WHOM[whom]
            )
        except RecipientUnreachable:
            await self._annul(batches)
            await self._replies.reply(incoming, school_texts.WRITE_ME_FIRST)
            return
        if incoming.is_chat:
            await self._replies.reply(incoming, texts.SHEET_DM_ONLY)

    async def _send_sheet(
        self, incoming: IncomingMessage, batches: list[IssueBatch], *, key: str,
        whom: str | None = None,
    ) -> None:  # fmt: skip
        cards = invite_cards(batches)
        if not cards:
            return
        class_name = next((b.chat.class_name for b in batches if b.chat.class_name), None)
        # Imported here: the PDF and QR libraries weigh ~20 MB, and most days nobody prints.
        from bot.printing import render_invite_sheet

        # A PDF takes a while to draw: off the event loop, so chats are not kept waiting.
        pdf = await asyncio.to_thread(
            render_invite_sheet, self._school_name, str(class_name or ""), cards,
            created_at=self._clock(),
        )  # fmt: skip
        if whom is None:
            kinds = {b.chat.kind for b in batches if b.issued}
            whom = texts.SHEET_WHOM["all" if len(kinds) > 1 else _whom_of(kinds)]
        await self._messenger.send_document(
            incoming.author_id,
            filename=f"priglasheniya-{class_name or 'shkola'}.pdf",
            data=pdf,
            text=texts.sheet_sent(whom, len(cards)),
            dedup_key=key,
        )

    async def listing(
        self, found: list[tuple[SchoolChat, list[Invitation]]], class_name: ClassName
    ) -> str:
        if not found:
            return texts.no_chats_for_invites(str(class_name))
        now = self._clock()
        parts = []
        for chat, invitations in found:
            rows = [await self._row(inv, now) for inv in invitations]
            parts.append(texts.render_invitation_list(chat.title, rows))
        return "\n\n".join(parts)

    async def _row(self, inv: Invitation, now: datetime) -> texts.InvitationRow:
        person = await self._school_repo.person(person_id=inv.person_id)
        claimed_by = None
        if inv.claimed_vk_id:
            claimed_by = texts.mention(person.full_name if person else "?", inv.claimed_vk_id)
        return texts.InvitationRow(
            number=inv.id,
            person_name=person.full_name if person else "?",
            state=inv.state(now),
            expires_at=inv.expires_at,
            claimed_by=claimed_by,
            claimed_at=inv.claimed_at,
            revoked_at=inv.revoked_at,
        )

    def _summary(self, batch: IssueBatch) -> str:
        expires = self._clock().date()
        if batch.issued:
            expires = batch.issued[0].invitation.expires_at.date()
        chat = batch.chat
        again = None
        if chat.class_name is not None and chat.kind in CHAT_KIND_WORDS:
            again = f"пригласить {chat.class_name} {CHAT_KIND_WORDS[chat.kind]} {AGAIN_WORD}"
        return texts.render_issued(
            chat_title=chat.title,
            count=len(batch.issued),
            expires_on=expires,
            skipped=batch.skipped,
            again=again,
        )

    async def _annul(self, batches: list[IssueBatch]) -> None:
        now = self._clock()
        for batch in batches:
            for issued in batch.issued:
                await self._invites.revoke(invitation_id=issued.invitation.id, at=now)


def _whom_of(kinds: set[ChatKind]) -> str:
    return "pupils" if kinds == {ChatKind.PUPILS} else "parents"


def invite_cards(batches: list[IssueBatch]) -> list[InviteCard]:
    """One printable card per new invitation, in the order they were issued."""
    from bot.printing import InviteCard

    return [
        InviteCard(
            person_name=issued.person.full_name,
            child_name=issued.child_name,
            chat_title=batch.chat.title,
            link=issued.link,
            code=issued.code.display,
            expires_on=issued.invitation.expires_at.date(),
        )
        for batch in batches
        for issued in batch.issued
    ]
