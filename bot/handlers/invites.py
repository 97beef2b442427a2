"""Personal invitations: issuing, listing, revoking, the printable sheet, and letting people in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.domain.chats import ChatKind
from bot.rules.command import IsCommand
from bot.services.chats import ChatError
from bot.services.delivery import AGAIN_WORD
from bot.services.invites import IssueBatch
from bot.services.school import SchoolError
from bot.texts import class_links as link_texts
from bot.texts import invites as texts
from bot.texts.school import school_error

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()
    invites, chats, replies = services.invites, services.chats, services.replies

    async def refuse(turn: Turn, error: Exception) -> None:
        text = school_error(error) if isinstance(error, SchoolError) else error.text
        await replies.reply(turn.incoming, text)

    @lab.message(IsCommand("invite"))
    async def cmd_invite(message: Message, turn: Turn) -> None:
        speaker, args = turn.speaker, turn.args
        whom, again = split_again(args["whom"])
        try:
            batches = await invites.issue(
                speaker.person, speaker.roles, args["class_name"], whom, also_open=again
            )
        except ChatError as error:
            await refuse(turn, error)
            return
        await services.delivery.hand_over(turn.incoming, batches)

    @lab.message(IsCommand("list_invites"))
    async def cmd_list_invites(message: Message, turn: Turn) -> None:
        found = await invites.of_class(turn.speaker.roles, turn.args["class_name"])
        text = await services.delivery.listing(found, turn.args["class_name"])
        await replies.reply_private(turn.incoming, text)

    @lab.message(IsCommand("revoke_invite"))
    async def cmd_revoke_invite(message: Message, turn: Turn) -> None:
        try:
            invitation, revoked = await invites.revoke_one(turn.speaker.roles, turn.args["number"])
        except ChatError as error:
            await refuse(turn, error)
            return
        names = await invites.holder_names([invitation])
        text = (
            texts.render_revoked_one(invitation.id, names[invitation.person_id])
            if revoked
            else texts.ALREADY_REVOKED
        )
        await replies.reply(turn.incoming, text)

    @lab.message(IsCommand("revoke_invites"))
    async def cmd_revoke_invites(message: Message, turn: Turn) -> None:
        try:
            chat = await chats.find(turn.speaker.roles, turn.args["class_name"], turn.args["what"])
        except ChatError as error:
            await refuse(turn, error)
            return
        count = await invites.revoke_open(chat)
        await replies.reply(turn.incoming, texts.render_revoked_open(chat.title, count))

    @lab.message(IsCommand("reset_link"))
    async def cmd_reset_link(message: Message, turn: Turn) -> None:
        try:
            chat = await chats.find(turn.speaker.roles, turn.args["class_name"], turn.args["what"])
            await chats.reset_link(chat)
        except ChatError as error:
            await refuse(turn, error)
            return
        await replies.reply(turn.incoming, texts.render_link_reset(chat.title))

    @lab.message(IsCommand("admit"))
    async def cmd_admit(message: Message, turn: Turn) -> None:
        speaker, args = turn.speaker, turn.args
        try:
            chat = await chats.find(speaker.roles, args["class_name"], args["what"])
            person = await services.school.find_person(args["person"])
        except (ChatError, SchoolError) as error:
            await refuse(turn, error)
            return
        await services.gate.allow(speaker.person, chat, person)
        link = await chats.join_link(chat)
        await replies.reply_private(
            turn.incoming, texts.render_admitted(person.full_name, chat.title, link)
        )

    @lab.message(IsCommand("invite_sheet"))
    async def cmd_invite_sheet(message: Message, turn: Turn) -> None:
        speaker = turn.speaker
        whom = turn.args.get("whom") or "родители"
        try:
            # A sheet adds invitations: those handed out before stay valid.
            batches = await invites.issue(
                speaker.person, speaker.roles, turn.args["class_name"], whom, also_open=True
            )
        except ChatError as error:
            await refuse(turn, error)
            return
        await services.delivery.sheet(
            turn.incoming, turn.args["class_name"], batches, sheet_whom(batches)
        )

    @lab.message(IsCommand("class_link"))
    async def cmd_class_link(message: Message, turn: Turn) -> None:
        speaker, args = turn.speaker, turn.args
        try:
            issued = await services.class_links.issue(
                speaker.person, speaker.roles, args["class_name"], args.get("what")
            )
        except ChatError as error:
            await refuse(turn, error)
            return
        what = "родители" if issued.chat.kind is ChatKind.PARENTS else "ученики"
        text = link_texts.render_link_issued(
            chat_title=issued.chat.title,
            link=issued.link,
            expires_on=issued.expires_at.date(),
            replaced=issued.replaced,
            for_parents=issued.chat.kind is ChatKind.PARENTS,
            command=f"отозвать общую ссылку {args['class_name']} {what}",
        )
        await replies.reply_private(turn.incoming, text)

    @lab.message(IsCommand("revoke_class_link"))
    async def cmd_revoke_class_link(message: Message, turn: Turn) -> None:
        args = turn.args
        try:
            chat, count = await services.class_links.revoke(
                turn.speaker.roles, args["class_name"], args.get("what")
            )
        except ChatError as error:
            await refuse(turn, error)
            return
        await replies.reply(turn.incoming, link_texts.render_links_revoked(chat.title, count))

    return lab


def sheet_whom(batches: list[IssueBatch]) -> str:
    """Whom the sheet is for, as `texts.SHEET_WHOM` names it."""
    kinds = {batch.chat.kind for batch in batches}
    if len(kinds) > 1:
        return "all"
    return "pupils" if kinds == {ChatKind.PUPILS} else "parents"


def split_again(whom: str | None) -> tuple[str | None, bool]:
    """«родители заново» → («родители», True): new links even to those who hold one."""
    words = (whom or "").split()
    if words and words[-1].casefold() == AGAIN_WORD:
        return " ".join(words[:-1]) or None, True
    return whom, False
