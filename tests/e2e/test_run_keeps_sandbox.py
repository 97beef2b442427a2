"""`schoolbot run` without a token keeps the sandbox's world beside its database; --fresh forgets."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.texts.sandbox import NOTE_MOTHER
from tests.e2e.test_process import read_until, start, stop
from vksandbox import SandboxClient

pytestmark = pytest.mark.e2e

PARENTS_CHAT = "5А · родители"
MOTHER, CURATOR = 2001, 3001
CARD = "Нашли карту 2200 7001 2345 6781, чья она?"


async def _run(cwd, *args: str):
    process = await start(cwd, "--log-level", "WARNING", *args)
    said = await read_until(process.stdout, r"Остановить", seconds=30)
    return process, said, re.search(r"песочницей VK на (http://127\.0\.0\.1:\d+)", said).group(1)


async def _demo_school(control: SandboxClient) -> None:
    await control.load_world("demo")
    # The control API tells a loader's state when asked (the page hears it on its live feed).
    for _ in range(450):
        state = (await control.loaders())[0]
        if state["state"] not in ("idle", "running"):
            break
        await asyncio.sleep(0.2)
    assert state["state"] == "done", state


async def test_people_and_chats_survive_a_restart_and_fresh_starts_over(tmp_path):
    process, said, url = await _run(tmp_path)
    try:
        assert "продолжает с прошлого запуска" not in said
        async with SandboxClient(url) as control:
            await _demo_school(control)
    finally:
        code, _out, err = await stop(process)
    assert code == 0, err

    # The next run: the same people and chats, and the bot still moderates the chat it knew.
    process, said, url = await _run(tmp_path)
    try:
        assert "Песочница продолжает с прошлого запуска" in said
        async with SandboxClient(url) as control:
            people = {u["id"]: u for u in await control.users()}
            # The curator exists only in the demo school; the example roster's people are there
            # on every start, but what they play is the demo's.
            assert people[CURATOR]["first_name"] == "Ольга"
            assert people[MOTHER]["note"] == NOTE_MOTHER
            chats = {c["title"]: c["peer_id"] for c in await control.conversations(MOTHER)}
            peer = chats[PARENTS_CHAT]
            since = len(await control.actions())
            cmid = await control.write_chat(MOTHER, peer, CARD)
            deleted = await control.wait_action(
                "messages.delete", since=since, timeout=15, peer_id=str(peer)
            )
            assert str(cmid) in deleted["params"]["cmids"]
    finally:
        code, _out, err = await stop(process)
    assert code == 0, err

    process, said, url = await _run(tmp_path, "--fresh")
    try:
        assert "Песочница начата заново" in said
        assert "продолжает с прошлого запуска" not in said
        async with SandboxClient(url) as control:
            people = {u["id"]: u for u in await control.users()}
            assert CURATOR not in people
            assert people[MOTHER]["note"] == ""  # back to the example roster's page, no part
            assert await control.conversations(None) == []
    finally:
        code, _out, err = await stop(process)
    assert code == 0, err
