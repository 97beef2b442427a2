"""A person answers an invitation: opens a link (its `ref`), or sends a code and nothing else.

Ordinary text never reaches the code path: «2 марта; 3 марта», a phone number or a class name in
the dialog is what it is, never a failed attempt, and a lock-out for wrong codes never stands in
front of a command. Whoever opened a class join link answers the bot's one question here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle import GroupEventType
from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.domain.invites import ClaimResult, InviteCode
from bot.handlers.convert import to_button_press
from bot.services.class_links import ClassLinkService
from bot.services.invite_owners import InviteOwners
from bot.services.invites import InviteService
from bot.services.ports import Button, Keyboard
from bot.texts import invites as texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn

# The start button of a dialog opened by a link reads as `помощь`; with a `ref` it is the code.
_START = frozenset({None, "help"})


def code_of(turn: Turn) -> InviteCode | None:
    """The code this message answers with, if it is one for the code path at all."""
    incoming = turn.incoming
    if incoming.is_chat or incoming.author_id <= 0:
        return None
    if incoming.ref and turn.command in _START:
        code = InviteService.code_in("", incoming.ref)
        if code is not None:
            return code
    if turn.command is not None:
        return None
    return InviteService.code_in(incoming.text, None)


class HasInviteCode(ABCRule[Message]):
    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return turn is not None and code_of(turn) is not None


class AnswersJoinQuestion(ABCRule[Message]):
    """A message in the dialog of someone the bot asked whose parent they are."""

    def __init__(self, links: ClassLinkService) -> None:
        self.links = links

    async def check(self, event: Message, turn: Turn | None = None) -> bool:
        return (
            turn is not None
            and not turn.incoming.is_chat
            and turn.command is None
            and bool(turn.incoming.text.strip())
            and await self.links.is_asking(turn.incoming.author_id)
        )


class IsOwnerButton(ABCRule[dict]):
    async def check(self, event: dict) -> bool:
        press = to_button_press(event)
        return press is not None and InviteOwners.is_ours(press.payload)


class IsJoinRequestButton(ABCRule[dict]):
    async def check(self, event: dict) -> bool:
        press = to_button_press(event)
        return press is not None and ClassLinkService.is_ours(press.payload)


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(HasInviteCode())
    async def on_invite_code(message: Message, turn: Turn) -> None:
        incoming = turn.incoming
        code = code_of(turn)
        if code is None:
            return
        claim = await services.invites.claim(incoming.author_id, code)
        if claim.report:
            await services.notify.to_admins(claim.report, key=f"guessing:{incoming.author_id}")
        if claim.locked_for:
            await services.replies.reply(incoming, texts.render_too_many_attempts(claim.locked_for))
            return
        if claim.class_link is not None:
            await services.class_links.open(incoming, claim.class_link)
            return
        if claim.result is None:
            await services.replies.reply(incoming, texts.CODE_NOT_FOUND)
            return
        await services.invite_owners.after_claim(claim, incoming.author_id)
        if claim.result is not ClaimResult.OK:
            curator = claim.curator
            text = texts.render_claim_refused(
                claim.result,
                curator_name=curator.full_name if curator else None,
                curator_vk_id=curator.vk_id if curator else None,
            )
            if claim.told and claim.result in (ClaimResult.FOREIGN, ClaimResult.SPENT):
                text += "\n" + texts.CURATOR_TOLD
            await services.replies.reply(incoming, text)
            return
        keyboard = None
        if claim.link:
            button = Button(texts.JOIN_BUTTON, {}, kind="open_link", link=claim.link)
            keyboard = Keyboard(rows=[[button]], inline=True)
        await services.replies.reply(
            incoming, texts.render_claim_ok(claim.chat.title), keyboard=keyboard
        )

    @lab.message(AnswersJoinQuestion(services.class_links))
    async def on_join_answer(message: Message, turn: Turn) -> None:
        await services.class_links.answer(turn.incoming)

    @lab.raw_event(GroupEventType.MESSAGE_EVENT, dict, IsOwnerButton())
    async def on_owner_button(event: dict) -> None:
        press = to_button_press(event)
        if press is not None:
            await services.invite_owners.on_button(press)

    @lab.raw_event(GroupEventType.MESSAGE_EVENT, dict, IsJoinRequestButton())
    async def on_join_button(event: dict) -> None:
        press = to_button_press(event)
        if press is not None:
            await services.class_links.on_button(press)

    return lab
