"""`schoolbot roster import FILE` and `schoolbot roster export`: the lists without the bot running."""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from bot.config import Config
from bot.domain.roster_model import RosterErrors
from bot.offline import COMMAND_LINE, OfflineServices
from bot.services.roster import MAX_ROSTER_BYTES, RosterService, Unresolved, VkTaken
from bot.storage.db import Database
from bot.texts import roster as texts
from bot.texts.commands import render_roster_errors


def import_roster(config: Config, path: Path, sheet: str | None = None) -> int:
    try:
        if path.stat().st_size > MAX_ROSTER_BYTES:
            print(texts.too_large(MAX_ROSTER_BYTES), file=sys.stderr)
            return 1
        data = path.read_bytes()
    except OSError as error:
        print(texts.cli_cannot_read(path, error.strerror or str(error)), file=sys.stderr)
        return 2
    return asyncio.run(_import(config, data, sheet))


async def _import(config: Config, data: bytes, sheet: str | None = None) -> int:
    db = await Database.open(config.storage.path)
    try:
        service = _service(config, db)
        result = await service.import_file(COMMAND_LINE, data, sheet=sheet)
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
    print(texts.render_import(result))
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
        return await _service(config, db).export_csv()
    finally:
        await db.close()


def _service(config: Config, db: Database) -> RosterService:
    return OfflineServices(config, db).roster
