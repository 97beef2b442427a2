"""`schoolbot invites sheet 5А [--for ученики|все]`: the class's invitations as a PDF, from the
command line (parents' by default). Invitations handed out before stay valid."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.config import Config
from bot.domain.classes import ClassName, ClassNameError
from bot.domain.people import Role, RoleGrant, Roles
from bot.offline import COMMAND_LINE, OfflineServices
from bot.printing import render_invite_sheet
from bot.services.chats import ChatError
from bot.services.container import utc_now
from bot.services.delivery import invite_cards
from bot.storage.db import Database
from bot.texts import invites as texts


def invite_sheet(
    config: Config, class_text: str, output: Path | None, whom: str = "родители"
) -> int:
    try:
        class_name = ClassName.parse(class_text)
    except ClassNameError:
        print(texts.cli_bad_class(class_text), file=sys.stderr)
        return 2
    try:
        pdf, count = asyncio.run(_sheet(config, class_name, whom))
    except ChatError as error:
        print(error.text, file=sys.stderr)
        return 1
    if count == 0:
        print(texts.SHEET_EMPTY, file=sys.stderr)
        return 1
    output = output or Path(f"priglasheniya-{class_name}.pdf")
    output.write_bytes(pdf)
    print(texts.cli_sheet_saved(output, count))
    return 0


async def _sheet(config: Config, class_name: ClassName, whom: str) -> tuple[bytes, int]:
    db = await Database.open(config.storage.path)
    try:
        services = OfflineServices(config, db)
        # The command line acts as an administrator: whoever runs it holds the database file.
        # A sheet adds invitations: those handed out before stay valid.
        batches = await services.invites.issue(
            COMMAND_LINE, Roles.of(RoleGrant(Role.ADMIN)), class_name, whom, also_open=True
        )
    finally:
        await db.close()
    cards = invite_cards(batches)
    pdf = render_invite_sheet(config.school.name, str(class_name), cards, created_at=utc_now())
    return pdf, len(cards)
