"""`schoolbot backup`: a sound, consistent, private copy of the database while the bot writes."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

from bot.backup_cli import default_target
from bot.cli import main
from bot.storage.backup import backup_database
from bot.storage.db import Database

CONFIG = """
[vk]
group_id = 42
[school]
name = "Школа № 7"
admins = [101]
[storage]
path = "{db}"
"""


async def write_pairs(
    db: Database, stop: asyncio.Event, written: list[int], ready: asyncio.Event, ready_at: int
) -> None:
    """Pairs of rows, each pair in one transaction: a consistent copy holds both or neither."""
    n = 0
    while not stop.is_set():
        if n >= ready_at:
            ready.set()
        async with db.transaction() as tx:
            await tx.execute(
                "INSERT INTO bot_state (key, value) VALUES (?, ?)", (f"a{n}", "x" * 500)
            )
            await tx.execute(
                "INSERT INTO bot_state (key, value) VALUES (?, ?)", (f"b{n}", "x" * 500)
            )
        written.append(n)
        n += 1
        await asyncio.sleep(0)


def assert_one_private_file(path: Path) -> None:
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert not Path(f"{path}-wal").exists()  # one file, ready to copy elsewhere
    assert not path.with_name(path.name + ".partial").exists()


def put_in_place(copy: Path, db_path: Path) -> None:
    for companion in (Path(f"{db_path}-wal"), Path(f"{db_path}-shm")):
        companion.unlink(missing_ok=True)
    os.replace(copy, db_path)


def pairs_in(path: Path) -> tuple[set[str], set[str]]:
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        keys = [k for (k,) in conn.execute("SELECT key FROM bot_state")]
    finally:
        conn.close()
    return {k[1:] for k in keys if k.startswith("a")}, {k[1:] for k in keys if k.startswith("b")}


async def test_backup_while_the_bot_writes_is_sound_consistent_and_private(tmp_path):
    db_path = tmp_path / "data" / "schoolbot.sqlite3"
    db = await Database.open(db_path)
    stop, ready, written = asyncio.Event(), asyncio.Event(), []
    writer = asyncio.create_task(write_pairs(db, stop, written, ready, 300))
    try:
        await ready.wait()  # some rows before the first copy
        copies = []
        for i in range(3):
            target = tmp_path / "backups" / f"copy{i}.sqlite3"
            copies.append(await asyncio.to_thread(backup_database, db_path, target))
        before_stop = len(written)
    finally:
        stop.set()
        await writer  # the writer never failed while the copies were made
    assert len(written) >= before_stop >= 300
    for result in copies:
        assert result.integrity == "ok" and result.schema_version == await db.schema_version()
        a, b = pairs_in(result.path)
        assert len(a) >= 300  # the rows are there
        assert a == b  # no transaction is half in the copy
        assert_one_private_file(result.path)
    await db.close()


async def test_the_command_while_the_bot_writes(tmp_path, capsys):
    db_path = tmp_path / "data" / "schoolbot.sqlite3"
    config = tmp_path / "config.toml"
    config.write_text(CONFIG.format(db=db_path), encoding="utf-8")
    db = await Database.open(db_path)
    stop, ready, written = asyncio.Event(), asyncio.Event(), []
    writer = asyncio.create_task(write_pairs(db, stop, written, ready, 50))
    try:
        await ready.wait()
        target = tmp_path / "copy.sqlite3"
        code = await asyncio.to_thread(main, ["backup", "--config", str(config), "-o", str(target)])
    finally:
        stop.set()
        await writer
        await db.close()
    assert code == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Копия базы сохранена: {target}")
    assert "проверка целостности пройдена" in out
    a, b = pairs_in(target)
    assert len(a) >= 50 and a == b


def test_default_target_is_beside_the_database(tmp_path):
    at = datetime(2026, 12, 3, 7, 15, tzinfo=UTC)
    assert default_target(Path("data/schoolbot.sqlite3"), at) == Path(
        "data/backups/schoolbot-20261203-071500.sqlite3"
    )


def test_no_database_is_a_clear_refusal_and_nothing_is_created(tmp_path, capsys):
    config = tmp_path / "config.toml"
    config.write_text(CONFIG.format(db=tmp_path / "none.sqlite3"), encoding="utf-8")
    assert main(["backup", "--config", str(config), "-o", str(tmp_path / "c.sqlite3")]) == 1
    assert "Копию базы" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite3").exists()
    assert not (tmp_path / "c.sqlite3").exists()


async def test_a_copy_restores(tmp_path):
    """Restore as docs/deploy.md says: the copy put in place of the database opens as the bot's."""
    db_path = tmp_path / "schoolbot.sqlite3"
    db = await Database.open(db_path)
    await db.execute("INSERT INTO bot_state (key, value) VALUES ('school', 'Школа № 7')")
    copy = backup_database(db_path, tmp_path / "copy.sqlite3").path
    await db.execute("DELETE FROM bot_state")
    await db.close()
    put_in_place(copy, db_path)
    restored = await Database.open(db_path)
    try:
        row = await restored.fetch_one("SELECT value FROM bot_state WHERE key = 'school'")
        assert row is not None and row[0] == "Школа № 7"
        assert await restored.integrity_check() == "ok"
    finally:
        await restored.close()
