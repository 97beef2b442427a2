"""`schoolbot roster import FILE` and `schoolbot roster export`: the lists without the bot running."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.config import Config
from bot.domain.people import Person
from bot.domain.roster_model import RosterErrors
from bot.services.container import utc_now
from bot.services.ports import MessengerError
from bot.services.roster import RosterService, Unresolved, VkTaken
from bot.services.school import SchoolService
from bot.storage.db import Database
from bot.storage.roster_repo import RosterRepo
from bot.storage.school_repo import SchoolRepo
from bot.storage.trail_repo import TrailRepo
from bot.texts import roster as texts
from bot.texts.commands import render_roster_diff, render_roster_errors

# The trail's actor for changes made from the command line, not by a person in VK.
COMMAND_LINE = Person(id=0, vk_id=None, full_name="командная строка")


class OfflineMessenger:
    """Without a token nothing can be asked of VK: short names stay unresolved."""

    async def resolve_screen_name(self, screen_name: str) -> int | None:
        raise MessengerError(0, "offline", "utils.resolveScreenName")

    async def user_names(self, user_ids: list[int]) -> dict[int, str]:
        return {}


def import_roster(config: Config, path: Path) -> int:
    try:
        data = path.read_bytes()
    except OSError as error:
        print(texts.cli_cannot_read(path, error.strerror or str(error)), file=sys.stderr)
        return 2
    return asyncio.run(_import(config, data))


async def _import(config: Config, data: bytes) -> int:
    db = await Database.open(config.storage.path)
    try:
        service = _service(db)
        result = await service.import_file(COMMAND_LINE, data)
    finally:
        await db.close()
    if isinstance(result, RosterErrors):
        print(render_roster_errors(result), file=sys.stderr)
        return 1
    if isinstance(result, Unresolved):
        print(texts.cli_unresolved(result.refs), file=sys.stderr)
        return 1
    if isinstance(result, VkTaken):
        print(texts.vk_taken(result.pairs), file=sys.stderr)
        return 1
    print(render_roster_diff(result))
    return 0


def export_roster(config: Config, output: Path | None) -> int:
    text = asyncio.run(_export(config))
    if output is None:
        sys.stdout.write(text)
    else:
        # Excel in Russia opens UTF-8 with a BOM correctly, and without one as cp1251.
        output.write_text(text, encoding="utf-8-sig", newline="")
        print(texts.cli_exported(output))
    return 0


async def _export(config: Config) -> str:
    db = await Database.open(config.storage.path)
    try:
        return await _service(db).export_csv()
    finally:
        await db.close()


def _service(db: Database) -> RosterService:
    school_repo = SchoolRepo(db)
    messenger = OfflineMessenger()
    school = SchoolService(
        school_repo, TrailRepo(db), messenger, config_admins=frozenset(), clock=utc_now
    )
    return RosterService(RosterRepo(db), school_repo, school, messenger)  # type: ignore[arg-type]
