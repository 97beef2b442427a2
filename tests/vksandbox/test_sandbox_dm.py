"""What the community receives: message_new shape, ref links, documents."""

from __future__ import annotations

import base64

import aiohttp
import pytest

from vksandbox import SandboxClient, SandboxError


async def test_message_new_shape_in_dm(user, sandbox_client: SandboxClient):
    cmid = await sandbox_client.write_dm(user, "помощь", payload={"cmd": "help"})
    ev = (await sandbox_client.events())[-1]
    assert set(ev) == {"type", "object", "group_id", "event_id", "v"}
    assert ev["type"] == "message_new" and ev["group_id"] == 1 and ev["v"] == "5.199"
    msg = ev["object"]["message"]
    assert msg["id"] > 0 and msg["peer_id"] == user and msg["from_id"] == user
    assert msg["conversation_message_id"] == cmid == 1
    assert msg["fwd_messages"] == [] and msg["attachments"] == []
    assert msg["out"] == 0 and msg["important"] is False and msg["is_hidden"] is False
    assert isinstance(msg["version"], int) and isinstance(msg["date"], int)
    assert msg["payload"] == '{"cmd": "help"}'
    assert "ref" not in msg
    info = ev["object"]["client_info"]
    assert info["keyboard"] and info["inline_keyboard"] and "callback" in info["button_actions"]


async def test_chat_message_has_id_zero_and_per_chat_cmid(chat, user, sandbox_client):
    first = await sandbox_client.write_chat(user, chat, "a")
    await sandbox_client.write_dm(user, "dm")
    second = await sandbox_client.write_chat(user, chat, "b")
    assert second == first + 1
    msg = (await sandbox_client.events())[-1]["object"]["message"]
    assert msg["id"] == 0 and msg["peer_id"] == chat and msg["conversation_message_id"] == second


async def test_ref_link_first_message(user, sandbox_client):
    cmid = await sandbox_client.open_ref_link(
        user, "https://vk.me/school1?ref=INV42&ref_source=qr", text="Начать"
    )
    msg = (await sandbox_client.events())[-1]["object"]["message"]
    assert msg["conversation_message_id"] == cmid
    assert (msg["ref"], msg["ref_source"], msg["text"]) == ("INV42", "qr", "Начать")
    assert msg["payload"] == '{"command": "start"}'
    with pytest.raises(SandboxError, match=r"not a vk\.me link"):
        await sandbox_client.open_ref_link(user, "https://vk.me/other?ref=1")


async def test_a_ref_link_in_a_dialog_with_history_rides_on_what_is_typed(user, sandbox_client):
    await sandbox_client.write_dm(user, "Здравствуйте")
    await sandbox_client.open_ref_link(user, "https://vk.me/school1?ref=INV42")
    msg = (await sandbox_client.events())[-1]["object"]["message"]
    # No «Начать» button in a dialog with history: the text is typed, and the ref rides on it.
    assert (msg["ref"], msg["text"]) == ("INV42", "Начать") and "payload" not in msg
    await sandbox_client.open_ref_link(user, "https://vk.me/school1?ref=INV43", text="Добрый день")
    msg = (await sandbox_client.events())[-1]["object"]["message"]
    assert (msg["ref"], msg["text"]) == ("INV43", "Добрый день")
    await sandbox_client.write_dm(user, "ещё вопрос")
    assert "ref" not in (await sandbox_client.events())[-1]["object"]["message"]


async def test_write_dm_with_ref_params(user, sandbox_client):
    await sandbox_client.write_dm(user, "hi", ref="R", ref_source="S")
    msg = (await sandbox_client.events())[-1]["object"]["message"]
    assert (msg["ref"], msg["ref_source"]) == ("R", "S")


async def test_document_attachment_is_served(sandbox, vk, user, sandbox_client):
    content = "ФИО;класс\nИванов Иван;5А\n".encode()
    await sandbox_client.write_dm(
        user,
        "список",
        attachments=[
            {
                "type": "doc",
                "title": "roster.csv",
                "content_b64": base64.b64encode(content).decode(),
            }
        ],
    )
    msg = (await sandbox_client.events())[-1]["object"]["message"]
    (att,) = msg["attachments"]
    doc = att["doc"]
    assert att["type"] == "doc"
    assert (doc["title"], doc["ext"], doc["size"], doc["owner_id"], doc["type"]) == (
        "roster.csv",
        "csv",
        len(content),
        user,
        1,
    )
    assert doc["url"] == f"{sandbox.url}/_sandbox/files/{doc['id']}/roster.csv"
    async with aiohttp.ClientSession() as s, s.get(doc["url"]) as resp:
        assert resp.status == 200 and await resp.read() == content
    async with aiohttp.ClientSession() as s, s.get(doc["url"] + "x") as resp:
        assert resp.status == 404
    # The bot can send the document back by its attachment string.
    await vk.call("messages.send", peer_id=user, random_id=0, attachment=f"doc{user}_{doc['id']}")
    sent = (await sandbox_client.messages(user))[-1]
    assert sent["attachments"][0]["doc"]["url"] == doc["url"]


async def test_bad_attachment_rejected(user, sandbox_client):
    with pytest.raises(SandboxError):
        await sandbox_client.write_dm(
            user, "x", attachments=[{"type": "doc", "title": "a.csv", "content_b64": "@@@"}]
        )


async def test_control_errors(sandbox_client, user):
    with pytest.raises(SandboxError, match="unknown user"):
        await sandbox_client.write_dm(424242, "x")
    with pytest.raises(SandboxError, match="taken"):
        await sandbox_client.create_user("Х", "Y", user_id=user)
    with pytest.raises(SandboxError, match="bad arguments"):
        await sandbox_client._op("create_user", first_name="X")
    with pytest.raises(SandboxError, match="unknown control operation"):
        await sandbox_client._op("teleport")
    with pytest.raises(SandboxError, match="unknown chat"):
        await sandbox_client.chat(2_000_000_050)
    with pytest.raises(SandboxError, match="not a member"):
        peer = await sandbox_client.create_chat("c", member_ids=[], owner_id=user)
        stranger = await sandbox_client.create_user("С", "Т")
        await sandbox_client.write_chat(stranger, peer, "hi")
