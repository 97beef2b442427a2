"""Chat methods: create, invite links, kick, edit/delete/pin, members, restrictions."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest

from vksandbox import Sandbox, SandboxClient, SandboxError

BASE = 2_000_000_000


async def test_create_chat_owner_admin_and_chat_create_event(vk, sandbox_client):
    resp = await vk.call("messages.createChat", title="7Б")
    assert resp == {"chat_id": 1, "peer_ids": []}
    info = await sandbox_client.chat(BASE + 1)
    assert info["owner_id"] == -1 and info["bot_is_admin"] and info["members"] == []
    ev = (await sandbox_client.events())[-1]
    msg = ev["object"]["message"]
    assert ev["type"] == "message_new"
    assert msg["action"] == {"type": "chat_create", "text": "7Б"}
    assert msg["from_id"] == -1 and msg["peer_id"] == BASE + 1 and msg["id"] == 0


async def test_create_chat_cannot_add_users(vk, user):
    assert await vk.error("messages.createChat", title="x", user_ids=user) == 936
    assert await vk.error("messages.createChat") == 100


async def test_invite_link_reset_and_join(vk, sandbox_client, user):
    chat_id = (await vk.call("messages.createChat", title="7Б"))["chat_id"]
    peer = BASE + chat_id
    link = (await vk.call("messages.getInviteLink", peer_id=peer))["link"]
    assert link.startswith("https://vk.me/join/")
    assert (await vk.call("messages.getInviteLink", peer_id=peer))["link"] == link
    new = (await vk.call("messages.getInviteLink", peer_id=peer, reset=1))["link"]
    assert new != link
    with pytest.raises(SandboxError, match="annulled or unknown"):
        await sandbox_client.join_by_link(user, link)
    assert await sandbox_client.join_by_link(user, new) == peer
    info = await sandbox_client.chat(peer)
    assert info["members"] == [user] and info["invite_link"] == new
    msg = (await sandbox_client.events())[-1]["object"]["message"]
    assert msg["action"] == {"type": "chat_invite_user_by_link", "member_id": user}
    assert msg["from_id"] == user


async def test_invite_link_needs_admin_919(vk, chat, sandbox_client):
    await sandbox_client.set_bot_admin(chat, False)
    assert await vk.error("messages.getInviteLink", peer_id=chat) == 919


async def test_remove_chat_user(vk, chat, user, sandbox_client):
    other = (await sandbox_client.chat(chat))["members"][1]
    chat_id = chat - BASE
    assert await vk.error("messages.removeChatUser", chat_id=chat_id, member_id=999) == 935
    assert await vk.call("messages.removeChatUser", chat_id=chat_id, member_id=other) == 1
    assert (await sandbox_client.chat(chat))["members"] == [user]
    msg = (await sandbox_client.events())[-1]["object"]["message"]
    assert msg["action"] == {"type": "chat_kick_user", "member_id": other}
    assert msg["from_id"] == -1
    await sandbox_client.set_bot_admin(chat, False)
    assert await vk.error("messages.removeChatUser", chat_id=chat_id, user_id=user) == 925
    assert await vk.error("messages.removeChatUser", chat_id=chat_id) == 100


async def test_leave_chat_emits_kick_self(chat, user, sandbox_client):
    await sandbox_client.leave_chat(user, chat)
    msg = (await sandbox_client.events())[-1]["object"]["message"]
    assert msg["action"] == {"type": "chat_kick_user", "member_id": user}
    assert msg["from_id"] == user
    with pytest.raises(SandboxError):
        await sandbox_client.write_chat(user, chat, "я вернулся")


async def test_create_chat_control_announces_bot_invite(chat, user, sandbox_client):
    ev = (await sandbox_client.events())[0]["object"]["message"]
    assert ev["action"] == {"type": "chat_invite_user", "member_id": -1}
    assert ev["from_id"] == user and ev["conversation_message_id"] == 1


async def test_edit_own_message_only(vk, chat, user, sandbox_client):
    sent = await vk.call("messages.send", peer_ids=chat, random_id=0, message="old")
    cmid = sent[0]["conversation_message_id"]
    assert await vk.call("messages.edit", peer_id=chat, cmid=cmid, message="new") == 1
    assert (await sandbox_client.messages(chat))[-1]["text"] == "new"
    theirs = await sandbox_client.write_chat(user, chat, "чужое")
    assert await vk.error("messages.edit", peer_id=chat, cmid=theirs, message="x") == 920
    assert await vk.error("messages.edit", peer_id=chat, cmid=999, message="x") == 104
    assert await vk.error("messages.edit", peer_id=chat, cmid=cmid, message="x" * 9001) == 914


async def test_edit_dm_by_message_id(vk, user, sandbox_client):
    await sandbox_client.write_dm(user, "hi")
    mid = await vk.call("messages.send", peer_id=user, random_id=0, message="old")
    assert await vk.call("messages.edit", peer_id=user, message_id=mid, message="new") == 1
    assert (await sandbox_client.messages(user))[-1]["text"] == "new"


async def test_delete_per_item_results(vk, chat, user, sandbox_client):
    own = (await vk.call("messages.send", peer_ids=chat, random_id=0, message="x"))[0]
    theirs = await sandbox_client.write_chat(user, chat, "спам")  # user is the owner
    other = (await sandbox_client.chat(chat))["members"][1]
    member_msg = await sandbox_client.write_chat(other, chat, "флуд")
    resp = await vk.call("messages.delete", peer_id=chat, delete_for_all=1,
                         cmids=f"{own['conversation_message_id']},{member_msg},{theirs},999")
    assert [r.get("response") for r in resp] == [1, 1, None, None]
    assert resp[2]["error"]["code"] == 924 and resp[3]["error"]["code"] == 104
    msgs = {m["conversation_message_id"]: m for m in await sandbox_client.messages(chat)}
    assert msgs[member_msg]["deleted"] and not msgs[theirs]["deleted"]


async def test_delete_others_without_admin_is_924(vk, chat, user, sandbox_client):
    await sandbox_client.set_bot_admin(chat, False)
    cmid = await sandbox_client.write_chat(user, chat, "[club1|бот] привет")
    resp = await vk.call("messages.delete", peer_id=chat, cmids=cmid, delete_for_all=1)
    assert resp[0]["error"]["code"] == 924


async def test_pin_unpin_and_service_messages(vk, chat, user, sandbox_client):
    cmid = await sandbox_client.write_chat(user, chat, "важно")
    pinned = await vk.call("messages.pin", peer_id=chat, cmid=cmid)
    assert pinned["conversation_message_id"] == cmid and pinned["text"] == "важно"
    assert pinned["id"] == 0 and pinned["from_id"] == user
    assert (await sandbox_client.chat(chat))["pinned_cmid"] == cmid
    action = (await sandbox_client.events())[-1]["object"]["message"]["action"]
    assert action == {"type": "chat_pin_message", "member_id": -1,
                      "conversation_message_id": cmid, "message": "важно"}
    assert await vk.call("messages.unpin", peer_id=chat) == 1
    assert (await sandbox_client.chat(chat))["pinned_cmid"] is None
    await sandbox_client.set_bot_admin(chat, False)
    assert await vk.error("messages.pin", peer_id=chat, cmid=cmid) == 925
    assert await vk.error("messages.unpin", peer_id=chat) == 925


async def test_edit_chat_title(vk, chat, sandbox_client):
    assert await vk.call("messages.editChat", chat_id=chat - BASE, title="5А") == 1
    assert (await sandbox_client.chat(chat))["title"] == "5А"
    action = (await sandbox_client.events())[-1]["object"]["message"]["action"]
    assert action == {"type": "chat_title_update", "text": "5А"}
    await sandbox_client.set_bot_admin(chat, False)
    assert await vk.error("messages.editChat", chat_id=chat - BASE, title="x") == 925


async def test_conversation_members(vk, chat, user, sandbox_client):
    resp = await vk.call("messages.getConversationMembers", peer_id=chat)
    items = {i["member_id"]: i for i in resp["items"]}
    assert resp["count"] == 3 and set(items) == {user, user + 1, -1}
    assert items[user]["is_owner"] and items[user]["is_admin"] and not items[user]["can_kick"]
    assert items[-1]["is_admin"] and items[user + 1]["can_kick"]
    assert {p["id"] for p in resp["profiles"]} == {user, user + 1}
    assert resp["groups"][0]["id"] == 1
    await sandbox_client.set_bot_admin(chat, False)
    assert await vk.error("messages.getConversationMembers", peer_id=chat) == 917


async def test_conversations_by_id(vk, chat, user, sandbox_client):
    resp = await vk.call("messages.getConversationsById", peer_ids=f"{chat},{user},2000000077")
    assert resp["count"] == 2
    conv = resp["items"][0]
    assert conv["peer"] == {"id": chat, "type": "chat", "local_id": chat - BASE}
    settings = conv["chat_settings"]
    assert settings["title"] == "5А родители" and settings["owner_id"] == user
    assert settings["state"] == "in" and settings["members_count"] == 3
    assert -1 in settings["admin_ids"] and settings["acl"]["can_moderate"] is True
    assert resp["items"][1]["peer"]["type"] == "user"
    assert resp["items"][1]["can_write"] == {"allowed": False, "reason": 901}


async def test_get_by_conversation_message_id(vk, chat, user, sandbox_client):
    a = await sandbox_client.write_chat(user, chat, "a", payload={"x": 1})
    b = await sandbox_client.write_chat(user, chat, "b", reply_to_cmid=a)
    resp = await vk.call("messages.getByConversationMessageId", peer_id=chat,
                         conversation_message_ids=f"{a},{b},999")
    assert resp["count"] == 2
    first, second = resp["items"]
    assert (first["text"], first["id"], first["payload"]) == ("a", 0, '{"x": 1}')
    assert second["reply_message"]["conversation_message_id"] == a
    assert await vk.error("messages.getByConversationMessageId", peer_id=2000000077,
                          conversation_message_ids="1") == 927


async def test_restrictions(vk, chat, user, sandbox_client: SandboxClient):
    other = (await sandbox_client.chat(chat))["members"][1]
    resp = await vk.call("messages.changeConversationMemberRestrictions", peer_id=chat,
                         member_ids=f"{other},{user},424242", action="ro")
    assert resp == {"failed_member_ids": [user, 424242]}
    assert (await sandbox_client.chat(chat))["restricted"] == {other: None}
    with pytest.raises(SandboxError, match="restricted"):
        await sandbox_client.write_chat(other, chat, "можно?")
    members = await vk.call("messages.getConversationMembers", peer_id=chat)
    assert next(i for i in members["items"] if i["member_id"] == other)["is_restricted_to_write"]
    await vk.call("messages.changeConversationMemberRestrictions", peer_id=chat,
                  member_ids=other, action="rw")
    await sandbox_client.write_chat(other, chat, "можно")
    await vk.call("messages.changeConversationMemberRestrictions", peer_id=chat,
                  member_ids=other, action="ro", **{"for": 3600})
    until = (await sandbox_client.chat(chat))["restricted"][other]
    assert isinstance(until, float)
    assert await vk.error("messages.changeConversationMemberRestrictions", peer_id=chat,
                          member_ids=other, action="zz") == 100
    await sandbox_client.set_bot_admin(chat, False)
    assert await vk.error("messages.changeConversationMemberRestrictions", peer_id=chat,
                          member_ids=other, action="rw") == 925


async def test_visibility_non_admin_sees_only_mentions(chat, user, sandbox_client):
    await sandbox_client.set_bot_admin(chat, False)
    before = len(await sandbox_client.events())
    await sandbox_client.write_chat(user, chat, "обычное сообщение")
    await sandbox_client.write_chat(user, chat, "[club1|@school1], помоги")
    await sandbox_client.write_chat(user, chat, "@school1 помоги")
    await sandbox_client.leave_chat(user + 1, chat)
    texts = [e["object"]["message"]["text"] for e in (await sandbox_client.events())[before:]]
    assert texts == ["[club1|@school1], помоги", "@school1 помоги"]
    await sandbox_client.set_bot_admin(chat, True)
    await sandbox_client.write_chat(user, chat, "теперь видно")
    assert (await sandbox_client.events())[-1]["object"]["message"]["text"] == "теперь видно"


async def test_message_event_answer(vk, user, sandbox_client):
    await sandbox_client.write_dm(user, "меню")
    keyboard = json.dumps({"inline": True, "buttons": [[{"action": {
        "type": "callback", "label": "Да", "payload": json.dumps({"cmd": "yes"})}}]]})
    mid = await vk.call("messages.send", peer_ids=user, random_id=0, message="?",
                        keyboard=keyboard)
    cmid = mid[0]["conversation_message_id"]
    with pytest.raises(SandboxError, match="no callback button"):
        await sandbox_client.press_button(user, user, cmid, {"cmd": "no"})
    event_id = await sandbox_client.press_button(user, user, cmid, {"cmd": "yes"})
    ev = (await sandbox_client.events())[-1]
    assert ev["type"] == "message_event"
    assert ev["object"] == {"user_id": user, "peer_id": user, "event_id": event_id,
                            "payload": {"cmd": "yes"}, "conversation_message_id": cmid}
    data = json.dumps({"type": "show_snackbar", "text": "ok"})
    assert await vk.call("messages.sendMessageEventAnswer", event_id=event_id, user_id=user,
                         peer_id=user, event_data=data) == 1
    assert await vk.error("messages.sendMessageEventAnswer", event_id="bogus", user_id=user,
                          peer_id=user) == 100
    assert await vk.error("messages.sendMessageEventAnswer", event_id=event_id,
                          user_id=user + 5, peer_id=user) == 100


async def test_message_event_expires():
    async with Sandbox(message_event_ttl=0.05) as sb, SandboxClient(sb.url) as c:
        uid = await c.create_user("А", "Б")
        await c.write_dm(uid, "x")
        async with aiohttp.ClientSession() as s:
            kb = json.dumps({"inline": True, "buttons": [[{"action": {
                "type": "callback", "label": "Да", "payload": "{}"}}]]})
            q = {"access_token": "sandbox-token", "v": "5.199"}
            async with s.post(sb.api_url + "messages.send", params=q, data={
                    "peer_id": uid, "random_id": 0, "message": "m", "keyboard": kb}):
                pass
            event_id = await c.press_button(uid, uid, 2, {})
            await asyncio.sleep(0.1)
            async with s.post(sb.api_url + "messages.sendMessageEventAnswer", params=q, data={
                    "event_id": event_id, "user_id": uid, "peer_id": uid}) as resp:
                assert (await resp.json())["error"]["error_code"] == 100


async def test_user_edit_emits_message_edit(chat, user, sandbox_client):
    cmid = await sandbox_client.write_chat(user, chat, "опечатка")
    await sandbox_client.edit_message(user, chat, cmid, "исправлено")
    ev = (await sandbox_client.events())[-1]
    assert ev["type"] == "message_edit"
    assert ev["object"]["text"] == "исправлено" and ev["object"]["conversation_message_id"] == cmid
    with pytest.raises(SandboxError):
        await sandbox_client.edit_message(user + 1, chat, cmid, "чужое")
