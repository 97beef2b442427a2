"""Photos in messages for a community token: upload server, saveMessagesPhoto, sending."""

from __future__ import annotations

import base64
import struct
import zlib

import aiohttp
import pytest

from vksandbox import SandboxError


def tiny_png(width: int = 3, height: int = 2) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    raw = b"".join(b"\x00" + b"\x00\x00\x00" * width for _ in range(height))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", ihdr)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


async def post_photo(url: str, content: bytes, field: str = "photo") -> dict:
    form = aiohttp.FormData()
    form.add_field(field, content, filename="chart.png", content_type="image/png")
    async with aiohttp.ClientSession() as s, s.post(url, data=form) as resp:
        assert resp.status == 200
        return await resp.json(content_type=None)


async def test_upload_save_and_send_a_photo(vk, sandbox_client, user):
    await sandbox_client.allow_messages(user)
    server = await vk.call("photos.getMessagesUploadServer", peer_id=user)
    assert "/_upload/photo/" in server["upload_url"]
    png = tiny_png()
    uploaded = await post_photo(server["upload_url"], png)
    assert set(uploaded) == {"server", "photo", "hash"}
    (photo,) = await vk.call("photos.saveMessagesPhoto", **uploaded)
    assert (photo["owner_id"], photo["width"], photo["height"]) == (-1, 3, 2)
    ref = f"photo{photo['owner_id']}_{photo['id']}_{photo['access_key']}"
    await vk.call("messages.send", peer_id=user, random_id=0, message="Отчёт", attachment=ref)
    (msg,) = await sandbox_client.messages(user)
    assert msg["attachments"][0]["photo"]["id"] == photo["id"]
    (sent,) = await sandbox_client.sent_photos(user)
    assert base64.b64decode(sent["content_b64"]) == png and sent["message"] == "Отчёт"
    methods = [a["method"] for a in await sandbox_client.actions()]
    assert methods == [
        "photos.getMessagesUploadServer",
        "upload",
        "photos.saveMessagesPhoto",
        "messages.send",
    ]


async def test_refusals(vk, sandbox_client, user):
    assert await vk.error("photos.getMessagesUploadServer", peer_id=user) == 901
    await sandbox_client.allow_messages(user)
    server = await vk.call("photos.getMessagesUploadServer", peer_id=user)
    assert (await post_photo(server["upload_url"], b"not an image"))["error"] == "invalid_photo"
    uploaded = await post_photo(server["upload_url"], tiny_png())
    assert (
        await vk.error("photos.saveMessagesPhoto", photo=uploaded["photo"], server=1, hash="forged")
        == 100
    )
    again = await post_photo(server["upload_url"], tiny_png())
    assert again["error"] == "invalid_upload_url"  # one upload per URL
    await vk.call("photos.saveMessagesPhoto", **uploaded)
    assert await vk.error("photos.saveMessagesPhoto", **uploaded) == 100  # saved once
    assert (
        await vk.error(
            "messages.send", peer_id=user, random_id=0, attachment="photo-1_456239001_wrongkey"
        )
        == 100
    )


async def test_a_users_photo_reaches_the_community_and_its_bytes_can_be_fetched(
    vk, sandbox_client, user, chat
):
    png = tiny_png(5, 4)
    photo = {"type": "photo", "content_b64": base64.b64encode(png).decode()}
    cmid = await sandbox_client.write_chat(user, chat, "фото", attachments=[photo])
    got = await vk.call(
        "messages.getByConversationMessageId", peer_id=chat, conversation_message_ids=cmid
    )
    (attachment,) = got["items"][0]["attachments"]
    assert attachment["type"] == "photo"
    shown = attachment["photo"]
    assert (shown["owner_id"], shown["width"], shown["height"]) == (user, 5, 4)
    async with aiohttp.ClientSession() as s, s.get(shown["sizes"][0]["url"]) as resp:
        assert resp.status == 200 and resp.content_type == "image/png"
        assert await resp.read() == png
    bad = {"type": "photo", "content_b64": base64.b64encode(b"not a picture").decode()}
    with pytest.raises(SandboxError):
        await sandbox_client.write_chat(user, chat, "фото", attachments=[bad])
