"""`schoolbot backup [-o FILE]`: a consistent copy of the database, safe while the bot runs."""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from bot.config import Config
from bot.storage.backup import BackupError, backup_database
from bot.texts import cli as texts


def default_target(db: Path, now: datetime) -> Path:
    """`data/backups/schoolbot-20261203-071500.sqlite3`, beside the database (UTC time)."""
    return db.parent / "backups" / f"{db.stem}-{now.astimezone(UTC):%Y%m%d-%H%M%S}.sqlite3"


def backup(
    config: Config, output: Path | None, *, clock: Callable[[], datetime] | None = None
) -> int:
    db = config.storage.path
    target = output or default_target(db, (clock or (lambda: datetime.now(UTC)))())
    if target.resolve() == db.resolve():
        print(texts.BACKUP_ONTO_ITSELF, file=sys.stderr)
        return 2
    try:
        result = backup_database(db, target)
    except (BackupError, sqlite3.Error, OSError) as error:
        print(texts.backup_failed(db, str(error)), file=sys.stderr)
        return 1
    print(texts.backup_done(result.path, result.size, result.schema_version))
    return 0
