"""The real `schoolbot run` process against a sandbox the test owns, and the same school set
up beforehand in-process on the same database — so a test can kill the process mid-work,
start it again, and read what VK and the database hold."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sqlite3
import sys
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from bot.app import App
from bot.config import Config, load_config
from bot.demo.world import Person, World
from vksandbox import Sandbox, SandboxClient

TOKEN = "vk1.a.restart-test-community-token-0451"
ADMIN = 100001
READY = re.compile(r"запущен и слушает сообщество 1")


def write_config(folder: Path, sandbox: Sandbox) -> Path:
    path = folder / "config.toml"
    path.write_text(
        f'[vk]\ngroup_id = 1\napi_url = "{sandbox.api_url}"\n'
        f'[school]\nname = "Школа № 1"\nadmins = [{ADMIN}]\n'
        f'[storage]\npath = "{folder / "data" / "bot.sqlite3"}"\n',
        encoding="utf-8",
    )
    return path


def read_config(path: Path) -> Config:
    return load_config(path, environ={"SCHOOLBOT_VK_TOKEN": TOKEN})


@asynccontextmanager
async def setup_world(sandbox: Sandbox, config: Config) -> AsyncIterator[World]:
    """The bot in this process, on the test's sandbox and database, to prepare a school."""
    control = SandboxClient(sandbox.url)
    app = await App.create(config, token=TOKEN)
    await app.start()
    try:
        world = World(sandbox, control, app, config)
        world.people[ADMIN] = Person(ADMIN, "Администратор 1")
        yield world
    finally:
        await app.stop()
        await control.close()


class BotProcess:
    """`python -m bot run --config …`, its output kept in files (a full pipe would stall it)."""

    def __init__(self, folder: Path, config_path: Path, *, level: str = "INFO") -> None:
        self.folder = folder
        self.config_path = config_path
        self.level = level
        self.process: asyncio.subprocess.Process | None = None
        self.runs = 0

    @property
    def out_path(self) -> Path:
        return self.folder / f"run{self.runs}.out"

    @property
    def err_path(self) -> Path:
        return self.folder / f"run{self.runs}.err"

    async def start(self) -> None:
        self.runs += 1
        with self.out_path.open("wb") as out, self.err_path.open("wb") as err:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot",
                "run",
                "--config",
                str(self.config_path),
                "--log-level",
                self.level,
                cwd=self.folder,
                env={**os.environ, "SCHOOLBOT_VK_TOKEN": TOKEN, "PYTHONUNBUFFERED": "1"},
                stdout=out,
                stderr=err,
            )
        deadline = time.monotonic() + 30
        while not READY.search(self.out_path.read_text(encoding="utf-8")):
            if self.process.returncode is not None or time.monotonic() > deadline:
                raise AssertionError(f"the bot did not start: {self.output()}")
            await asyncio.sleep(0.05)

    async def kill(self) -> None:
        """SIGKILL: no clean-up of any kind, as when the machine loses power or OOM strikes."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def terminate(self) -> tuple[int, float]:
        """SIGTERM; returns the exit code and how long the stop took."""
        assert self.process is not None
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        code = await asyncio.wait_for(self.process.wait(), timeout=20)
        return code, time.monotonic() - started

    def output(self) -> str:
        runs = range(1, self.runs + 1)
        return "".join(
            (self.folder / f"run{n}.{kind}").read_text(encoding="utf-8", errors="replace")
            for n in runs
            for kind in ("out", "err")
        )

    async def close(self) -> None:
        if self.process is not None and self.process.returncode is None:
            await self.kill()


def integrity(db_path: Path) -> str:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        conn.close()


def query(db_path: Path, sql: str, params: tuple = ()) -> list[tuple]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute(sql, params).fetchall()
    finally:
        conn.close()
