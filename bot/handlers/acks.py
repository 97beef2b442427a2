"""Announcements answered by button: the commands, and the presses of their buttons."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle import GroupEventType
from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.domain.acks import AckKind
from bot.domain.grammar import Parsed
from bot.handlers.convert import to_button_press
from bot.rules.command import IsCommand
from bot.services.acks import AckError, AckService
from bot.services.ports import RecipientUnreachable
from bot.texts import acks as texts
from bot.texts import school as school_texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn

_KINDS = {"ack_announce": AckKind.ACK, "ack_consent": AckKind.CONSENT, "ack_poll": AckKind.POLL}
_FILE_WORDS = {"файл", "файлом", "таблица", "таблицей", "csv"}


class IsAckButton(ABCRule[dict]):
    async def check(self, event: dict) -> bool:
        press = to_button_press(event)
        return press is not None and AckService.is_ours(press.payload)


def _chat_talk(turn: Turn) -> bool:
    """Written in a chat without addressing the bot (no mention, «/» or «!»)."""
    return turn.incoming.is_chat and isinstance(turn.parsed, Parsed) and not turn.parsed.addressed


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()
    acks = services.acks

    async def to_author(turn: Turn, text: str) -> None:
        """The author hears back in their dialog; in the chat only if the bot may not write."""
        incoming = turn.incoming
        if not incoming.is_chat:
            await services.replies.reply(incoming, text)
            return
        try:
            await services.replies.send(incoming.author_id, text, key=incoming.reply_key("ack"))
        except RecipientUnreachable:
            await services.replies.reply(incoming, school_texts.WRITE_ME_FIRST)

    @lab.message(IsCommand(*_KINDS))
    async def cmd_ack(message: Message, turn: Turn) -> None:
        if _chat_talk(turn) and ":" not in turn.incoming.text.split("\n", 1)[0]:
            return  # «Согласие 5А класса собрано» in a chat is talk, not a command
        try:
            text = await acks.post(
                kind=_KINDS[turn.command or ""],
                author_vk_id=turn.incoming.author_id,
                class_name=turn.args["class_name"],
                what=turn.args.get("announcement") or "",
                source=turn.incoming.reply_key("ack"),
            )
        except AckError as error:
            await services.replies.reply(turn.incoming, error.text)
            return
        await to_author(turn, text)

    @lab.message(IsCommand("ack_results"))
    async def cmd_ack_results(message: Message, turn: Turn) -> None:
        incoming, roles = turn.incoming, turn.speaker.roles
        number, form = turn.args["ack_number"], (turn.args.get("form") or "").strip()
        if form and form.casefold().strip(".!") not in _FILE_WORDS:
            if _chat_talk(turn):
                return  # «Итоги 3 четверти — в пятницу» in a chat is talk
            await services.replies.reply(incoming, texts.BAD_FORM.format(value=form[:50]))
            return
        try:
            if not form:
                await services.replies.reply_private(
                    incoming, await acks.results(incoming.author_id, roles, number)
                )
                return
            export = await acks.export(incoming.author_id, roles, number)
        except AckError as error:
            await services.replies.reply(incoming, error.text)
            return
        try:
            await services.messenger.send_document(
                incoming.author_id, filename=export.filename, data=export.data,
                text=export.text, dedup_key=incoming.reply_key("ack-export"),
            )  # fmt: skip
        except RecipientUnreachable:
            await services.replies.reply(incoming, school_texts.WRITE_ME_FIRST)
            return
        if incoming.is_chat:
            await services.replies.reply(incoming, school_texts.SENT_TO_DM)

    @lab.raw_event(GroupEventType.MESSAGE_EVENT, dict, IsAckButton())
    async def on_button(event: dict) -> None:
        press = to_button_press(event)
        if press is not None:
            await acks.on_button(press)

    return lab
