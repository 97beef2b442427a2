"""What VK shows and refuses a community that is in a chat but not its administrator, and the
daily cap on the chats a community creates."""

from __future__ import annotations

BASE = 2_000_000_000


async def test_a_chat_without_admin_rights_is_count_0_not_an_error(vk, chat, user, sandbox_client):
    await sandbox_client.set_bot_admin(chat, False)
    resp = await vk.call("messages.getConversationsById", peer_ids=f"{chat},{user}")
    # The chat is left out (nothing of its title or settings shows); the user's dialog is not.
    assert resp["count"] == 1 and [i["peer"]["id"] for i in resp["items"]] == [user]
    alone = await vk.call("messages.getConversationsById", peer_ids=chat)
    assert alone == {"count": 0, "items": []}
    await sandbox_client.set_bot_admin(chat, True)
    resp = await vk.call("messages.getConversationsById", peer_ids=chat)
    assert resp["count"] == 1 and resp["items"][0]["chat_settings"]["title"] == "5А родители"


async def test_without_admin_rights_members_pins_and_links_are_refused(
    vk, chat, user, sandbox_client
):
    sent = await vk.call("messages.send", peer_ids=chat, random_id=0, message="Привет")
    cmid = sent[0]["conversation_message_id"]
    await sandbox_client.set_bot_admin(chat, False)
    # Writing is still allowed: a community that is a member may speak.
    assert (await vk.call("messages.send", peer_ids=chat, random_id=0, message="ещё"))[0][
        "conversation_message_id"
    ]
    assert await vk.error("messages.getConversationMembers", peer_id=chat) == 917
    assert await vk.error("messages.pin", peer_id=chat, cmid=cmid) == 925
    assert await vk.error("messages.getInviteLink", peer_id=chat) == 919
    assert await vk.error("messages.editChat", chat_id=chat - BASE, title="x") == 925
    assert await vk.error("messages.removeChatUser", chat_id=chat - BASE, member_id=user) == 925


async def test_a_chat_the_community_left_shows_as_left(vk, chat, sandbox_client):
    await vk.call("messages.removeChatUser", chat_id=chat - BASE, member_id=-1)
    resp = await vk.call("messages.getConversationsById", peer_ids=chat)
    assert resp["count"] == 1 and resp["items"][0]["chat_settings"]["state"] == "left"
    assert resp["items"][0]["can_write"] == {"allowed": False, "reason": 917}


async def test_search_finds_own_chats_by_title_only_where_admin(vk, chat, sandbox_client):
    first = (await vk.call("messages.createChat", title="5А · ученики"))["chat_id"]
    second = (await vk.call("messages.createChat", title="5А · родители"))["chat_id"]
    found = await vk.call("messages.searchConversations", q="5а · ")
    assert found["count"] == 2
    assert [i["peer"]["id"] for i in found["items"]] == [BASE + second, BASE + first]
    assert found["items"][0]["chat_settings"]["owner_id"] == -1
    # «5А родители» (the fixture's chat) matches «родители» only while the bot administers it.
    assert (await vk.call("messages.searchConversations", q="родители"))["count"] == 2
    await sandbox_client.set_bot_admin(chat, False)
    assert (await vk.call("messages.searchConversations", q="родители"))["count"] == 1
    assert await vk.error("messages.searchConversations", q="x", count=0) == 100


async def test_creating_chats_is_capped_per_day(vk, sandbox_client):
    await sandbox_client.set_chats_per_day(2)
    assert (await vk.call("messages.createChat", title="1"))["chat_id"] == 1
    assert (await vk.call("messages.createChat", title="2"))["chat_id"] == 2
    body = await vk.raw("messages.createChat", title="3")
    assert body["error"]["error_code"] == 9
    assert body["error"]["error_msg"].startswith("Flood control")
    assert await vk.call("messages.searchConversations", q="3") == {"count": 0, "items": []}
    await sandbox_client.next_day()
    assert (await vk.call("messages.createChat", title="3"))["chat_id"] == 3
    await sandbox_client.set_chats_per_day(None)
    for n in range(5):
        await vk.call("messages.createChat", title=f"x{n}")
