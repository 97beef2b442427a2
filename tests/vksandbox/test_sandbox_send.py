"""messages.send: targets, random_id, permissions, limits, keyboards."""

from __future__ import annotations

import json

from vksandbox import SandboxClient


def kb(rows: int, cols: int, inline: bool = False, kind: str = "text") -> str:
    button = {"action": {"type": kind, "label": "x", "payload": '{"a":1}'}, "color": "secondary"}
    return json.dumps({"inline": inline, "one_time": False,
                       "buttons": [[button] * cols for _ in range(rows)]})


async def test_random_id_is_required(vk, user, sandbox_client: SandboxClient):
    await sandbox_client.allow_messages(user)
    body = await vk.raw("messages.send", peer_id=user, message="hi")
    assert body["error"]["error_code"] == 100
    assert "random_id is a required parameter" in body["error"]["error_msg"]


async def test_dm_needs_permission_901_until_user_writes(vk, user, sandbox_client):
    assert await vk.error("messages.send", peer_id=user, random_id=0, message="hi") == 901
    await sandbox_client.write_dm(user, "привет")
    mid = await vk.call("messages.send", peer_id=user, random_id=0, message="hi")
    assert isinstance(mid, int) and mid > 0
    msgs = await sandbox_client.messages(user)
    assert [(m["from_id"], m["text"]) for m in msgs] == [(user, "привет"), (-1, "hi")]
    assert [m["conversation_message_id"] for m in msgs] == [1, 2]


async def test_allow_messages_lifts_901_and_emits_message_allow(vk, user, sandbox_client):
    await sandbox_client.allow_messages(user)
    assert await vk.call("messages.send", user_id=user, random_id=0, message="hi") > 0
    events = await sandbox_client.events()
    assert events[-1]["type"] == "message_allow"
    assert events[-1]["object"]["user_id"] == user


async def test_random_id_deduplicates_per_peer(vk, user, sandbox_client):
    await sandbox_client.allow_messages(user)
    first = await vk.call("messages.send", peer_id=user, random_id=42, message="one")
    again = await vk.call("messages.send", peer_id=user, random_id=42, message="two")
    assert first == again
    assert [m["text"] for m in await sandbox_client.messages(user)] == ["one"]
    listed = await vk.call("messages.send", peer_ids=user, random_id=42, message="three")
    assert listed[0]["message_id"] == first
    zero_a = await vk.call("messages.send", peer_id=user, random_id=0, message="a")
    zero_b = await vk.call("messages.send", peer_id=user, random_id=0, message="a")
    assert zero_a != zero_b


async def test_chat_send_returns_zero_and_peer_ids_gives_cmid(vk, chat, sandbox_client):
    assert await vk.call("messages.send", peer_id=chat, random_id=0, message="a") == 0
    chat_id = chat - 2_000_000_000
    assert await vk.call("messages.send", chat_id=chat_id, random_id=0, message="b") == 0
    resp = await vk.call("messages.send", peer_ids=chat, random_id=0, message="c")
    msgs = await sandbox_client.messages(chat)
    assert resp == [{"peer_id": chat, "message_id": 0,
                     "conversation_message_id": msgs[-1]["conversation_message_id"]}]
    assert [m["text"] for m in msgs[-3:]] == ["a", "b", "c"]


async def test_peer_ids_reports_errors_per_peer(vk, chat, user, sandbox_client):
    stranger = await sandbox_client.create_user("Вера", "Смирнова")
    resp = await vk.call("messages.send", peer_ids=f"{chat},{stranger}", random_id=0,
                         message="hi")
    assert resp[0]["peer_id"] == chat and "error" not in resp[0]
    assert resp[1]["peer_id"] == stranger and resp[1]["error"]["code"] == 901


async def test_send_by_domain(vk, user, sandbox_client):
    await sandbox_client.allow_messages(user)
    assert await vk.call("messages.send", domain="anna", random_id=0, message="x") > 0


async def test_chat_not_joined_is_917(vk, chat, sandbox_client):
    assert await vk.error("messages.send", peer_id=2_000_000_099, random_id=0,
                          message="x") == 917
    await vk.call("messages.removeChatUser", chat_id=chat - 2_000_000_000, member_id=-1)
    assert await vk.error("messages.send", peer_id=chat, random_id=0, message="x") == 917
    info = await sandbox_client.chat(chat)
    assert not info["bot_is_member"] and not info["bot_is_admin"]


async def test_message_length_limit_914(vk, chat):
    assert await vk.error("messages.send", peer_id=chat, random_id=0, message="я" * 9001) == 914
    assert await vk.call("messages.send", peer_id=chat, random_id=0, message="я" * 9000) == 0


async def test_empty_message_is_100(vk, chat):
    assert await vk.error("messages.send", peer_id=chat, random_id=0) == 100


async def test_keyboard_limits_and_validation(vk, chat, sandbox_client):
    ok = [kb(10, 4), kb(6, 1, inline=True), kb(2, 5, inline=True, kind="callback"),
          json.dumps({"buttons": [], "one_time": True})]
    for keyboard in ok:
        assert await vk.call("messages.send", peer_id=chat, random_id=0, message="k",
                             keyboard=keyboard) == 0, keyboard
    bad = ["{not json", kb(11, 1), kb(10, 5), kb(7, 1, inline=True), kb(3, 4, inline=True),
           kb(1, 6), json.dumps({"buttons": [[{"action": {"type": "text"}}]]}),
           json.dumps({"buttons": [[{"action": {"type": "teleport", "label": "x"}}]]}),
           json.dumps({"one_time": False})]
    for keyboard in bad:
        assert await vk.error("messages.send", peer_id=chat, random_id=0, message="k",
                              keyboard=keyboard) == 911, keyboard
    stored = (await sandbox_client.messages(chat))[-1]
    assert stored["keyboard"] == {"buttons": [], "one_time": True, "inline": False}


async def test_reply_via_forward_param(vk, chat, user, sandbox_client):
    cmid = await sandbox_client.write_chat(user, chat, "вопрос")
    forward = json.dumps({"peer_id": chat, "conversation_message_ids": [cmid], "is_reply": True})
    await vk.call("messages.send", peer_id=chat, random_id=0, message="ответ", forward=forward)
    assert (await sandbox_client.messages(chat))[-1]["reply_to_cmid"] == cmid
