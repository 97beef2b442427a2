"""A person answers an invitation: opens the personal link (ref) or sends the bare code."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.domain.invites import ClaimResult
from bot.services.invites import InviteService
from bot.services.ports import Button, Keyboard
from bot.texts import invites as texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class HasInviteCode(ABCRule[Message]):
    """A message in the community's dialog that carries a code, or came through a vk.me ref."""

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        if turn is None or turn.incoming.is_chat:
            return False
        incoming = turn.incoming
        return bool(incoming.ref) or InviteService.code_in(incoming.text, None) is not None


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(HasInviteCode())
    async def on_invite_code(message: Message, turn: Turn) -> None:
        incoming = turn.incoming
        code = InviteService.code_in(incoming.text, incoming.ref)
        if code is None:
            await services.replies.reply(incoming, texts.CODE_NOT_FOUND)
            return
        claim = await services.invites.claim(incoming.author_id, code)
        if claim.report:
            await services.notify.to_admins(claim.report, key=f"guessing:{incoming.author_id}")
        if claim.locked_for:
            await services.replies.reply(incoming, texts.render_too_many_attempts(claim.locked_for))
            return
        if claim.result is None:
            await services.replies.reply(incoming, texts.CODE_NOT_FOUND)
            return
        if claim.result is not ClaimResult.OK:
            curator = claim.curator
            text = texts.render_claim_refused(
                claim.result,
                curator_name=curator.full_name if curator else None,
                curator_vk_id=curator.vk_id if curator else None,
            )
            await services.replies.reply(incoming, text)
            return
        keyboard = None
        if claim.link:
            button = Button(texts.JOIN_BUTTON, {}, kind="open_link", link=claim.link)
            keyboard = Keyboard(rows=[[button]], inline=True)
        await services.replies.reply(
            incoming, texts.render_claim_ok(claim.chat.title), keyboard=keyboard
        )

    return lab
