"""Auth, envelope, groups/users/utils methods, rate limit."""

from __future__ import annotations

import asyncio

import aiohttp

from vksandbox import Sandbox, SandboxClient


async def test_missing_or_wrong_token_is_error_5(vk):
    assert await vk.error("groups.getById", token=None) == 5
    assert await vk.error("groups.getById", token="nope") == 5


async def test_unknown_method_is_error_3_and_envelope_hides_token(vk):
    body = await vk.raw("messages.frobnicate", peer_id=5)
    err = body["error"]
    assert err["error_code"] == 3
    keys = {p["key"]: p["value"] for p in err["request_params"]}
    assert keys["method"] == "messages.frobnicate"
    assert keys["peer_id"] == "5"
    assert "access_token" not in keys
    assert all(isinstance(p["value"], str) for p in err["request_params"])


async def test_get_with_query_params_and_bearer_header(sandbox: Sandbox):
    async with aiohttp.ClientSession() as s:
        url = sandbox.api_url + "users.get"
        async with s.get(url, params={"access_token": "sandbox-token", "v": "5.199",
                                      "user_ids": "1"}) as resp:
            assert await resp.json() == {"response": []}
        async with s.get(sandbox.api_url + "groups.getById",
                         headers={"Authorization": "Bearer sandbox-token"}) as resp:
            assert (await resp.json())["response"]["groups"][0]["id"] == 1


async def test_groups_get_by_id_shape(vk):
    resp = await vk.call("groups.getById")
    assert resp["profiles"] == []
    group = resp["groups"][0]
    assert (group["id"], group["screen_name"], group["name"]) == (1, "school1", "Школа №1")
    assert (await vk.call("groups.getById", group_id="school1"))["groups"][0]["id"] == 1
    assert await vk.error("groups.getById", group_ids="999") == 100


async def test_get_long_poll_server(vk, sandbox):
    resp = await vk.lp_server()
    assert resp["server"] == f"{sandbox.url}/lp/1"
    assert isinstance(resp["ts"], str) and isinstance(resp["key"], str)
    assert await vk.error("groups.getLongPollServer") == 100
    assert await vk.error("groups.getLongPollServer", group_id=2) == 100


async def test_users_get_by_ids_and_screen_names(vk, sandbox_client: SandboxClient):
    a = await sandbox_client.create_user("Анна", "Петрова", screen_name="anna")
    b = await sandbox_client.create_user("Борис", "Иванов", user_id=555)
    assert b == 555 and a == 100001
    users = await vk.call("users.get", user_ids=f"{b},anna,unknown_name,999999")
    assert [(u["id"], u["first_name"], u["last_name"]) for u in users] == [
        (555, "Борис", "Иванов"), (a, "Анна", "Петрова")]


async def test_resolve_screen_name(vk, sandbox_client: SandboxClient):
    uid = await sandbox_client.create_user("Анна", "Петрова", screen_name="anna")
    assert await vk.call("utils.resolveScreenName", screen_name="anna") == {
        "type": "user", "object_id": uid}
    assert await vk.call("utils.resolveScreenName", screen_name=f"id{uid}") == {
        "type": "user", "object_id": uid}
    assert await vk.call("utils.resolveScreenName", screen_name="school1") == {
        "type": "group", "object_id": 1}
    assert await vk.call("utils.resolveScreenName", screen_name="nobody_here") == []
    assert await vk.error("utils.resolveScreenName") == 100


async def test_rate_limit_sliding_window(vk_for):
    async with Sandbox(rps_limit=5) as sb, SandboxClient(sb.url) as c:
        vk = vk_for(sb)
        results = await asyncio.gather(*[vk.raw("groups.getById") for _ in range(8)])
        codes = [r.get("error", {}).get("error_code") for r in results]
        assert codes.count(None) == 5 and codes.count(6) == 3
        too_many = next(r for r in results if "error" in r)
        assert too_many["error"]["error_msg"] == "Too many requests per second"
        assert await c.stats() == {"calls": 8, "rate_limited": 3, "max_calls_in_any_second": 5}
        await asyncio.sleep(1.05)
        assert "response" in await vk.raw("groups.getById")


async def test_rate_limit_excludes_long_poll(vk, sandbox_client: SandboxClient):
    server = await vk.lp_server()
    await asyncio.gather(*[vk.longpoll(server) for _ in range(30)])
    assert (await sandbox_client.stats())["calls"] == 1


async def test_actions_log_records_calls_in_order(vk, sandbox_client: SandboxClient):
    await vk.call("groups.getById")
    await vk.error("users.nope")
    acts = await sandbox_client.actions()
    assert [a["method"] for a in acts] == ["groups.getById", "users.nope"]
    assert [a["seq"] for a in acts] == [1, 2]
    assert "response" in acts[0] and acts[1]["error"]["error_code"] == 3
    assert await sandbox_client.actions(since=1) == acts[1:]
    assert await sandbox_client.actions(method="users.nope") == acts[1:]


async def test_wait_action_waits_server_side(vk, sandbox_client: SandboxClient):
    async def later():
        await asyncio.sleep(0.2)
        await vk.call("users.get", user_ids="1")

    task = asyncio.create_task(later())
    act = await sandbox_client.wait_action("users.get", timeout=3, user_ids="1")
    await task
    assert act["params"]["user_ids"] == "1"


async def test_wait_action_timeout_lists_calls(vk, sandbox_client: SandboxClient):
    await vk.call("groups.getById")
    try:
        await sandbox_client.wait_action("messages.send", timeout=0.2, peer_id="5")
    except TimeoutError as exc:
        assert "groups.getById" in str(exc)
    else:
        raise AssertionError("expected TimeoutError")


async def test_sandbox_as_context_manager():
    async with Sandbox(group_id=7, screen_name="s7") as sb, SandboxClient(sb.url) as c:
        assert sb.url.startswith("http://127.0.0.1:")
        assert await c.stats() == {"calls": 0, "rate_limited": 0, "max_calls_in_any_second": 0}
