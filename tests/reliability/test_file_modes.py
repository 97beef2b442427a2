"""Files with personal data or the bot's place are readable by their owner only."""

from __future__ import annotations

import os
import stat

import pytest

from bot.storage.db import Database
from bot.vk.polling import PersistentPolling

pytestmark = pytest.mark.reliability


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


async def test_the_database_and_its_journal_are_private(tmp_path):
    old = os.umask(0o022)  # a common default that would leave the files world-readable
    try:
        path = tmp_path / "data" / "bot.sqlite3"
        db = await Database.open(path)
        try:
            await db.execute("INSERT INTO bot_state (key, value) VALUES ('k', 'v')")
            for file in (
                path,
                path.with_name("bot.sqlite3-wal"),
                path.with_name("bot.sqlite3-shm"),
            ):
                assert file.exists(), file
                assert mode(file) == 0o600, (file, oct(mode(file)))
        finally:
            await db.close()
    finally:
        os.umask(old)


async def test_an_existing_database_is_made_private(tmp_path):
    path = tmp_path / "bot.sqlite3"
    path.touch(mode=0o644)
    os.chmod(path, 0o644)
    db = await Database.open(path)
    await db.close()
    assert mode(path) == 0o600


def test_the_long_poll_place_is_private(tmp_path):
    polling = PersistentPolling(None, group_id=1, wait=1, state_dir=tmp_path / "data")
    polling.save_server_ts({"ts": "42"})
    assert mode(polling.ts_state_path) == 0o600
    assert polling.restore_server_ts({"ts": "1"})["ts"] == "42"
