"""What users do on the VK side: write, join, leave, press buttons. Raises SandboxError."""

from __future__ import annotations

import base64
import binascii
import json
import secrets
import time
from typing import Any
from urllib.parse import parse_qs, urlparse

from .errors import SandboxError
from .keyboard import callback_payloads
from .photos import photo_object
from .render import doc_object, message_object
from .state import CallbackEvent, Chat, Member, Message, User, World


def user(world: World, user_id: int) -> User:
    found = world.users.get(int(user_id))
    if found is None:
        raise SandboxError(f"unknown user {user_id}; create it with create_user first")
    return found


def chat(world: World, peer_id: int) -> Chat:
    found = world.chat_by_peer(int(peer_id))
    if found is None:
        raise SandboxError(f"unknown chat peer_id {peer_id}")
    return found


def create_user(world: World, first_name: str, last_name: str, screen_name: str | None = None,
                user_id: int | None = None, note: str = "") -> int:
    uid = int(user_id) if user_id is not None else world.new_user_id()
    if uid <= 0 or uid in world.users:
        raise SandboxError(f"user id {uid} is invalid or taken")
    if screen_name and (world.resolve_user(screen_name) or world.is_own_screen_name(screen_name)):
        raise SandboxError(f"screen name {screen_name!r} is taken")
    if not str(first_name).strip():
        raise SandboxError("first_name must not be empty")
    world.users[uid] = User(uid, first_name, last_name, screen_name, note=str(note or ""))
    return uid


def set_note(world: World, user_id: int, note: str) -> None:
    """Who the person plays in the sandbox (the page's label; VK never sees it)."""
    user(world, user_id).note = str(note or "")


def allow_messages(world: World, user_id: int) -> None:
    user(world, user_id).allowed_messages = True
    world.events.emit("message_allow", {"user_id": int(user_id), "key": ""})


def create_chat(world: World, title: str, member_ids: list[int], owner_id: int,
                bot_admin: bool = True) -> int:
    owner = user(world, owner_id)
    local_id = max(world.chats, default=0) + 1
    new = Chat(local_id=local_id, title=title, owner_id=owner.id, bot_is_admin=bool(bot_admin))
    now = int(time.time())
    for uid in [owner.id, *[int(m) for m in member_ids]]:
        user(world, uid)
        new.members.setdefault(uid, Member(uid, owner.id, now, is_admin=uid == owner.id))
    world.chats[local_id] = new
    # The chat existed before; the community's arrival is what it hears about.
    world.service(new, owner.id, {"type": "chat_invite_user", "member_id": world.bot_id})
    return new.peer_id


def _attachments(world: World, owner_id: int, items: list[dict[str, Any]] | None) -> list[dict]:
    out = []
    for item in items or []:
        if item.get("type") == "doc" and "content_b64" in item:
            try:
                content = base64.b64decode(item["content_b64"], validate=True)
            except (binascii.Error, ValueError):
                raise SandboxError("attachment content_b64 is not valid base64") from None
            doc = world.add_doc(owner_id, item.get("title", "file.txt"), content)
            out.append({"type": "doc", "doc": doc_object(world, doc)})
        elif item.get("type") == "photo" and "content_b64" in item:
            try:
                content = base64.b64decode(item["content_b64"], validate=True)
            except (binascii.Error, ValueError):
                raise SandboxError("attachment content_b64 is not valid base64") from None
            photo = world.photos.add(owner_id, content)
            if photo is None:
                raise SandboxError("a photo attachment must be a PNG or a JPEG")
            out.append({"type": "photo", "photo": photo_object(world, photo)})
        elif "type" in item:
            out.append(dict(item))
        else:
            raise SandboxError(f"attachment without type: {item!r}")
    return out


def _payload(payload: Any) -> str | None:
    if payload is None or isinstance(payload, str):
        return payload
    return json.dumps(payload, ensure_ascii=False)


def write_dm(world: World, user_id: int, text: str, payload: Any = None, ref: str | None = None,
             ref_source: str | None = None, attachments: list | None = None) -> int:
    author = user(world, user_id)
    # Writing to a community is what allows it to answer (no more error 901).
    author.allowed_messages = True
    msg = world.store(author.id, author.id, text, payload=_payload(payload), ref=ref,
                      ref_source=ref_source,
                      attachments=_attachments(world, author.id, attachments))
    world.deliver_new(msg)
    return msg.cmid


def write_chat(world: World, user_id: int, peer_id: int, text: str, payload: Any = None,
               reply_to_cmid: int | None = None, attachments: list | None = None) -> int:
    author, room = user(world, user_id), chat(world, peer_id)
    if author.id not in room.members:
        raise SandboxError(f"user {author.id} is not a member of chat {peer_id}")
    if room.is_restricted(author.id):
        raise SandboxError(f"user {author.id} is restricted to read-only in chat {peer_id}")
    if reply_to_cmid is not None and world.find_message(room.peer_id, reply_to_cmid) is None:
        raise SandboxError(f"no message cmid={reply_to_cmid} in chat {peer_id}")
    msg = world.store(room.peer_id, author.id, text, payload=_payload(payload),
                      reply_to_cmid=reply_to_cmid,
                      attachments=_attachments(world, author.id, attachments))
    world.deliver_new(msg)
    return msg.cmid


def write_chat_many(world: World, messages: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Many users write in chats at once (load tests): each item is write_chat's arguments.
    Every message still reaches the bot only through the long poll; a refused item (the
    author left or was restricted) answers {"error"} and does not stop the rest."""
    results: list[dict[str, Any]] = []
    for item in messages:
        try:
            results.append({"cmid": write_chat(world, **item)})
        except (SandboxError, TypeError) as exc:
            results.append({"error": str(exc)})
    return results


def open_ref_link(world: World, user_id: int, link: str, text: str = "Начать",
                  payload: Any = None) -> int:
    parsed = urlparse(link)
    name = parsed.path.strip("/")
    if parsed.netloc not in ("vk.me", "vk.com", "m.vk.com") or not world.is_own_screen_name(name):
        raise SandboxError(f"{link!r} is not a vk.me link to this community")
    query = parse_qs(parsed.query)
    ref = query.get("ref", [None])[0]
    ref_source = query.get("ref_source", [None])[0]
    # A new dialog opens with the "Начать" (start) button, which sends this payload. A dialog
    # the user has written in before shows no such button: they type, and the typed message
    # carries the ref (VK attaches it to the first message after the link, whatever it says).
    conv = world.conversations.get(user(world, user_id).id)
    if payload is None and text == "Начать" and not (conv and conv.messages):
        payload = {"command": "start"}
    return write_dm(world, user_id, text, payload=payload, ref=ref, ref_source=ref_source)


def join_by_link(world: World, user_id: int, link: str) -> int:
    joiner = user(world, user_id)
    room = next((c for c in world.chats.values() if link and c.invite_link == link), None)
    if room is None:
        raise SandboxError(f"invite link {link!r} is annulled or unknown")
    if joiner.id in room.members:
        return room.peer_id
    room.members[joiner.id] = Member(joiner.id, room.owner_id, int(time.time()))
    world.service(room, joiner.id, {"type": "chat_invite_user_by_link", "member_id": joiner.id})
    return room.peer_id


def leave_chat(world: World, user_id: int, peer_id: int) -> None:
    room = chat(world, peer_id)
    if int(user_id) not in room.members:
        raise SandboxError(f"user {user_id} is not in chat {peer_id}")
    del room.members[int(user_id)]
    room.restricted.pop(int(user_id), None)
    world.service(room, int(user_id), {"type": "chat_kick_user", "member_id": int(user_id)})


def _peer_message(world: World, user_id: int, peer_id: int, cmid: int) -> Message:
    user(world, user_id)
    if int(peer_id) > 2_000_000_000:
        if int(user_id) not in chat(world, peer_id).members:
            raise SandboxError(f"user {user_id} is not a member of chat {peer_id}")
    elif int(peer_id) != int(user_id):
        raise SandboxError("in a DM the peer_id is the user's own id")
    msg = world.find_message(int(peer_id), int(cmid))
    if msg is None or msg.deleted:
        raise SandboxError(f"no message cmid={cmid} in peer {peer_id}")
    return msg


def press_button(world: World, user_id: int, peer_id: int, cmid: int, payload: Any) -> str:
    msg = _peer_message(world, user_id, peer_id, cmid)
    offered = callback_payloads(msg.keyboard)
    if payload not in offered:
        raise SandboxError(f"message cmid={cmid} has no callback button with payload {payload!r};"
                           f" callback payloads offered: {offered!r}")
    event_id = secrets.token_hex(6)
    world.callback_events[event_id] = CallbackEvent(
        event_id, int(user_id), int(peer_id), time.monotonic() + world.message_event_ttl)
    world.events.emit("message_event", {"user_id": int(user_id), "peer_id": int(peer_id),
                                        "event_id": event_id, "payload": payload,
                                        "conversation_message_id": msg.cmid})
    return event_id


def edit_message(world: World, user_id: int, peer_id: int, cmid: int, text: str) -> None:
    msg = _peer_message(world, user_id, peer_id, cmid)
    if msg.from_id != int(user_id) or msg.action is not None:
        raise SandboxError(f"user {user_id} cannot edit message cmid={cmid}")
    msg.text = text
    world.touch(msg)
    if world.bot_sees(msg):
        world.events.emit("message_edit", message_object(world, msg))
