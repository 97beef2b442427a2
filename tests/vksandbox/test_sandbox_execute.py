"""execute: the VKScript subset, sub-call accounting and execute_errors."""

from __future__ import annotations

import json

CODE = """
// moderation batch
return [
  API.messages.send({"peer_id": %(chat)d, "random_id": 0, message: 'удалено правило 3'}),
  API.messages.delete({peer_id: %(chat)d, cmids: [%(cmid)d], delete_for_all: true}),
  API.messages.send({"peer_id": 2000000099, "random_id": 0, "message": "x"}),
  API.users.get({"user_ids": "%(user)d"})
];
"""


async def test_execute_batch_with_partial_failure(vk, chat, user, sandbox_client):
    cmid = await sandbox_client.write_chat(user + 1, chat, "флуд")  # not the owner
    body = await vk.raw("execute", code=CODE % {"chat": chat, "cmid": cmid, "user": user})
    sent, deleted, failed, users = body["response"]
    assert sent == 0 and deleted[0]["response"] == 1 and failed is False
    assert users[0]["id"] == user
    assert body["execute_errors"] == [{"method": "messages.send", "error_code": 917,
                                       "error_msg": "You don't have access to this chat"}]
    methods = [a["method"] for a in await sandbox_client.actions()]
    assert methods == ["messages.send", "messages.delete", "messages.send", "users.get",
                       "execute"]
    assert (await sandbox_client.stats())["calls"] == 1
    deleted_msg = next(m for m in await sandbox_client.messages(chat)
                       if m["conversation_message_id"] == cmid)
    assert deleted_msg["deleted"]


async def test_execute_sub_call_params_are_flattened(vk, chat, sandbox_client):
    kb = json.dumps({"inline": True, "buttons": []})
    code = (f"return API.messages.send({{peer_ids: [{chat}], random_id: 0, "
            f'message: "a\\"b", keyboard: {kb}}});')
    body = await vk.raw("execute", code=code)
    assert body["response"][0]["peer_id"] == chat
    act = (await sandbox_client.actions(method="messages.send"))[0]
    assert act["params"]["peer_ids"] == str(chat) and act["params"]["message"] == 'a"b'
    assert json.loads(act["params"]["keyboard"]) == {"inline": True, "buttons": []}


async def test_execute_plain_values_and_objects(vk):
    body = await vk.raw("execute", code="return {a: [1, 2.5, 'x', true, null]};")
    assert body == {"response": {"a": [1, 2.5, "x", True, None]}}


async def test_execute_unparsable_is_error_12(vk):
    for code in ["var a = 1; return a;", "return API.messages.send(;", "return [1, 2",
                 "return API.send({});", "", "return 1; return 2;"]:
        assert await vk.error("execute", code=code) == 12, code


async def test_execute_more_than_25_calls_is_rejected(vk):
    code = "return [" + ",".join(["API.users.get({user_ids: 1})"] * 26) + "];"
    assert await vk.error("execute", code=code) == 13
    code = "return [" + ",".join(["API.users.get({user_ids: 1})"] * 25) + "];"
    assert len(await vk.call("execute", code=code)) == 25


async def test_execute_injected_error_becomes_false(vk, chat, sandbox_client):
    await sandbox_client.inject_error("messages.send", code=9)
    body = await vk.raw("execute", code=f"return [API.messages.send({{peer_id: {chat}, "
                                         "random_id: 0, message: 'x'})];")
    assert body["response"] == [False]
    assert body["execute_errors"][0]["error_code"] == 9


async def test_execute_counts_once_for_rate_limit(vk, sandbox_client):
    code = "return [" + ",".join(["API.users.get({user_ids: 1})"] * 25) + "];"
    for _ in range(3):
        await vk.call("execute", code=code)
    st = await sandbox_client.stats()
    assert st["calls"] == 3 and st["rate_limited"] == 0
