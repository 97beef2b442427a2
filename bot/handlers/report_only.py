"""`пробный режим` and `отчёт пробного режима`: moderation's dry run, per chat kind."""

from __future__ import annotations

from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.domain.dry_run_words import SwitchError, parse_switch
from bot.rules.command import IsCommand
from bot.texts import dry_run as texts

if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsCommand("report_only"))
    async def cmd_report_only(message: Message, turn: Turn) -> None:
        dry_run = services.moderation.dry_run
        if dry_run is None:
            return
        words = str(turn.args.get("mode") or "").strip()
        if not words:
            answer = texts.render_modes(dry_run.report_only_kinds())
        else:
            switch = parse_switch(words)
            if switch is SwitchError.NO_SWITCH:
                answer = texts.NO_SWITCH
            elif switch is SwitchError.UNKNOWN_KIND:
                answer = texts.NOT_UNDERSTOOD.format(words=words)
            else:
                kind, on = switch
                answer = await dry_run.switch(kind, on=on, by=turn.incoming.author_id)
        await services.replies.reply_private(turn.incoming, answer)

    @lab.message(IsCommand("report_only_digest"))
    async def cmd_digest(message: Message, turn: Turn) -> None:
        dry_run = services.moderation.dry_run
        if dry_run is not None:
            await services.replies.reply_private(turn.incoming, await dry_run.digest())

    return lab
