"""Posts, broadcasts and events: the command makes a preview, its buttons publish or cancel."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle import GroupEventType
from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.handlers.convert import to_button_press
from bot.rules.command import IsCommand
from bot.services.ports import RecipientUnreachable
from bot.services.posts import PostError, PostService
from bot.texts import school as school_texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class IsPostButton(ABCRule[dict]):
    async def check(self, event: dict) -> bool:
        press = to_button_press(event)
        return press is not None and PostService.is_ours(press.payload)


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()
    posts = services.posts

    async def answer(turn: Turn, make_text) -> None:
        try:
            text = await make_text()
        except PostError as error:
            text = error.text
        await services.replies.reply(turn.incoming, text)

    @lab.message(IsCommand("publish", "broadcast", "announce_event"))
    async def cmd_publish(message: Message, turn: Turn) -> None:
        incoming = turn.incoming
        try:
            draft = await posts.draft(
                command=turn.command or "",
                author_vk_id=incoming.author_id,
                roles=turn.speaker.roles,
                class_name=turn.args.get("class_name"),
                what=turn.args.get("post") or "",
                attachments=tuple(a.ref for a in incoming.attachments if a.ref),
                written_length=len(incoming.text),
            )
        except PostError as error:
            await services.replies.reply(incoming, error.text)
            return
        # The preview goes to the author's dialog: its buttons are for the author alone.
        try:
            await services.replies.send(
                incoming.author_id,
                draft.preview,
                key=incoming.reply_key("preview"),
                keyboard=draft.keyboard,
            )
        except RecipientUnreachable:
            await services.replies.reply(incoming, school_texts.WRITE_ME_FIRST)
            return
        if incoming.is_chat:
            await services.replies.reply(incoming, school_texts.SENT_TO_DM)

    @lab.message(IsCommand("list_posts"))
    async def cmd_list_posts(message: Message, turn: Turn) -> None:
        text = await posts.listing(turn.incoming.author_id, turn.speaker.roles)
        await services.replies.reply_private(turn.incoming, text)

    @lab.message(IsCommand("reschedule_post"))
    async def cmd_reschedule_post(message: Message, turn: Turn) -> None:
        vk_id, roles, args = turn.incoming.author_id, turn.speaker.roles, turn.args
        await answer(turn, lambda: posts.reschedule(vk_id, roles, args["number"], args["when"]))

    @lab.message(IsCommand("cancel_post"))
    async def cmd_cancel_post(message: Message, turn: Turn) -> None:
        vk_id, roles, number = turn.incoming.author_id, turn.speaker.roles, turn.args["number"]
        await answer(turn, lambda: posts.cancel(vk_id, roles, number))

    @lab.raw_event(GroupEventType.MESSAGE_EVENT, dict, IsPostButton())
    async def on_button(event: dict) -> None:
        press = to_button_press(event)
        if press is not None:
            await posts.on_button(press)

    return lab
