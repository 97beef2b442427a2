"""Curators and administrators keep the answers to recurring questions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.rules.command import IsCommand

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def spoken_to_bot(turn: Turn) -> bool:
    """In a chat, words that merely read like a command («Ответ: завтра») are talk."""
    return not turn.incoming.is_chat or turn.parsed.addressed


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()
    faq = services.faq
    actions = {"faq_add": faq.add, "faq_list": faq.listing, "faq_remove": faq.remove}

    @lab.message(IsCommand(*actions))
    async def cmd_faq(message: Message, turn: Turn) -> None:
        if not spoken_to_bot(turn):
            return
        answer = await actions[turn.command](turn)  # type: ignore[index]
        await services.replies.reply(turn.incoming, answer)

    return lab
