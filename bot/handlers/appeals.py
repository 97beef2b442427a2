"""The confidential line: appeals to the psychologist or the administration, and answers.

Only in the community's dialog. In a chat, «психологу: …» addressed to the bot gets a hint in
the writer's dialog and goes nowhere else; unaddressed words that merely start so are talk.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.handlers.faq_commands import spoken_to_bot
from bot.rules.command import IsCommand
from bot.services.appeals import ADMINISTRATION, PSYCHOLOGIST
from bot.services.ports import MessengerError
from bot.texts import appeals as texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn

_KINDS = {"appeal_psychologist": PSYCHOLOGIST, "appeal_administration": ADMINISTRATION}


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()
    appeals = services.appeals

    async def hint_in_dm(turn: Turn, text: str) -> None:
        try:
            await services.replies.send(
                turn.incoming.author_id, text, key=turn.incoming.reply_key("appeal-hint")
            )
        except MessengerError:  # a closed dialog: better silence than the chat seeing it
            return

    @lab.message(IsCommand(*_KINDS))
    async def cmd_appeal(message: Message, turn: Turn) -> None:
        if turn.incoming.is_chat:
            if spoken_to_bot(turn):
                await hint_in_dm(turn, texts.ONLY_IN_DM)
            return
        answer = await appeals.submit(turn, _KINDS[turn.command])  # type: ignore[index]
        await services.replies.reply(turn.incoming, answer)

    @lab.message(IsCommand("appeal_answer"))
    async def cmd_appeal_answer(message: Message, turn: Turn) -> None:
        if turn.incoming.is_chat:
            if spoken_to_bot(turn):
                await hint_in_dm(turn, texts.ANSWER_ONLY_IN_DM)
            return
        await services.replies.reply(turn.incoming, await appeals.answer(turn))

    return lab
