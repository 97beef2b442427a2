"""/chats/{chatId}: info and edits, pins, typing actions, members, admins, the bot's membership."""

from __future__ import annotations

from typing import Any

from .access import admin_chat, member_chat, need, path_chat
from .api import Call
from .errors import MaxError, bad_request, denied, not_found
from .models import PERMISSIONS, Chat, Member
from .render import chat_object, member_object, message_object, user_object
from .state import World, now_ms
from .validate import expect_object, optional_str

OK = {"success": True}
SENDER_ACTIONS = (
    "typing_on",
    "sending_photo",
    "sending_video",
    "sending_audio",
    "sending_file",
    "mark_seen",
)


def get_chat(call: Call) -> dict[str, Any]:
    return chat_object(call.world, path_chat(call))


def _group(chat: Chat) -> Chat:
    if not chat.is_group:
        raise bad_request("This method works for group chats and channels only")
    return chat


def edit_chat(call: Call) -> dict[str, Any]:
    world = call.world
    chat = _group(member_chat(world, path_chat(call)))
    body = expect_object(call.body)
    title = optional_str(body, "title", 200, 1)
    description = optional_str(body, "description", 16000)
    pin = optional_str(body, "pin", None, 1)
    icon = body.get("icon")
    if title is not None or description is not None or icon is not None:
        need(world, chat, "change_chat_info")
    if pin is not None:
        need(world, chat, "pin_message")
        _pinnable(world, chat, pin)
    if title is not None:
        chat.title = title
    if description is not None:
        chat.description = description or None
    if icon is not None:
        icon = expect_object(icon, "icon")
        chat.icon_url = icon.get("url") or f"{world.base_url}/_files/icon/{chat.chat_id}"
    if pin is not None:
        chat.pinned_mid = pin
    chat.last_event_time = now_ms()
    return chat_object(world, chat)


def send_action(call: Call) -> dict[str, Any]:
    member_chat(call.world, path_chat(call))
    body = expect_object(call.body)
    if body.get("action") not in SENDER_ACTIONS:
        raise bad_request(f"action must be one of {', '.join(SENDER_ACTIONS)}")
    return OK


def _pinnable(world: World, chat: Chat, mid: Any) -> None:
    msg = world.live_message(mid) if isinstance(mid, str) else None
    if msg is None or msg.chat_id != chat.chat_id:
        raise not_found(f"Message {mid} not found in chat {chat.chat_id}")


def get_pin(call: Call) -> dict[str, Any]:
    world = call.world
    chat = member_chat(world, path_chat(call))
    msg = world.live_message(chat.pinned_mid) if chat.pinned_mid else None
    return {"message": message_object(world, msg) if msg else None}


def pin(call: Call) -> dict[str, Any]:
    world = call.world
    chat = path_chat(call)
    if chat.is_group:
        need(world, chat, "pin_message")
    else:
        member_chat(world, chat)
    body = expect_object(call.body)
    _pinnable(world, chat, body.get("message_id"))
    chat.pinned_mid = body["message_id"]
    return OK


def unpin(call: Call) -> dict[str, Any]:
    world = call.world
    chat = path_chat(call)
    if chat.is_group:
        need(world, chat, "pin_message")
    else:
        member_chat(world, chat)
    chat.pinned_mid = None
    return OK


def get_membership(call: Call) -> dict[str, Any]:
    world = call.world
    chat = member_chat(world, path_chat(call))
    return member_object(world, chat.members[world.bot_id])


def leave_chat(call: Call) -> dict[str, Any]:
    world = call.world
    chat = _group(member_chat(world, path_chat(call)))
    del chat.members[world.bot_id]
    chat.status = "left"
    return OK


def get_admins(call: Call) -> dict[str, Any]:
    world = call.world
    chat = _group(admin_chat(world, path_chat(call)))
    admins = [member_object(world, m) for m in chat.members.values() if m.is_admin]
    return {"members": admins, "marker": None}


def _permissions(raw: Any) -> list[str]:
    if not isinstance(raw, list) or not all(isinstance(p, str) for p in raw):
        raise bad_request("permissions must be an array of strings")
    unknown = [p for p in raw if p not in PERMISSIONS]
    if unknown:
        raise bad_request(f"Unknown permissions {unknown}: allowed are {', '.join(PERMISSIONS)}")
    return list(dict.fromkeys(raw))


def post_admins(call: Call) -> dict[str, Any]:
    world = call.world
    chat = need(world, _group(path_chat(call)), "add_admins")
    admins = expect_object(call.body).get("admins")
    if not isinstance(admins, list) or not admins:
        raise bad_request("admins: a non-empty array is expected")
    own = set(chat.members[world.bot_id].permissions or [])
    planned = []
    for item in admins:
        item = expect_object(item, "admin")
        member = (
            chat.members.get(item.get("user_id")) if isinstance(item.get("user_id"), int) else None
        )
        if member is None:
            raise not_found(f"User {item.get('user_id')} is not a member of this chat")
        if member.is_owner or member.user_id == world.bot_id:
            raise denied("The owner's and the bot's own rights cannot be changed")
        permissions = _permissions(item.get("permissions"))
        if not set(permissions) <= own:
            raise denied("The bot cannot grant permissions it does not have")
        planned.append((member, permissions, optional_str(item, "alias", 64)))
    for member, permissions, alias in planned:
        # A repeated call replaces the whole set, as MAX does.
        member.is_admin, member.permissions, member.alias = True, permissions, alias
    return OK


def delete_admin(call: Call) -> dict[str, Any]:
    world = call.world
    chat = need(world, _group(path_chat(call)), "add_admins")
    member = chat.members.get(call.path_int("userId"))
    if member is None or not member.is_admin:
        raise not_found(f"User {call.path['userId']} is not an admin of this chat")
    if member.is_owner or member.user_id == world.bot_id:
        raise denied("The owner's and the bot's own rights cannot be revoked")
    member.is_admin, member.permissions, member.alias = False, None, None
    return OK


def get_members(call: Call) -> dict[str, Any]:
    world = call.world
    chat = admin_chat(world, path_chat(call))
    if call.has("user_ids"):
        try:
            wanted = [int(u) for u in (call.str("user_ids") or "").split(",") if u.strip()]
        except ValueError:
            raise bad_request("user_ids must be comma-separated integers") from None
        found = [chat.members[u] for u in wanted if u in chat.members]
        return {"members": [member_object(world, m) for m in found], "marker": None}
    count = call.int("count", 20, lo=1, hi=100) or 20
    start = call.int("marker", 0, lo=0) or 0
    members = list(chat.members.values())
    page = members[start : start + count]
    more = start + count < len(members)
    return {
        "members": [member_object(world, m) for m in page],
        "marker": start + count if more else None,
    }


def add_members(call: Call) -> dict[str, Any]:
    world = call.world
    mode = call.sb.add_members
    if mode == "removed":
        raise not_found("POST /chats/{chatId}/members is no longer available")
    chat = need(world, _group(path_chat(call)), "add_remove_members")
    if chat.type == "channel":
        raise bad_request("Members cannot be added to a channel")
    user_ids = expect_object(call.body).get("user_ids")
    if (
        not isinstance(user_ids, list)
        or not user_ids
        or len(user_ids) > 100
        or not all(isinstance(u, int) for u in user_ids)
    ):
        raise bad_request("user_ids: 1 to 100 user ids are expected")
    failed: dict[str, list[int]] = {}
    for uid in user_ids:
        user = world.users.get(uid)
        if user is None or user.is_bot:
            failed.setdefault("add.participant.not.found", []).append(uid)
        elif mode == "restricted" or user.privacy:
            # Restricted since 9 Sep 2026; «Безопасный режим» refuses strangers anyway.
            failed.setdefault("add.participant.privacy", []).append(uid)
        elif uid not in chat.members:
            now = now_ms()
            chat.members[uid] = Member(uid, now, now)
            chat.blocked.discard(uid)
            if world.bot_reads(chat):
                world.emit(
                    "user_added",
                    chat_id=chat.chat_id,
                    user=user_object(user),
                    inviter_id=world.bot_id,
                    is_channel=chat.type == "channel",
                )
    failed_ids = [u for ids in failed.values() for u in ids]
    result: dict[str, Any] = {"success": not failed_ids}
    if failed_ids:
        result.update(
            message="Some users could not be added",
            failed_user_ids=failed_ids,
            failed_user_details=[
                {"error_code": code, "user_ids": ids} for code, ids in failed.items()
            ],
        )
    return result


def remove_member(call: Call) -> dict[str, Any]:
    world = call.world
    chat = need(world, _group(path_chat(call)), "add_remove_members")
    user_id = call.int("user_id", required=True) or 0
    block = call.bool("block")
    if user_id == world.bot_id:
        raise bad_request("Use DELETE /chats/{chatId}/members/me to leave")
    member = chat.members.get(user_id)
    if member is None:
        raise not_found(f"User {user_id} is not a member of this chat")
    if member.is_owner:
        raise MaxError(403, "chat.denied", "The chat owner cannot be removed")
    del chat.members[user_id]
    # `block` applies only to chats with a (public or private) link.
    if block and chat.link:
        chat.blocked.add(user_id)
    if world.bot_reads(chat):
        world.emit(
            "user_removed",
            chat_id=chat.chat_id,
            user=user_object(world.users[user_id]),
            admin_id=world.bot_id,
            is_channel=chat.type == "channel",
        )
    return OK
