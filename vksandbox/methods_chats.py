"""Chat administration methods available to a community token."""

from __future__ import annotations

import time
from typing import Any

from .access import admin_chat, is_admin
from .errors import VKError, param_error
from .params import Params
from .render import conversation_object, group_object, user_object
from .state import CHAT_PEER_BASE, Chat, World


def create_chat(world: World, p: Params) -> Any:
    title = p.str("title", required=True)
    # A community cannot put people into a chat (messages.addChatUser is user-token only);
    # they join through the invite link. Asking for users fails like an unknown contact.
    if p.int_list("user_ids"):
        raise VKError(936, "a community cannot add users to a chat; share the invite link")
    # VK caps how many chats one community creates a day and answers flood control beyond it
    # (the number is not published: `chats_per_day` is the sandbox's own, see docs/sandbox.md).
    if not world.chat_quota.take():
        raise VKError(9, "too many chats created today, try again tomorrow")
    local_id = max(world.chats, default=0) + 1
    chat = Chat(local_id=local_id, title=title, owner_id=world.bot_id, bot_is_admin=True)
    world.chats[local_id] = chat
    world.service(chat, world.bot_id, {"type": "chat_create", "text": title})
    return {"chat_id": local_id, "peer_ids": []}


def get_invite_link(world: World, p: Params) -> Any:
    peer = p.int("peer_id", required=True)
    chat = admin_chat(world, peer, code=919)
    if p.bool("reset") or chat.invite_link is None:
        chat.invite_link = world.new_link()
    return {"link": chat.invite_link}


def remove_chat_user(world: World, p: Params) -> Any:
    chat_id = p.int("chat_id", required=True)
    member_id = p.int("member_id") if p.has("member_id") else p.int("user_id")
    if member_id is None:
        raise param_error("user_id or member_id is required")
    chat = world.chats.get(chat_id)
    if chat is None or not chat.bot_is_member:
        raise VKError(917)
    if member_id == world.bot_id:
        # The community leaves the chat itself: allowed without admin rights.
        world.service(chat, world.bot_id, {"type": "chat_kick_user", "member_id": world.bot_id})
        chat.bot_is_member = chat.bot_is_admin = False
        return 1
    if not is_admin(world, chat):
        raise VKError(925)
    if member_id not in chat.members:
        raise VKError(935)
    if member_id == chat.owner_id:
        raise VKError(925, "the chat owner cannot be removed")
    del chat.members[member_id]
    chat.restricted.pop(member_id, None)
    world.service(chat, world.bot_id, {"type": "chat_kick_user", "member_id": member_id})
    return 1


def edit_chat(world: World, p: Params) -> Any:
    chat_id = p.int("chat_id", required=True)
    title = p.str("title", required=True)
    chat = admin_chat(world, CHAT_PEER_BASE + chat_id)
    chat.title = title
    world.service(chat, world.bot_id, {"type": "chat_title_update", "text": title})
    return 1


def get_members(world: World, p: Params) -> Any:
    peer = p.int("peer_id", required=True)
    if peer < CHAT_PEER_BASE:
        user = world.users.get(peer)
        if user is None:
            raise VKError(917)
        items = [{"member_id": peer, "can_kick": False}, {"member_id": world.bot_id}]
        return {"count": 2, "items": items, "profiles": [user_object(user)],
                "groups": [group_object(world)]}
    chat = admin_chat(world, peer, code=917)
    items = []
    for member in chat.members.values():
        item = {"member_id": member.member_id, "invited_by": member.invited_by,
                "join_date": member.join_date, "is_admin": member.is_admin,
                "can_kick": member.member_id != chat.owner_id}
        if member.member_id == chat.owner_id:
            item["is_owner"] = True
        if chat.is_restricted(member.member_id):
            item["is_restricted_to_write"] = True
        items.append(item)
    bot = {"member_id": world.bot_id, "invited_by": chat.owner_id, "join_date": 0,
           "is_admin": chat.bot_is_admin, "can_kick": False}
    if chat.owner_id == world.bot_id:
        bot.update(is_owner=True, invited_by=world.bot_id)
    items.append(bot)
    profiles = [user_object(world.users[m]) for m in chat.members if m in world.users]
    return {"count": len(items), "items": items, "profiles": profiles,
            "groups": [group_object(world)]}


def get_conversations(world: World, p: Params) -> Any:
    """A chat the community is in without being its administrator is left out: VK answers
    such a community `count: 0` and no items (not error 917), the same as for a chat that does
    not exist (negezor/vk-io#169). So "no items" means "no admin rights yet" to a bot that is in
    the chat, and nothing of the chat's title or settings shows before them. A chat the
    community has left shows as its former members see it: `chat_settings.state = "left"`."""
    items = []
    for peer in p.int_list("peer_ids", required=True):
        chat = world.chat_by_peer(peer)
        if peer > CHAT_PEER_BASE and (
            chat is None or (chat.bot_is_member and not is_admin(world, chat))
        ):
            continue
        if peer < CHAT_PEER_BASE and peer not in world.users:
            continue
        items.append(conversation_object(world, peer))
    return {"count": len(items), "items": items}


def search_conversations(world: World, p: Params) -> Any:
    """The community's conversations whose chat title contains `q` (case ignored), newest
    first; like getConversationsById, only chats it administers show."""
    query = (p.str("q") or "").casefold()
    count = p.int("count") if p.has("count") else 20
    if not 1 <= count <= 255:
        raise param_error("count should be from 1 to 255")
    found = [
        chat for chat in world.chats.values()
        if is_admin(world, chat) and query in chat.title.casefold()
    ]  # fmt: skip
    found.sort(key=lambda chat: chat.local_id, reverse=True)
    items = [conversation_object(world, chat.peer_id) for chat in found[:count]]
    return {"count": len(found), "items": items}


def change_restrictions(world: World, p: Params) -> Any:
    peer = p.int("peer_id", required=True)
    member_ids = p.int_list("member_ids", required=True)
    action = p.str("action", required=True)
    if action not in ("ro", "rw"):
        raise param_error("action should be ro or rw")
    duration = p.int("for")
    chat = admin_chat(world, peer)
    failed = []
    for uid in member_ids:
        member = chat.members.get(uid)
        if member is None or uid == chat.owner_id or member.is_admin:
            failed.append(uid)
        elif action == "ro":
            chat.restricted[uid] = time.time() + duration if duration else None
        else:
            chat.restricted.pop(uid, None)
    return {"failed_member_ids": failed}


def send_event_answer(world: World, p: Params) -> Any:
    event_id = p.str("event_id", required=True)
    user_id = p.int("user_id", required=True)
    peer_id = p.int("peer_id", required=True)
    event = world.callback_events.get(event_id)
    if (event is None or event.user_id != user_id or event.peer_id != peer_id
            or event.expires < time.monotonic()):
        raise param_error("event_id is invalid or expired")
    data = p.str("event_data")
    if data is not None and len(data) > 1000:
        raise param_error("event_data is too long")
    event.answer = data or ""
    return 1


METHODS = {
    "messages.createChat": create_chat,
    "messages.getInviteLink": get_invite_link,
    "messages.removeChatUser": remove_chat_user,
    "messages.editChat": edit_chat,
    "messages.getConversationMembers": get_members,
    "messages.getConversationsById": get_conversations,
    "messages.searchConversations": search_conversations,
    "messages.changeConversationMemberRestrictions": change_restrictions,
    "messages.sendMessageEventAnswer": send_event_answer,
}

