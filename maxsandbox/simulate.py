"""What people do in MAX, for the control API: write, join, press, open the bot's deep link.

Each action produces the update MAX would send the bot, if the bot is to hear of it: in group
chats messages, edits, removals and joins reach it only as an admin with `read_all_messages`.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any
from urllib.parse import parse_qs, urlparse

from .errors import SandboxError
from .models import PERMISSIONS, Chat, Member, Message, User
from .render import message_object, user_object
from .state import World, now_ms

DEEP_LINK_PAYLOAD = 128


def user(world: World, user_id: int) -> User:
    found = world.users.get(int(user_id))
    if found is None or found.is_bot:
        raise SandboxError(f"unknown user {user_id}; create it with create_user first")
    return found


def chat(world: World, chat_id: int) -> Chat:
    found = world.chats.get(int(chat_id))
    if found is None:
        raise SandboxError(f"unknown chat {chat_id}")
    return found


def group(world: World, chat_id: int) -> Chat:
    found = chat(world, chat_id)
    if not found.is_group:
        raise SandboxError(f"chat {chat_id} is a dialog, not a group chat or channel")
    return found


def _permissions(permissions: list[str] | None) -> list[str] | None:
    if permissions is None:
        return None
    unknown = [p for p in permissions if p not in PERMISSIONS]
    if unknown:
        raise SandboxError(f"unknown permissions {unknown}; MAX has {list(PERMISSIONS)}")
    return list(dict.fromkeys(permissions))


def _may_manage(room: Chat, actor_id: int) -> None:
    member = room.members.get(actor_id)
    if member is None or not (member.is_owner or member.is_admin):
        raise SandboxError(f"user {actor_id} is not the owner or an admin of chat {room.chat_id}")


def create_user(
    world: World,
    first_name: str,
    last_name: str | None = None,
    username: str | None = None,
    user_id: int | None = None,
    privacy: bool = False,
    locale: str = "ru",
) -> int:
    uid = int(user_id) if user_id is not None else world.new_user_id()
    if uid <= 0 or uid in world.users:
        raise SandboxError(f"user id {uid} is invalid or taken")
    if username and any(u.username == username for u in world.users.values()):
        raise SandboxError(f"username {username!r} is taken")
    world.users[uid] = User(
        uid,
        first_name,
        last_name,
        username,
        privacy=bool(privacy),
        locale=locale,
        last_activity_time=now_ms(),
    )
    return uid


def create_chat(
    world: World,
    title: str,
    owner_id: int,
    member_ids: list[int] | None = None,
    kind: str = "chat",
    bot_permissions: list[str] | None = None,
    with_bot: bool = False,
) -> int:
    """A person creates a group chat (or channel); with_bot/bot_permissions: then adds the bot."""
    if kind not in ("chat", "channel"):
        raise SandboxError("kind is 'chat' or 'channel'")
    owner = user(world, owner_id)
    now = now_ms()
    room = Chat(
        world.new_group_id(),
        kind,
        title,
        owner.user_id,
        now,
        link=world.new_link(),
        last_event_time=now,
    )
    room.members[owner.user_id] = Member(
        owner.user_id, now, now, is_owner=True, is_admin=True, permissions=list(PERMISSIONS)
    )
    for uid in member_ids or []:
        user(world, uid)
        room.members.setdefault(int(uid), Member(int(uid), now, now))
    world.chats[room.chat_id] = room
    if with_bot or bot_permissions is not None:
        add_bot(world, room.chat_id, owner.user_id, bot_permissions)
    return room.chat_id


def add_bot(
    world: World, chat_id: int, by_user_id: int, permissions: list[str] | None = None
) -> None:
    """An owner or admin adds the bot (as an admin with `permissions`, if given)."""
    room = group(world, chat_id)
    _may_manage(room, int(by_user_id))
    if world.bot_member(room) is not None:
        raise SandboxError(f"the bot is already in chat {chat_id}")
    now = now_ms()
    perms = _permissions(permissions)
    room.members[world.bot_id] = Member(
        world.bot_id, now, now, is_admin=perms is not None, permissions=perms
    )
    room.status = "active"
    # Since Nov 2026 bot_added no longer says who added the bot.
    extra = {"user": user_object(world.users[int(by_user_id)])} if world.bot_added_user else {}
    world.emit("bot_added", chat_id=room.chat_id, is_channel=room.type == "channel", **extra)


def set_bot_permissions(
    world: World, chat_id: int, by_user_id: int, permissions: list[str] | None
) -> None:
    """An owner or admin makes the bot an admin with these permissions (None: not an admin)."""
    room = group(world, chat_id)
    _may_manage(room, int(by_user_id))
    bot = world.bot_member(room)
    if bot is None:
        raise SandboxError(f"the bot is not in chat {chat_id}")
    perms = _permissions(permissions)
    bot.is_admin, bot.permissions = perms is not None, perms
    # Delivered by webhook only (never by long polling).
    world.emit(
        "bot_admin_permissions_changed",
        chat_id=room.chat_id,
        user_id=int(by_user_id),
        bot_id=world.bot_id,
        is_channel=room.type == "channel",
        is_admin=bot.is_admin,
        permissions=perms,
    )


def remove_bot(world: World, chat_id: int, by_user_id: int) -> None:
    room = group(world, chat_id)
    _may_manage(room, int(by_user_id))
    if world.bot_member(room) is None:
        raise SandboxError(f"the bot is not in chat {chat_id}")
    del room.members[world.bot_id]
    room.status = "removed"
    world.emit(
        "bot_removed",
        chat_id=room.chat_id,
        user=user_object(user(world, by_user_id)),
        is_channel=room.type == "channel",
    )


def set_admin(world: World, chat_id: int, user_id: int, permissions: list[str] | None) -> None:
    """A person becomes an admin (or stops being one). MAX sends no update for this."""
    room = group(world, chat_id)
    member = room.members.get(int(user_id))
    if member is None or member.is_owner:
        raise SandboxError(f"user {user_id} is not a (non-owner) member of chat {chat_id}")
    perms = _permissions(permissions)
    member.is_admin, member.permissions = perms is not None, perms


def _joined(world: World, room: Chat, joiner: User, inviter_id: int | None) -> None:
    now = now_ms()
    room.members[joiner.user_id] = Member(joiner.user_id, now, now)
    room.last_event_time = now
    if world.bot_reads(room):
        world.emit(
            "user_added",
            chat_id=room.chat_id,
            user=user_object(joiner),
            inviter_id=inviter_id,
            is_channel=room.type == "channel",
        )


def add_member(world: World, chat_id: int, user_id: int, inviter_id: int) -> None:
    room = group(world, chat_id)
    joiner, inviter = user(world, user_id), user(world, inviter_id)
    if inviter.user_id not in room.members:
        raise SandboxError(f"inviter {inviter_id} is not in chat {chat_id}")
    if joiner.user_id in room.members:
        raise SandboxError(f"user {user_id} is already in chat {chat_id}")
    room.blocked.discard(joiner.user_id)
    _joined(world, room, joiner, inviter.user_id)


def join_by_link(world: World, user_id: int, link: str) -> int:
    joiner = user(world, user_id)
    room = next((c for c in world.chats.values() if c.is_group and link and c.link == link), None)
    if room is None:
        raise SandboxError(f"{link!r} is not a chat's link")
    if joiner.user_id in room.blocked:
        raise SandboxError(f"user {user_id} is blocked in chat {room.chat_id}")
    if joiner.user_id in room.members:
        return room.chat_id
    _joined(world, room, joiner, None)
    return room.chat_id


def _left(world: World, room: Chat, leaver: User, admin_id: int | None) -> None:
    del room.members[leaver.user_id]
    if world.bot_reads(room):
        world.emit(
            "user_removed",
            chat_id=room.chat_id,
            user=user_object(leaver),
            admin_id=admin_id,
            is_channel=room.type == "channel",
        )


def leave_chat(world: World, user_id: int, chat_id: int) -> None:
    room, leaver = group(world, chat_id), user(world, user_id)
    if leaver.user_id not in room.members:
        raise SandboxError(f"user {user_id} is not in chat {chat_id}")
    _left(world, room, leaver, None)


def remove_member(
    world: World, chat_id: int, user_id: int, admin_id: int, block: bool = False
) -> None:
    room = group(world, chat_id)
    _may_manage(room, int(admin_id))
    target = user(world, user_id)
    if target.user_id not in room.members or room.members[target.user_id].is_owner:
        raise SandboxError(f"user {user_id} is not a removable member of chat {chat_id}")
    if block:
        room.blocked.add(target.user_id)
    _left(world, room, target, int(admin_id))


def rename_chat(world: World, user_id: int, chat_id: int, title: str) -> None:
    room = group(world, chat_id)
    _may_manage(room, int(user_id))
    if not 1 <= len(title) <= 200:
        raise SandboxError("a chat title has 1 to 200 characters")
    room.title = title
    if world.bot_member(room) is not None:
        world.emit(
            "chat_title_changed",
            chat_id=room.chat_id,
            user=user_object(user(world, user_id)),
            title=title,
        )


def start_bot(world: World, user_id: int, payload: str | None = None) -> int:
    """The person presses «Начать» (or opens a deep link): bot_started, the dialog opens."""
    starter = user(world, user_id)
    dialog = world.dialog_for(starter.user_id, create=True)
    assert dialog is not None
    dialog.status = "active"
    if payload is not None and len(payload) > DEEP_LINK_PAYLOAD:
        payload = None  # longer payloads are dropped silently
    world.emit(
        "bot_started",
        chat_id=dialog.chat_id,
        user=user_object(starter),
        payload=payload,
        user_locale=starter.locale,
    )
    return dialog.chat_id


def open_deep_link(world: World, user_id: int, link: str) -> int:
    parsed = urlparse(link)
    name = parsed.path.strip("/")
    if parsed.scheme != "https" or parsed.netloc != "max.ru" or name != world.bot.username:
        raise SandboxError(f"{link!r} is not https://max.ru/{world.bot.username}?start=...")
    values = parse_qs(parsed.query, keep_blank_values=True).get("start")
    return start_bot(world, user_id, values[0] if values else None)


def stop_bot(world: World, user_id: int) -> None:
    stopper = user(world, user_id)
    dialog = world.dialog_for(stopper.user_id)
    if dialog is None or dialog.status != "active":
        raise SandboxError(f"user {user_id} has no active dialog with the bot")
    dialog.status = "suspended"
    world.emit(
        "bot_stopped", chat_id=dialog.chat_id, user=user_object(stopper), user_locale=stopper.locale
    )


def _attachments(world: World, items: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    out = []
    for item in items or []:
        kind = item.get("type")
        if kind in ("image", "file", "video", "audio"):
            try:
                content = base64.b64decode(item.get("content_b64", ""), validate=True)
            except (binascii.Error, ValueError):
                raise SandboxError("content_b64 is not valid base64") from None
            media = world.add_media(
                kind, filename=item.get("filename", "file"), content=content, uploaded=True
            )
            url = f"{world.base_url}/_files/{media.media_id}/{media.filename}"
            if kind == "image":
                out.append(
                    {
                        "type": "image",
                        "payload": {"photo_id": media.media_id, "token": media.token, "url": url},
                    }
                )
            elif kind == "file":
                out.append(
                    {
                        "type": "file",
                        "payload": {"url": url, "token": media.token},
                        "filename": media.filename,
                        "size": len(content),
                    }
                )
            else:
                out.append({"type": kind, "payload": {"url": url, "token": media.token}})
        elif kind in ("sticker", "contact", "location", "share"):
            out.append(dict(item))
        else:
            raise SandboxError(
                f"attachment type {kind!r}: image, file, video, audio, sticker, "
                "contact, location or share"
            )
    return out


def _deliver(world: World, room: Chat, update_type: str, msg: Message) -> None:
    if world.bot_member(room) is None or not world.bot_reads(room):
        return
    extra = {}
    if room.type == "dialog" and update_type == "message_created":
        extra["user_locale"] = world.users[msg.sender_id or 0].locale
    world.emit(update_type, message=message_object(world, msg), **extra)


def write(
    world: World,
    user_id: int,
    chat_id: int,
    text: str | None,
    reply_to: str | None = None,
    attachments: list[dict[str, Any]] | None = None,
    markup: list[dict[str, Any]] | None = None,
) -> str:
    """A person writes in a group chat or in their dialog with the bot (by its chat_id)."""
    author, room = user(world, user_id), chat(world, chat_id)
    if author.user_id not in room.members:
        raise SandboxError(f"user {user_id} is not a member of chat {chat_id}")
    if room.type == "dialog" and room.status != "active":
        raise SandboxError(f"user {user_id} stopped the bot; start it again first")
    if room.type == "channel" and not room.members[author.user_id].is_admin:
        raise SandboxError("only channel admins can post in a channel")
    link = None
    if reply_to is not None:
        original = world.live_message(reply_to)
        if original is None or original.chat_id != room.chat_id:
            raise SandboxError(f"no message {reply_to} in chat {chat_id} to reply to")
        link = {"type": "reply", "mid": original.mid}
    msg = world.store(
        room,
        author.user_id,
        text,
        link=link,
        markup=markup,
        attachments=_attachments(world, attachments),
    )
    _deliver(world, room, "message_created", msg)
    return msg.mid


def write_dm(world: World, user_id: int, text: str | None, **kwargs: Any) -> str:
    dialog = world.dialog_for(user(world, user_id).user_id)
    if dialog is None:
        raise SandboxError(
            f"user {user_id} has not started the bot; use start_bot or open_deep_link first"
        )
    return write(world, user_id, dialog.chat_id, text, **kwargs)


def _message(world: World, user_id: int, mid: str) -> tuple[Message, Chat]:
    msg = world.live_message(mid)
    if msg is None:
        raise SandboxError(f"no message {mid}")
    room = world.chats[msg.chat_id]
    if int(user_id) not in room.members:
        raise SandboxError(f"user {user_id} is not in the chat of message {mid}")
    return msg, room


def edit_message(world: World, user_id: int, mid: str, text: str) -> None:
    msg, room = _message(world, user_id, mid)
    if msg.sender_id != int(user_id):
        raise SandboxError(f"user {user_id} can edit only their own messages")
    msg.text, msg.markup = text, None
    _deliver(world, room, "message_edited", msg)


def delete_message(world: World, user_id: int, mid: str) -> None:
    msg, room = _message(world, user_id, mid)
    actor = room.members[int(user_id)]
    if msg.sender_id != int(user_id) and not (
        actor.is_owner or (actor.is_admin and "delete" in (actor.permissions or []))
    ):
        raise SandboxError(f"user {user_id} cannot delete message {mid}")
    msg.deleted = True
    if world.bot_member(room) is not None and world.bot_reads(room):
        world.emit(
            "message_removed", message_id=msg.mid, chat_id=room.chat_id, user_id=int(user_id)
        )


def callback_payloads(msg: Message) -> list[str]:
    return [
        b.get("payload")
        for a in msg.attachments
        if a["type"] == "inline_keyboard"
        for row in a["payload"]["buttons"]
        for b in row
        if b["type"] == "callback"
    ]


def press_button(world: World, user_id: int, mid: str, payload: str) -> str:
    msg, _ = _message(world, user_id, mid)
    offered = callback_payloads(msg)
    if payload not in offered:
        raise SandboxError(
            f"message {mid} has no callback button with payload {payload!r}; offered: {offered!r}"
        )
    presser = user(world, user_id)
    cb = world.new_callback(presser.user_id, msg, payload)
    world.emit(
        "message_callback",
        callback={
            "timestamp": cb.timestamp,
            "callback_id": cb.callback_id,
            "payload": payload,
            "user": user_object(presser),
        },
        message=message_object(world, msg),
        user_locale=presser.locale,
    )
    return cb.callback_id
