"""vkbottle's typed API (vkbottle-types models) parses every sandbox response and event."""

from __future__ import annotations

import asyncio
import json

import pytest
from vkbottle import API, Bot, GroupEventType, Keyboard, ShowSnackbarEvent
from vkbottle.bot import Message, MessageEvent
from vkbottle.http import AiohttpClient
from vkbottle.tools import Callback

from vksandbox import Sandbox, SandboxClient

BASE = 2_000_000_000


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


async def test_typed_methods_parse(api: API, sandbox_client: SandboxClient):
    uid = await sandbox_client.create_user("Анна", "Петрова", screen_name="anna")
    group = (await api.groups.get_by_id()).groups[0]
    assert group.id == 1 and group.screen_name == "school1"
    assert (await api.users.get(user_ids=[uid]))[0].first_name == "Анна"
    resolved = await api.utils.resolve_screen_name(screen_name="anna")
    assert resolved.object_id == uid
    created = await api.messages.create_chat(title="7Б")
    peer = BASE + created.chat_id
    link = (await api.messages.get_invite_link(peer_id=peer)).link
    await sandbox_client.join_by_link(uid, link)
    members = await api.messages.get_conversation_members(peer_id=peer)
    assert {m.member_id for m in members.items} == {uid, -1}
    sent = await api.messages.send(peer_ids=[peer], random_id=0, message="правила")
    cmid = sent[0].conversation_message_id
    pinned = await api.messages.pin(peer_id=peer, cmid=cmid)
    assert pinned.conversation_message_id == cmid
    convs = await api.messages.get_conversations_by_id(peer_ids=[peer])
    assert convs.items[0].chat_settings.title == "7Б"
    got = await api.messages.get_by_conversation_message_id(
        peer_id=peer, conversation_message_ids=[cmid])
    assert got.items[0].text == "правила"
    assert await api.messages.edit(peer_id=peer, cmid=cmid, message="правила v2") == 1
    deleted = await api.messages.delete(peer_id=peer, cmids=[cmid], delete_for_all=True)
    assert deleted[0].conversation_message_id == cmid
    assert await api.messages.edit_chat(chat_id=created.chat_id, title="7Б класс") == 1
    assert await api.messages.unpin(peer_id=peer) == 1
    assert await api.messages.remove_chat_user(chat_id=created.chat_id, member_id=uid) == 1
    result = await api.execute(code=f"return [API.users.get({{user_ids: {uid}}})];")
    assert result.response["response"][0][0]["id"] == uid


async def test_bot_handles_chat_events_and_callbacks(api: API, sandbox: Sandbox,
                                                     sandbox_client: SandboxClient):
    bot = Bot(api=api)
    seen: list[str] = []

    @bot.on.chat_message(action=["chat_invite_user_by_link"])
    async def joined(message: Message) -> None:
        seen.append(f"join:{message.action.member_id}")
        kb = Keyboard(inline=True).add(Callback("Согласен", payload={"cmd": "agree"}))
        await message.answer("Добро пожаловать", keyboard=kb.get_json())

    @bot.on.chat_message(text="ping")
    async def ping(message: Message) -> None:
        seen.append(f"ping:{message.conversation_message_id}")
        await message.reply("pong")

    @bot.on.raw_event(GroupEventType.MESSAGE_EVENT, dataclass=MessageEvent)
    async def pressed(event: MessageEvent) -> None:
        seen.append(f"press:{json.dumps(event.payload)}")
        await event.send_message_event_answer(ShowSnackbarEvent(text="Принято"))

    task = asyncio.create_task(bot.run_polling())
    try:
        owner = await sandbox_client.create_user("Анна", "Петрова")
        peer = await sandbox_client.create_chat("5А", member_ids=[], owner_id=owner)
        link = (await api.messages.get_invite_link(peer_id=peer)).link
        newbie = await sandbox_client.create_user("Борис", "Иванов")
        await sandbox_client.join_by_link(newbie, link)
        welcome = await sandbox_client.wait_action("messages.send", message="Добро пожаловать")
        cmid = welcome["response"][0]["conversation_message_id"]
        await sandbox_client.press_button(newbie, peer, cmid, {"cmd": "agree"})
        answer = await sandbox_client.wait_action("messages.sendMessageEventAnswer")
        assert json.loads(answer["params"]["event_data"])["text"] == "Принято"
        ping_cmid = await sandbox_client.write_chat(newbie, peer, "ping")
        pong = await sandbox_client.wait_action("messages.send", message="pong")
        assert json.loads(pong["params"]["forward"])["conversation_message_ids"] == [ping_cmid]
        assert seen == [f"join:{newbie}", 'press:{"cmd": "agree"}', f"ping:{ping_cmid}"]
        assert (await sandbox_client.messages(peer))[-1]["reply_to_cmid"] == ping_cmid
    finally:
        bot.polling.stop()
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
