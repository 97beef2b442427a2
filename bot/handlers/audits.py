"""Audits, the movement of people, the new school year and the director's statistics."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle import GroupEventType
from vkbottle.bot import BotLabeler, Message
from vkbottle.dispatch.rules import ABCRule

from bot.domain.audits import parse_audit_kinds
from bot.handlers.convert import to_button_press
from bot.rules.command import IsCommand
from bot.services.audits import AuditBusy
from bot.services.movement import MoveError
from bot.services.ports import MessengerError
from bot.services.school_year import SchoolYearService
from bot.texts import audits as texts
from bot.texts import school as school_texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


class IsYearButton(ABCRule[dict]):
    async def check(self, event: dict) -> bool:
        press = to_button_press(event)
        return press is not None and SchoolYearService.is_ours(press.payload)


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsCommand("audit"))
    async def cmd_audit(message: Message, turn: Turn) -> None:
        kinds = parse_audit_kinds(turn.args.get("audits"))
        if not kinds:
            await services.replies.reply(turn.incoming, texts.BAD_KINDS)
            return
        try:
            await services.audits.run_and_report(
                kinds, key=turn.incoming.reply_key("audit"), wait=False
            )
        except AuditBusy:
            await services.replies.reply(turn.incoming, texts.ALREADY_RUNNING)
            return
        if turn.incoming.is_chat:
            await services.replies.reply(turn.incoming, texts.REPORT_SENT)

    @lab.message(IsCommand("stats"))
    async def cmd_stats(message: Message, turn: Turn) -> None:
        stats = await services.stats.collect()
        class_name = turn.args.get("class_name")
        if class_name is not None or turn.incoming.is_chat:
            text = services.stats.render(stats, class_name)
            await services.replies.reply_private(turn.incoming, text)
            return
        try:
            await services.stats.send(
                turn.incoming.peer_id, stats, key=turn.incoming.reply_key("stats")
            )
        except MessengerError:
            await services.replies.reply(turn.incoming, school_texts.WRITE_ME_FIRST)

    @lab.message(IsCommand("move_pupil"))
    async def cmd_move_pupil(message: Message, turn: Turn) -> None:
        try:
            text = await services.movement.move(turn.speaker.person, turn.args.get("move"))
        except MoveError as error:
            text = str(error)
        await services.replies.reply(turn.incoming, text)

    @lab.message(IsCommand("person_left"))
    async def cmd_person_left(message: Message, turn: Turn) -> None:
        try:
            text = await services.movement.left(turn.speaker.person, turn.args.get("leaver"))
        except MoveError as error:
            text = str(error)
        await services.replies.reply(turn.incoming, text)

    @lab.message(IsCommand("new_year"))
    async def cmd_new_year(message: Message, turn: Turn) -> None:
        text, keyboard = await services.school_year.preview()
        await services.replies.reply(turn.incoming, text, keyboard=keyboard)

    @lab.raw_event(GroupEventType.MESSAGE_EVENT, dict, IsYearButton())
    async def on_year_button(event: dict) -> None:
        press = to_button_press(event)
        if press is not None:
            await services.school_year.on_button(press)

    return lab
