"""Document upload for a community token: upload server, docs.save, sending, observation."""

from __future__ import annotations

import base64
import time

import aiohttp
import pytest
from vkbottle import API, DocMessagesUploader
from vkbottle.http import AiohttpClient

from vksandbox import Sandbox, SandboxClient

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _tmp_cwd(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)


@pytest.fixture
async def api(sandbox: Sandbox):
    client = AiohttpClient()
    api = API("sandbox-token", http_client=client)
    api.API_URL = sandbox.api_url
    yield api
    await client.close()


@pytest.fixture
async def allowed_user(sandbox_client: SandboxClient, user: int) -> int:
    await sandbox_client.allow_messages(user)
    return user


async def post_file(url: str, content: bytes, filename: str = "report.pdf",
                    field: str = "file") -> dict:
    form = aiohttp.FormData()
    form.add_field(field, content, filename=filename, content_type="application/pdf")
    async with aiohttp.ClientSession() as s, s.post(url, data=form) as resp:
        assert resp.status == 200
        return await resp.json(content_type=None)


async def upload(vk, peer_id: int, content: bytes = PDF, filename: str = "report.pdf") -> str:
    server = await vk.call("docs.getMessagesUploadServer", type="doc", peer_id=peer_id)
    return (await post_file(server["upload_url"], content, filename))["file"]


async def test_doc_messages_uploader_then_send(api, sandbox, sandbox_client, allowed_user):
    """A real client's upload helper works unchanged; the PDF reaches the person."""
    attachment = await DocMessagesUploader(api).upload(
        file_source=PDF, peer_id=allowed_user, title="Отчёт 5А.pdf")
    assert attachment.startswith("doc-1_")
    message_id = await api.messages.send(peer_id=allowed_user, random_id=0, message="Отчёт",
                                         attachment=attachment)
    (msg,) = await sandbox_client.messages(allowed_user)
    assert msg["id"] == message_id
    (att,) = msg["attachments"]
    doc = att["doc"]
    assert att["type"] == "doc" and f"doc{doc['owner_id']}_{doc['id']}" == attachment
    assert (doc["title"], doc["ext"], doc["size"], doc["owner_id"]) == (
        "Отчёт 5А.pdf", "pdf", len(PDF), -1)
    async with aiohttp.ClientSession() as s, s.get(doc["url"]) as resp:
        assert resp.status == 200 and await resp.read() == PDF
    (sent,) = await sandbox_client.sent_documents()
    assert sent["peer_id"] == allowed_user and sent["conversation_message_id"] == 1
    assert (sent["title"], sent["ext"], sent["size"]) == ("Отчёт 5А.pdf", "pdf", len(PDF))
    assert base64.b64decode(sent["content_b64"]) == PDF
    methods = [a["method"] for a in await sandbox_client.actions()]
    assert methods == ["docs.getMessagesUploadServer", "upload", "docs.save", "messages.send"]


async def test_typed_docs_methods(api, sandbox, allowed_user):
    server = await api.docs.get_messages_upload_server(peer_id=allowed_user, type="doc")
    assert server.upload_url.startswith(f"{sandbox.url}/_upload/doc/")
    opaque = (await post_file(server.upload_url, PDF))["file"]
    saved = await api.docs.save(file=opaque, title="Ведомость")
    assert saved.type.value == "doc"
    assert saved.doc.owner_id == -1 and saved.doc.title == "Ведомость"
    # The extension comes from the uploaded file name, not from the title.
    assert saved.doc.ext == "pdf" and saved.doc.size == len(PDF) and saved.doc.type == 1


async def test_upload_to_chat_and_long_poll_carries_doc(vk, sandbox_client, chat, user):
    opaque = await upload(vk, chat, b"a;b\n", "roster.csv")
    saved = await vk.call("docs.save", file=opaque)
    assert saved["doc"]["title"] == "roster.csv"  # title defaults to the file name
    doc_ref = f"doc{saved['doc']['owner_id']}_{saved['doc']['id']}"
    sent = await vk.call("messages.send", peer_ids=chat, random_id=0,
                         attachment=f"{doc_ref},photo-1_5_key")
    cmid = sent[0]["conversation_message_id"]
    got = await vk.call("messages.getByConversationMessageId", peer_id=chat,
                        conversation_message_ids=cmid)
    atts = got["items"][0]["attachments"]
    assert [a["type"] for a in atts] == ["doc", "photo"]
    assert atts[0]["doc"] == saved["doc"]
    assert atts[1]["photo"] == {"id": 5, "owner_id": -1, "access_key": "key"}
    # A user's reply to the document: the long-poll event carries the doc in reply_message.
    server = await vk.lp_server()
    await sandbox_client.write_chat(user, chat, "спасибо", reply_to_cmid=cmid)
    (update,) = (await vk.longpoll(server))["updates"]
    assert update["object"]["message"]["reply_message"]["attachments"][0]["doc"] == saved["doc"]
    (doc,) = await sandbox_client.sent_documents(peer_id=chat)
    assert doc["conversation_message_id"] == cmid and doc["ext"] == "csv"
    assert await sandbox_client.sent_documents(peer_id=user) == []


async def test_one_upload_sent_to_many_peers(vk, sandbox_client, allowed_user, chat):
    saved = await vk.call("docs.save", file=await upload(vk, allowed_user))
    ref = f"doc-1_{saved['doc']['id']}"
    await vk.call("messages.send", peer_ids=f"{allowed_user},{chat}", random_id=0,
                  attachment=ref)
    docs = await sandbox_client.sent_documents()
    assert [d["peer_id"] for d in docs] == [allowed_user, chat]


async def test_upload_server_needs_a_writable_peer(vk, sandbox_client, user):
    assert await vk.error("docs.getMessagesUploadServer", type="doc", peer_id=user) == 901
    assert await vk.error("docs.getMessagesUploadServer", type="doc", peer_id=424242) == 901
    assert await vk.error("docs.getMessagesUploadServer", peer_id=2_000_000_099) == 917
    other = await sandbox_client.create_user("Б", "В")
    peer = await sandbox_client.create_chat("чат", [user, other], owner_id=user)
    await vk.call("messages.removeChatUser", chat_id=peer - 2_000_000_000, member_id=-1)
    assert await vk.error("docs.getMessagesUploadServer", peer_id=peer) == 917
    assert await vk.error("docs.getMessagesUploadServer", type="doc") == 100
    await sandbox_client.allow_messages(user)
    assert await vk.error("docs.getMessagesUploadServer", type="photo", peer_id=user) == 100
    assert await vk.error("docs.getMessagesUploadServer", type="graffiti", peer_id=user) == 100
    assert await vk.call("docs.getMessagesUploadServer", peer_id=user)  # type defaults to doc


async def test_upload_url_is_one_time(vk, sandbox_client, allowed_user):
    server = await vk.call("docs.getMessagesUploadServer", type="doc", peer_id=allowed_user)
    assert "file" in await post_file(server["upload_url"], PDF)
    again = await post_file(server["upload_url"], PDF)
    assert set(again) == {"error", "error_descr"} and again["error"] == "invalid_upload_url"
    unknown = await post_file(server["upload_url"].rsplit("/", 1)[0] + "/nope", PDF)
    assert unknown["error"] == "invalid_upload_url"
    uploads = await sandbox_client.actions(method="upload")
    assert ["error" in a for a in uploads] == [False, True, True]
    assert uploads[0]["params"]["filename"] == "report.pdf"
    assert uploads[0]["params"]["size"] == str(len(PDF))
    assert all("content" not in str(a["params"]) for a in uploads)


async def test_upload_without_file_field_is_refused(vk, allowed_user):
    server = await vk.call("docs.getMessagesUploadServer", peer_id=allowed_user)
    wrong = await post_file(server["upload_url"], PDF, field="photo")
    assert wrong["error"] == "no_file"
    async with aiohttp.ClientSession() as s, s.post(server["upload_url"], data=b"x") as resp:
        assert (await resp.json(content_type=None))["error"] == "no_file"
    # A refused upload does not use up the URL.
    assert "file" in await post_file(server["upload_url"], PDF)


async def test_upload_size_cap(vk_for, sandbox_client):
    assert Sandbox().world.uploads.max_bytes == 50 * 1024 * 1024
    async with Sandbox(upload_max_bytes=1000) as sb, SandboxClient(sb.url) as client:
        vk = vk_for(sb)
        uid = await client.create_user("А", "Б")
        await client.allow_messages(uid)
        server = await vk.call("docs.getMessagesUploadServer", peer_id=uid)
        too_big = await post_file(server["upload_url"], b"x" * 1001)
        assert too_big["error"] == "file_too_big"
        assert "file" in await post_file(server["upload_url"], b"x" * 1000)


async def test_docs_save_rejects_unknown_or_reused_file(vk, allowed_user):
    opaque = await upload(vk, allowed_user)
    assert await vk.error("docs.save", file="1|0|0|1|bogus") == 100
    assert await vk.error("docs.save") == 100
    assert (await vk.call("docs.save", file=opaque))["type"] == "doc"
    body = await vk.raw("docs.save", file=opaque)
    assert body["error"]["error_code"] == 100 and "file" in body["error"]["error_msg"]


async def test_send_with_bad_attachment(vk, allowed_user):
    assert await vk.error("messages.send", peer_id=allowed_user, random_id=0,
                          attachment="doc-1_999") == 100
    assert await vk.error("messages.send", peer_id=allowed_user, random_id=0,
                          attachment="garbage") == 100
    saved = await vk.call("docs.save", file=await upload(vk, allowed_user))
    # The doc belongs to the community: another owner id does not address it.
    assert await vk.error("messages.send", peer_id=allowed_user, random_id=0,
                          attachment=f"doc{allowed_user}_{saved['doc']['id']}") == 100
    # Unknown but well-formed kinds are kept as they are (not modelled).
    assert await vk.call("messages.send", peer_id=allowed_user, random_id=0,
                         attachment="wall-1_7, poll-1_3")


async def test_upload_is_not_rate_limited(vk_for, sandbox_client):
    async with Sandbox(rps_limit=2) as sb, SandboxClient(sb.url) as client:
        vk = vk_for(sb)
        uid = await client.create_user("А", "Б")
        await client.allow_messages(uid)
        urls = [(await vk.call("docs.getMessagesUploadServer", peer_id=uid))["upload_url"]
                for _ in range(2)]
        for url in urls:  # inside the same second as the two API calls
            assert "file" in await post_file(url, PDF)
        stats = await client.stats()
        assert stats["calls"] == 2 and stats["rate_limited"] == 0


async def test_upload_faults(vk, sandbox_client, allowed_user):
    server = await vk.call("docs.getMessagesUploadServer", peer_id=allowed_user)
    await sandbox_client.inject_latency(1.0)  # "every method" does not touch uploads
    started = time.monotonic()
    await sandbox_client.inject_error("upload", code=10)
    assert (await post_file(server["upload_url"], PDF))["error"] == "upload_error"
    await sandbox_client.inject_drop("upload")
    with pytest.raises(aiohttp.ClientError):
        await post_file(server["upload_url"], PDF)
    assert "file" in await post_file(server["upload_url"], PDF)
    assert time.monotonic() - started < 0.9
    await sandbox_client.reset_faults()
