"""VK-shaped JSON for stored state (message, conversation, user, group objects)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from .documents import doc_type, file_ext

if TYPE_CHECKING:
    from .state import Chat, Doc, Message, User, World

BUTTON_ACTIONS = ["text", "vkpay", "open_app", "location", "open_link", "callback", "intent_subscribe",
                  "intent_unsubscribe"]


def client_info() -> dict[str, Any]:
    return {
        "button_actions": list(BUTTON_ACTIONS),
        "keyboard": True,
        "inline_keyboard": True,
        "carousel": True,
        "lang_id": 0,
    }


def doc_object(world: World, doc: Doc) -> dict[str, Any]:
    ext = doc.ext if doc.ext is not None else file_ext(doc.title)
    return {
        "id": doc.id,
        "owner_id": doc.owner_id,
        "title": doc.title,
        "size": len(doc.content),
        "ext": ext,
        "url": f"{world.base_url}/_sandbox/files/{doc.id}/{quote(doc.title, safe='')}",
        "date": doc.date,
        "type": doc_type(ext),
    }


def _base(world: World, msg: Message) -> dict[str, Any]:
    # A community bot never learns global message ids in chats: VK shows id 0 there.
    in_chat = world.chat_by_peer(msg.peer_id) is not None
    return {
        "id": 0 if in_chat else msg.id,
        "date": msg.date,
        "peer_id": msg.peer_id,
        "from_id": msg.from_id,
        "text": msg.text,
        "conversation_message_id": msg.cmid,
        "attachments": [dict(a) for a in msg.attachments],
        "fwd_messages": [],
    }


def message_object(world: World, msg: Message) -> dict[str, Any]:
    obj = _base(world, msg)
    obj.update(out=msg.out, version=msg.version, important=False, is_hidden=False)
    if msg.out:
        obj["random_id"] = msg.random_id
    if msg.action is not None:
        obj["action"] = dict(msg.action)
    if msg.payload is not None:
        obj["payload"] = msg.payload
    if msg.keyboard is not None:
        obj["keyboard"] = msg.keyboard
    if msg.ref is not None:
        obj["ref"] = msg.ref
    if msg.ref_source is not None:
        obj["ref_source"] = msg.ref_source
    if msg.update_time is not None:
        obj["update_time"] = msg.update_time
    if msg.reply_to_cmid is not None:
        replied = world.find_message(msg.peer_id, msg.reply_to_cmid)
        if replied is not None:
            obj["reply_message"] = _base(world, replied)
    return obj


def pinned_object(world: World, msg: Message) -> dict[str, Any]:
    obj = _base(world, msg)
    obj["out"] = bool(msg.out)
    if msg.keyboard is not None:
        obj["keyboard"] = msg.keyboard
    return obj


def user_object(user: User) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "id": user.id,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "can_access_closed": True,
        "is_closed": False,
    }
    if user.screen_name:
        obj["screen_name"] = user.screen_name
    return obj


def group_object(world: World) -> dict[str, Any]:
    return {
        "id": world.group_id,
        "name": world.group_name,
        "screen_name": world.screen_name,
        "is_closed": 0,
        "type": "group",
    }


def chat_settings(world: World, chat: Chat) -> dict[str, Any]:
    admin = chat.bot_is_admin or chat.owner_id == world.bot_id
    admins = [m.member_id for m in chat.members.values() if m.is_admin]
    if chat.bot_is_admin:
        admins.append(world.bot_id)
    settings: dict[str, Any] = {
        "owner_id": chat.owner_id,
        "title": chat.title,
        "state": "in" if chat.bot_is_member else "left",
        "acl": {
            "can_change_info": admin,
            "can_change_invite_link": admin,
            "can_change_pin": admin,
            "can_invite": admin,
            "can_promote_users": admin,
            "can_see_invite_link": admin,
            "can_moderate": admin,
            "can_copy_chat": False,
            "can_call": False,
            "can_use_mass_mentions": admin,
        },
        "members_count": len(chat.members) + (1 if chat.bot_is_member else 0),
        "admin_ids": admins,
        "active_ids": list(chat.members),
        "is_group_channel": False,
    }
    if chat.pinned_cmid is not None:
        pinned = world.find_message(chat.peer_id, chat.pinned_cmid)
        if pinned is not None:
            settings["pinned_message"] = pinned_object(world, pinned)
    return settings


def conversation_object(world: World, peer_id: int) -> dict[str, Any]:
    conv = world.conversation(peer_id)
    last = conv.messages.get(conv.last_cmid)
    chat = world.chat_by_peer(peer_id)
    obj: dict[str, Any] = {
        "peer": {"id": peer_id, "type": "chat" if chat else "user", "local_id": chat.local_id
                 if chat else peer_id},
        "last_message_id": 0 if chat or last is None else last.id,
        "last_conversation_message_id": conv.last_cmid,
        "in_read": conv.last_cmid,
        "out_read": conv.last_cmid,
        "in_read_cmid": conv.last_cmid,
        "out_read_cmid": conv.last_cmid,
        "version": last.version if last else 0,
        "is_marked_unread": False,
        "important": False,
        "can_write": {"allowed": True},
    }
    if chat is not None:
        obj["chat_settings"] = chat_settings(world, chat)
        if not chat.bot_is_member:
            obj["can_write"] = {"allowed": False, "reason": 917}
    else:
        user = world.users.get(peer_id)
        if user is None or not user.allowed_messages:
            obj["can_write"] = {"allowed": False, "reason": 901}
    return obj


def control_message(world: World, msg: Message) -> dict[str, Any]:
    return {
        "conversation_message_id": msg.cmid,
        "id": msg.id,
        "peer_id": msg.peer_id,
        "from_id": msg.from_id,
        "text": msg.text,
        "date": msg.date,
        "deleted": msg.deleted,
        "keyboard": msg.keyboard,
        "payload": msg.payload,
        "attachments": msg.attachments,
        "action": msg.action,
        "reply_to_cmid": msg.reply_to_cmid,
        "random_id": msg.random_id,
        "ref": msg.ref,
        "ref_source": msg.ref_source,
        "update_time": msg.update_time,
    }


def control_chat(world: World, chat: Chat) -> dict[str, Any]:
    return {
        "peer_id": chat.peer_id,
        "chat_id": chat.local_id,
        "title": chat.title,
        "owner_id": chat.owner_id,
        "members": list(chat.members),
        "admins": [m.member_id for m in chat.members.values() if m.is_admin],
        "invite_link": chat.invite_link,
        "pinned_cmid": chat.pinned_cmid,
        "restricted": {str(uid): until for uid, until in chat.restricted.items()
                       if chat.is_restricted(uid)},
        "bot_is_member": chat.bot_is_member,
        "bot_is_admin": chat.bot_is_admin,
    }
