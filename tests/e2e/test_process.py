"""The real `schoolbot run` process: starts, answers, keeps its token secret, stops on SIGTERM."""

from __future__ import annotations

import asyncio
import os
import re
import signal
import sys
from pathlib import Path

import pytest

from vksandbox import Sandbox, SandboxClient

pytestmark = pytest.mark.e2e

TOKEN = "vk1.a.very-secret-community-token-0042"


async def start(cwd: Path, *args: str, env: dict | None = None) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot",
        "run",
        *args,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def stop(process: asyncio.subprocess.Process) -> tuple[int, str, str]:
    process.send_signal(signal.SIGTERM)
    out, err = await asyncio.wait_for(process.communicate(), timeout=15)
    return process.returncode, out.decode(), err.decode()


async def read_until(stream: asyncio.StreamReader, pattern: str, seconds: float = 20) -> str:
    seen = ""
    async with asyncio.timeout(seconds):
        while not re.search(pattern, seen):
            line = await stream.readline()
            if not line:
                raise AssertionError(f"process ended before {pattern!r}; it said: {seen}")
            seen += line.decode()
    return seen


async def test_run_without_a_token_uses_the_sandbox_and_stops_cleanly(tmp_path):
    process = await start(tmp_path, "--log-level", "WARNING")
    try:
        said = await read_until(process.stdout, r"Управление песочницей")
        url = re.search(r"песочницей VK на (http://127\.0\.0\.1:\d+)", said).group(1)
        async with SandboxClient(url) as control:
            parent = await control.create_user("Анна", "Петрова")
            await control.write_dm(parent, "помощь")
            sent = await control.wait_action("messages.send", timeout=10, peer_ids=str(parent))
            assert "Здравствуйте" in sent["params"]["message"]
    finally:
        code, out, err = await stop(process)
    assert code == 0, err
    assert "Бот остановлен" in out
    assert (tmp_path / "data" / "sandbox.sqlite3").exists()


async def test_the_token_never_reaches_the_log(tmp_path):
    async with Sandbox(group_id=7, screen_name="school7", token=TOKEN) as sandbox:
        config = tmp_path / "config.toml"
        config.write_text(
            f'[vk]\ngroup_id = 7\napi_url = "{sandbox.api_url}"\n'
            '[school]\nname = "Школа № 7"\nadmins = [100001]\n'
            '[storage]\npath = "db/bot.sqlite3"\n',
            encoding="utf-8",
        )
        process = await start(tmp_path, "--log-level", "DEBUG", env={"SCHOOLBOT_VK_TOKEN": TOKEN})
        try:
            await read_until(process.stdout, r"запущен и слушает сообщество 7")
            async with SandboxClient(sandbox.url) as control:
                parent = await control.create_user("Анна", "Петрова")
                await control.inject_error("messages.send", code=10, count=1)
                await control.write_dm(parent, "помощь")
                sent = await _first_success(control, parent)
                assert "Здравствуйте" in sent
        finally:
            code, out, err = await stop(process)
    assert code == 0, err
    assert "retry" in err  # the injected error 10 was logged and retried ...
    assert TOKEN not in out and TOKEN not in err  # ... and the token never shown


async def _first_success(control: SandboxClient, peer: int) -> str:
    since = 0
    while True:
        action = await control.wait_action("messages.send", since=since, timeout=10)
        since = action["seq"]
        if "error" not in action and action["params"].get("peer_ids") == str(peer):
            return action["params"]["message"]


@pytest.mark.parametrize(
    ("token", "group_id", "fault", "expected"),
    [
        ("wrong-token", 7, None, "Ключ доступа сообщества не подходит"),
        (TOKEN, 8, None, "Ключ доступа принадлежит сообществу 7, а в настройках указано"),
        (TOKEN, 7, "groups.getLongPollServer", "Long Poll API сообщества недоступен"),
    ],
)
async def test_the_self_check_says_what_to_fix(tmp_path, token, group_id, fault, expected):
    async with Sandbox(group_id=7, screen_name="school7", token=TOKEN) as sandbox:
        if fault:
            async with SandboxClient(sandbox.url) as control:
                await control.inject_error(fault, code=100, count=None)
        config = tmp_path / "config.toml"
        config.write_text(
            f'[vk]\ngroup_id = {group_id}\napi_url = "{sandbox.api_url}"\n'
            '[school]\nname = "Школа"\nadmins = [100001]\n',
            encoding="utf-8",
        )
        process = await start(tmp_path, env={"SCHOOLBOT_VK_TOKEN": token})
        out, err = await asyncio.wait_for(process.communicate(), timeout=30)
    assert process.returncode == 2, err.decode()
    assert expected in out.decode()
    assert token not in out.decode() + err.decode() or token == "wrong-token"
