"""Creating and binding the school's chats, and `статус 5А`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.rules.command import IsCommand
from bot.services.chats import ChatError
from bot.texts import chats as texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()
    chats = services.chats

    @lab.message(IsCommand("create_chat"))
    async def cmd_create_chat(message: Message, turn: Turn) -> None:
        speaker, args = turn.speaker, turn.args
        try:
            outcome = await chats.create(
                speaker.person, speaker.roles, args["class_name"], args["what"]
            )
        except ChatError as error:
            await services.replies.reply(turn.incoming, error.text)
            return
        if outcome.created:
            text = texts.render_chat_created(outcome.chat.title)
        else:
            text = texts.render_chat_exists(outcome.chat.title)
        if outcome.link:
            text += "\n" + texts.chat_link(outcome.link)
        await services.replies.reply_private(turn.incoming, text)

    @lab.message(IsCommand("bind_chat"))
    async def cmd_bind_chat(message: Message, turn: Turn) -> None:
        speaker, args, incoming = turn.speaker, turn.args, turn.incoming
        if not incoming.is_chat:
            await services.replies.reply(incoming, texts.BIND_ONLY_IN_CHAT)
            return
        try:
            outcome = await chats.bind(
                speaker.person, speaker.roles, incoming.peer_id, args["class_name"], args["what"]
            )
        except ChatError as error:
            await services.replies.reply(incoming, error.text)
            return
        chat = outcome.chat
        if outcome.finished:
            await services.replies.reply(incoming, texts.render_binding_completed(chat.title))
            return
        render = texts.render_chat_bound if outcome.created else texts.render_already_bound
        text = render(chat.title, chat.kind, chat.class_name, chat.subject)
        text += "\n" + texts.render_missing_rights(outcome.missing)
        if outcome.pending:
            words = texts.CHAT_KIND_WORDS[chat.kind].replace("<название>", chat.subject or "")
            where = f"{chat.class_name} " if chat.class_name else ""
            # Until the bot is an administrator VK shows it only messages that mention it.
            command = f"@{services.community.screen_name} привязать {where}{words}"
            text += "\n" + texts.rights_pending(command, services.config.chats.rights_check_minutes)
        await services.replies.reply(incoming, text)

    @lab.message(IsCommand("class_status"))
    async def cmd_class_status(message: Message, turn: Turn) -> None:
        status = await services.status.of_class(turn.args["class_name"])
        await services.replies.reply_private(turn.incoming, texts.render_class_status(status))

    return lab
