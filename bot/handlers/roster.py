"""The school's lists: how to load them, a CSV file sent to the dialog, and the export."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from vkbottle.bot import BotLabeler, Message

from bot.domain.permissions import Allowed, check_permission
from bot.domain.roster_model import RosterErrors
from bot.domain.roster_table import SHEET_EXTENSIONS, TEXT_EXTENSIONS
from bot.rules.command import HasDocument, IsCommand
from bot.services.ports import FileTooLarge, MessengerError
from bot.services.roster import Unresolved, VkTaken
from bot.texts import roster as texts
from bot.texts.commands import (
    ROSTER_IMPORT_HOWTO,
    render_refusal,
    render_roster_errors,
)

ROSTER_EXTENSIONS = (*TEXT_EXTENSIONS, *SHEET_EXTENSIONS)
PROGRESS_PEOPLE = 200  # a file this big takes long enough to say it is under way
_SHEET = re.compile(r"\s*лист\s*[:«\"']?\s*(.+?)\s*[»\"']?\s*", re.IGNORECASE)


def sheet_named(text: str) -> str | None:
    """«лист Ученики» with the file names the workbook's sheet to read."""
    m = _SHEET.fullmatch(text or "")
    return m.group(1) if m else None


if TYPE_CHECKING:
    from bot.services.container import Services
    from bot.services.turns import Turn


def labeler(services: Services) -> BotLabeler:
    lab = BotLabeler()

    @lab.message(IsCommand("import_roster"))
    async def cmd_import_roster(message: Message, turn: Turn) -> None:
        await services.replies.reply(turn.incoming, ROSTER_IMPORT_HOWTO)

    @lab.message(IsCommand("export_roster"))
    async def cmd_export_roster(message: Message, turn: Turn) -> None:
        csv_text = await services.roster.export_csv()
        await services.replies.reply_private(turn.incoming, texts.export(csv_text))

    @lab.message(HasDocument())
    async def on_document(message: Message, turn: Turn) -> None:
        permission = check_permission("import_roster", turn.speaker.roles)
        if not isinstance(permission, Allowed):
            await services.replies.reply(turn.incoming, render_refusal(permission))
            return
        doc = next(a for a in turn.incoming.attachments if a.kind == "doc")
        if not doc.title.lower().endswith(ROSTER_EXTENSIONS):
            await services.replies.reply(turn.incoming, texts.NOT_CSV.format(title=doc.title))
            return
        try:
            data = await services.roster.download(doc.url, size=doc.size)
        except FileTooLarge as error:
            await services.replies.reply(turn.incoming, texts.too_large(error.limit))
            return
        except MessengerError:
            await services.replies.reply(turn.incoming, texts.DOWNLOAD_FAILED)
            return
        told: set[str] = set()

        async def progress(stage: str, done: int, total: int) -> None:
            if stage == "read" and done >= PROGRESS_PEOPLE:
                text = texts.received(doc.title, done)
            elif stage == "pages":
                text = texts.resolving(done, total)
            else:
                return
            key = f"{stage}:{done}"
            if key not in told:
                told.add(key)
                await services.replies.reply(turn.incoming, text, purpose=f"roster-{key}")

        result = await services.roster.import_file(
            turn.speaker.person, data, sheet=sheet_named(turn.incoming.text), progress=progress
        )
        if isinstance(result, RosterErrors):
            text = render_roster_errors(result)
        elif isinstance(result, Unresolved):
            text = texts.unresolved(result.refs)
        elif isinstance(result, VkTaken):
            text = texts.vk_taken(result.pairs)
        else:
            text = texts.render_import(result)
        await services.replies.reply(turn.incoming, text)

    return lab
