"""A copy of the live database, made while the bot runs: SQLite's online backup API.

The copy is one consistent snapshot (the backup runs in a single step inside one read
transaction; in WAL mode the bot keeps writing meanwhile), written to a temporary file beside
the target, checked with `PRAGMA integrity_check`, switched to a one-file journal and only then
renamed into place: a backup that did not finish never looks like one. Modes are 0600, as the
database's: it holds personal data.
"""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bot.storage.db import PRIVATE


@dataclass(frozen=True, slots=True)
class BackupResult:
    path: Path
    size: int
    schema_version: int
    integrity: str  # "ok" when the copy is sound


class BackupError(Exception):
    pass


def backup_database(source: Path, target: Path, *, busy_timeout_ms: int = 10_000) -> BackupResult:
    """Blocking (sqlite3): call it in a thread when an event loop runs in this process."""
    if not source.exists():
        raise BackupError(f"no database at {source}")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    os.close(os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE))
    try:
        # Read-only: a backup never changes (or migrates, or creates) the bot's database.
        src = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro", uri=True)
        try:
            src.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
            dst = sqlite3.connect(partial)
            try:
                src.backup(dst)  # pages=-1: every page in one step, one snapshot
                dst.execute("PRAGMA journal_mode = DELETE")  # the copy is one file
                integrity = str(dst.execute("PRAGMA integrity_check").fetchone()[0])
                version = int(dst.execute("PRAGMA user_version").fetchone()[0])
            finally:
                dst.close()
        finally:
            src.close()
        if integrity != "ok":
            raise BackupError(f"the copy failed its integrity check: {integrity}")
        os.chmod(partial, PRIVATE)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(target, target.stat().st_size, version, integrity)
