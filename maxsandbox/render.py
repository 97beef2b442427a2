"""MAX's JSON shapes for users, members, chats and messages (schema 0.0.33 names)."""

from __future__ import annotations

from typing import Any

from .models import Chat, Member, Message, User
from .state import World


def user_object(user: User) -> dict[str, Any]:
    name = " ".join(p for p in (user.first_name, user.last_name) if p)
    return {
        "user_id": user.user_id,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "username": user.username,
        "is_bot": user.is_bot,
        "last_activity_time": user.last_activity_time,
        # Deprecated, still sent by MAX.
        "name": name,
    }


def user_with_photo(user: User) -> dict[str, Any]:
    return {
        **user_object(user),
        "description": user.description,
        "avatar_url": None,
        "full_avatar_url": None,
    }


def bot_info(world: World) -> dict[str, Any]:
    return {**user_with_photo(world.bot), "commands": list(world.commands) or None}


def member_object(world: World, member: Member) -> dict[str, Any]:
    return {
        **user_with_photo(world.users[member.user_id]),
        "last_access_time": member.last_access_time,
        "is_owner": member.is_owner,
        "is_admin": member.is_admin,
        "join_time": member.join_time,
        "permissions": list(member.permissions) if member.is_admin else None,
        "alias": member.alias,
    }


def body_object(msg: Message, keyboards: bool = True) -> dict[str, Any]:
    attachments = [a for a in msg.attachments if keyboards or a.get("type") != "inline_keyboard"]
    return {
        "mid": msg.mid,
        "seq": msg.seq,
        "text": msg.text,
        "attachments": attachments or None,
        "markup": msg.markup,
    }


def recipient(world: World, chat: Chat, sender_id: int | None) -> dict[str, Any]:
    if chat.type == "dialog":
        other = world.bot_id if sender_id == chat.dialog_user_id else chat.dialog_user_id
        return {"chat_id": chat.chat_id, "chat_type": "dialog", "user_id": other}
    return {"chat_id": chat.chat_id, "chat_type": chat.type, "user_id": None}


def message_object(world: World, msg: Message) -> dict[str, Any]:
    chat = world.chats[msg.chat_id]
    sender = world.users.get(msg.sender_id) if msg.sender_id is not None else None
    out: dict[str, Any] = {
        "sender": user_object(sender) if sender else None,
        "recipient": recipient(world, chat, msg.sender_id),
        "timestamp": msg.timestamp,
        "body": body_object(msg),
        "url": None,
    }
    if msg.link is not None:
        original = world.messages.get(msg.link["mid"])
        if original is not None:
            author = world.users.get(original.sender_id) if original.sender_id else None
            out["link"] = {
                "type": msg.link["type"],
                "sender": user_object(author) if author else None,
                "chat_id": original.chat_id,
                # Keyboards are not forwarded.
                "message": body_object(original, keyboards=False),
            }
    return out


def chat_object(world: World, chat: Chat) -> dict[str, Any]:
    bot = world.bot_member(chat)
    admin_view = chat.is_group and bot is not None and bot.is_admin
    pinned = world.live_message(chat.pinned_mid) if chat.pinned_mid else None
    out: dict[str, Any] = {
        "chat_id": chat.chat_id,
        "type": chat.type,
        "status": chat.status,
        "title": chat.title,
        "icon": {"url": chat.icon_url} if chat.icon_url else None,
        "last_event_time": chat.last_event_time,
        "participants_count": len(chat.members),
        # Visible to chat admins only.
        "owner_id": chat.owner_id if admin_view else None,
        "participants": (
            {str(uid): m.last_access_time for uid, m in chat.members.items()}
            if admin_view
            else None
        ),
        "is_public": False,
        "link": chat.link if chat.is_group else None,
        "description": chat.description,
        "dialog_with_user": None,
        "messages_count": None,
        "pinned_message": message_object(world, pinned) if pinned else None,
    }
    if chat.type == "dialog":
        out["dialog_with_user"] = user_with_photo(world.users[chat.dialog_user_id or 0])
        out["participants_count"] = 2
    else:
        out["messages_count"] = sum(1 for mid in chat.mids if not world.messages[mid].deleted)
    return out


def control_chat(world: World, chat: Chat) -> dict[str, Any]:
    """The whole truth about a chat, for tests (not an API shape)."""
    bot = chat.members.get(world.bot_id)
    return {
        "chat_id": chat.chat_id,
        "type": chat.type,
        "title": chat.title,
        "owner_id": chat.owner_id,
        "status": chat.status,
        "link": chat.link,
        "description": chat.description,
        "pinned_mid": chat.pinned_mid,
        "members": sorted(chat.members),
        "admins": {
            str(m.user_id): list(m.permissions or []) for m in chat.members.values() if m.is_admin
        },
        "blocked": sorted(chat.blocked),
        "bot_member": bot is not None and chat.status == "active",
        "bot_permissions": list(bot.permissions or []) if bot and bot.is_admin else None,
    }


def control_message(world: World, msg: Message) -> dict[str, Any]:
    return {**message_object(world, msg), "deleted": msg.deleted, "notify": msg.notify}
