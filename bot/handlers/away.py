"""A teacher's away mode: «отсутствую с 01.12 по 05.12: текст», «отсутствие», «отсутствие отменить»."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.rules.command import IsCommand

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()
    away = services.away

    def speaks_to_bot(turn: Turn) -> bool:
        # In a chat, «отсутствую завтра, замена — Иванова» written to colleagues is talk.
        return not turn.incoming.is_chat or turn.parsed.addressed

    @lab.message(IsCommand("away_set"))
    async def cmd_away_set(message: Message, turn: Turn) -> None:
        if not speaks_to_bot(turn):
            return
        person = turn.speaker.person
        name = person.full_name if person is not None else f"id{turn.incoming.author_id}"
        text = await away.set(turn.incoming.author_id, name, turn.args.get("away") or "")
        await services.replies.reply(turn.incoming, text)

    @lab.message(IsCommand("away_show"))
    async def cmd_away_show(message: Message, turn: Turn) -> None:
        if speaks_to_bot(turn):
            await services.replies.reply(turn.incoming, await away.show(turn.incoming.author_id))

    @lab.message(IsCommand("away_cancel"))
    async def cmd_away_cancel(message: Message, turn: Turn) -> None:
        if speaks_to_bot(turn):
            await services.replies.reply(turn.incoming, await away.cancel(turn.incoming.author_id))

    return lab
