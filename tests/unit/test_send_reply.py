"""A reply to a chat message through the real gateway and sandbox: VK shows it quoted."""

from __future__ import annotations

import json

from bot.vk.api import GatewayAPI
from bot.vk.gateway import VkGateway
from vksandbox import Sandbox, SandboxClient


async def test_send_with_reply_to_quotes_the_question():
    async with Sandbox(group_id=1, screen_name="school1", token="t", rps_limit=20) as sandbox:
        api = GatewayAPI("t", api_url=sandbox.api_url, api_version="5.199", requests_per_second=20)
        try:
            async with SandboxClient(sandbox.url) as control:
                owner = await control.create_user("Анна", "Петрова")
                peer = await control.create_chat("5А · родители", [owner], owner)
                asked = await control.write_chat(owner, peer, "Что задали?")
                cmid = await VkGateway(api, 1).send(
                    peer, "В дневнике", dedup_key="r", reply_to=asked
                )
                [sent] = [m for m in await control.messages(peer) if m["from_id"] < 0]
                assert sent["conversation_message_id"] == cmid
                assert sent["reply_to_cmid"] == asked
                [call] = await control.actions(method="messages.send")
                forward = json.loads(call["params"]["forward"])
                assert forward == {
                    "peer_id": peer,
                    "conversation_message_ids": [asked],
                    "is_reply": True,
                }
        finally:
            await api.close()
