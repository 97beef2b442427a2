"""vkbottle itself, unchanged except for API_URL, against the sandbox."""

from __future__ import annotations

import asyncio

import pytest
from vkbottle import API, Bot
from vkbottle.bot import Message
from vkbottle.http import AiohttpClient

from vksandbox import Sandbox, SandboxClient


@pytest.fixture(autouse=True)
def _tmp_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # vkbottle writes ./.vkbottle/ on every long-poll answer


async def test_ping_pong_through_vkbottle(sandbox: Sandbox, sandbox_client: SandboxClient):
    api = API("sandbox-token", http_client=AiohttpClient())
    api.API_URL = sandbox.api_url
    bot = Bot(api=api)

    @bot.on.message(text="ping")
    async def ping(message: Message) -> None:
        await message.answer("pong")

    task = asyncio.create_task(bot.run_polling())
    try:
        await sandbox_client.wait_action("groups.getLongPollServer", timeout=5)
        uid = await sandbox_client.create_user("Анна", "Петрова")
        await sandbox_client.write_dm(uid, "ping")
        act = await sandbox_client.wait_action("messages.send", timeout=5, peer_ids=str(uid))
        assert act["params"]["message"] == "pong"
        assert act["response"][0]["peer_id"] == uid
        msgs = await sandbox_client.messages(uid)
        assert [m["text"] for m in msgs] == ["ping", "pong"]
        assert msgs[1]["from_id"] == -sandbox.group_id
    finally:
        bot.polling.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await api.http_client.close()
