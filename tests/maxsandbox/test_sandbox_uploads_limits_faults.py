"""The two-step upload with attachment.not.ready, MAX's rate limits, and injected faults."""

from __future__ import annotations

import asyncio
import json
import time
from typing import Any

import aiohttp
import pytest

from maxsandbox import MaxSandbox, MaxSandboxClient
from tests.maxsandbox.conftest import ALL, TOKEN, RawMax
from tests.maxsandbox.test_schema_conformance import PNG


async def upload(api: RawMax, kind: str, content: bytes, name: str = "f") -> tuple[int, Any, dict]:
    slot = await api.ok("POST", "/uploads", params={"type": kind})
    form = aiohttp.FormData()
    form.add_field("data", content, filename=name)
    async with api.session.post(slot["url"], data=form) as resp:  # no token: not the API
        return resp.status, await resp.text(), slot


async def test_file_upload_then_not_ready_for_a_while_then_attached(api, sandbox, chat):
    sandbox.uploads.ready_delay = 0.3
    status, text, slot = await upload(api, "file", b"%PDF-1.4", "Отчёт.pdf")
    assert status == 200 and "token" not in slot
    token = json.loads(text)["token"]
    body = {"attachments": [{"type": "file", "payload": {"token": token}}]}
    assert await api.error("POST", "/messages", params={"chat_id": chat}, json=body) == (
        400,
        "attachment.not.ready",
    )
    await asyncio.sleep(0.35)
    sent = await api.send(chat_id=chat, body=body)
    attached = sent["body"]["attachments"][0]
    assert (attached["filename"], attached["size"]) == ("Отчёт.pdf", 8)
    async with api.session.get(attached["payload"]["url"]) as resp:
        assert await resp.read() == b"%PDF-1.4"


async def test_video_token_comes_first_and_attaches_only_after_the_upload(api, chat):
    slot = await api.ok("POST", "/uploads", params={"type": "video"})
    body = {"attachments": [{"type": "video", "payload": {"token": slot["token"]}}]}
    assert await api.error("POST", "/messages", params={"chat_id": chat}, json=body) == (
        400,
        "attachment.not.ready",
    )
    form = aiohttp.FormData()
    form.add_field("data", b"\x00mp4", filename="v.mp4")
    async with api.session.post(slot["url"], data=form) as resp:
        assert "<retval>1</retval>" in await resp.text()
    assert (await api.send(chat_id=chat, body=body))["body"]["attachments"][0]["type"] == "video"


async def test_upload_refusals(api, chat):
    assert await api.error("POST", "/uploads", params={"type": "photo"}) == (400, "proto.payload")
    status, text, _ = await upload(api, "image", b"not an image")
    assert status == 400 and json.loads(text)["code"] == "upload.error"
    status, _, slot = await upload(api, "image", PNG)
    async with api.session.post(slot["url"], data={"x": "1"}) as resp:  # the URL is used up
        assert resp.status == 400
    assert await api.error(
        "POST",
        "/messages",
        params={"chat_id": chat},
        json={"attachments": [{"type": "file", "payload": {"token": "forged"}}]},
    ) == (400, "proto.payload")


async def test_a_file_must_be_the_only_attachment_a_keyboard_aside(api, chat):
    _, text, _ = await upload(api, "file", b"a")
    file = {"type": "file", "payload": {"token": json.loads(text)["token"]}}
    image = {"type": "image", "payload": {"url": "https://school.example/a.png"}}
    keyboard = {
        "type": "inline_keyboard",
        "payload": {"buttons": [[{"type": "callback", "text": "Ок", "payload": "ok"}]]},
    }
    assert await api.error(
        "POST", "/messages", params={"chat_id": chat}, json={"attachments": [file, image]}
    ) == (400, "proto.payload")
    await api.send(chat_id=chat, body={"text": "Файл", "attachments": [file, keyboard]})


@pytest.fixture
def sandbox_options() -> dict[str, Any]:
    return {"attachment_ready_delay": 0.0}  # MAX's own limits: 30 rps, 2 per chat per second


async def test_over_30_requests_a_second_answers_429(api, sandbox):
    statuses = [(await api.request("GET", "/me"))[0] for _ in range(31)]
    assert statuses[:30] == [200] * 30 and statuses[30] == 429
    assert (await api.request("GET", "/me"))[1]["code"] == "too.many.requests"
    stats = sandbox.limiter.stats()
    assert stats["max_calls_in_any_second"] == 30 and stats["rate_limited"] >= 2


async def test_two_sends_edits_and_deletes_a_second_per_chat(api, control, teacher, parent):
    chat = await control.create_chat("5А", teacher, [parent], bot_permissions=ALL)
    other = await control.create_chat("5Б", teacher, [parent], bot_permissions=ALL)
    started = time.monotonic()
    sends = [
        (await api.request("POST", "/messages", params={"chat_id": chat}, json={"text": str(i)}))[0]
        for i in range(3)
    ]
    elsewhere = (
        await api.request("POST", "/messages", params={"chat_id": other}, json={"text": "x"})
    )[0]
    if time.monotonic() - started < 0.9:  # all inside one second on this machine
        assert sends == [200, 200, 429] and elsewhere == 200
    mids = [m["body"]["mid"] for m in await control.messages(chat)]
    edits = [
        (await api.request("PUT", "/messages", params={"message_id": mid}, json={"text": "e"}))[0]
        for mid in mids
    ]
    deletes = [
        (await api.request("DELETE", "/messages", params={"message_id": mid}))[0] for mid in mids
    ]
    if time.monotonic() - started < 0.9:
        assert edits == [200, 200] and deletes == [200, 200]
    said = [await control.write(parent, chat, str(i)) for i in range(3)]
    third = [(await api.request("DELETE", "/messages", params={"message_id": m}))[0] for m in said]
    if time.monotonic() - started < 0.9:
        assert third == [429, 429, 429]  # the chat's two deletes this second are spent


async def test_injected_errors_burst_then_normal(api, control, chat):
    await control.inject_rate_limit(2, operation="sendMessage")
    body = {"text": "x"}
    first = await api.request("POST", "/messages", params={"chat_id": chat}, json=body)
    second = await api.request("POST", "/messages", params={"chat_id": chat}, json=body)
    assert [first[0], second[0]] == [429, 429] and first[1]["code"] == "too.many.requests"
    assert (await api.request("GET", "/me"))[0] == 200  # other operations unaffected
    await asyncio.sleep(1.0)  # the real per-chat window, not the injected burst
    assert (await api.request("POST", "/messages", params={"chat_id": chat}, json=body))[0] == 200
    await control.inject_error(503, "service.unavailable", count=1)
    assert await api.error("GET", "/me") == (503, "service.unavailable")
    assert len(await control.messages(chat)) == 1


async def test_proxy_pages_drops_and_latency(api, control, chat):
    await control.inject_http_status(502, operation="getMyInfo")
    async with api.session.get(api.sandbox.url + "/me", headers={"Authorization": TOKEN}) as r:
        assert r.status == 502 and "Bad Gateway" in await r.text()
    await control.inject_drop(operation="sendMessage", executed=True)
    with pytest.raises(aiohttp.ClientError):
        await api.request("POST", "/messages", params={"chat_id": chat}, json={"text": "once"})
    # The call ran though its answer was lost: MAX has no random_id to deduplicate a retry.
    assert [m["body"]["text"] for m in await control.messages(chat)] == ["once"]
    # aiohttp itself retries an idempotent GET once when the server drops it: drop two.
    await control.inject_drop(operation="getMyInfo", count=2)
    with pytest.raises(aiohttp.ClientError):
        await api.request("GET", "/me")
    await control.inject_latency(0.3, operation="getMyInfo", count=1)
    started = time.monotonic()
    await api.ok("GET", "/me")
    assert time.monotonic() - started >= 0.3
    await control.inject_error(500, "internal.error", count=None)
    await control.reset_faults()
    await api.ok("GET", "/me")


async def test_standalone_sandbox_speaks_to_a_client_from_another_session():
    async with MaxSandbox("other-token") as sb, MaxSandboxClient(sb.url) as control:
        uid = await control.create_user("Анна")
        await control.start_bot(uid)
        async with aiohttp.ClientSession() as session:
            raw = RawMax(sb, session)
            assert await raw.error("GET", "/me") == (401, "verify.token")
            assert (await raw.ok("GET", "/updates", params={"timeout": 0}, token="other-token"))[
                "updates"
            ]
