"""/messages: send (to user_id or chat_id), edit, delete, list and get."""

from __future__ import annotations

from typing import Any

from . import validate
from .access import known_chat, member_chat, need
from .api import Call
from .errors import MaxError, bad_request, denied, not_found, too_many_requests
from .models import Chat, Message
from .render import message_object
from .state import World, now_ms

OK = {"success": True}
# In a dialog the bot may edit a message without a keyboard only while it is younger than this.
DIALOG_EDIT_AGE_MS = 7 * 24 * 3600 * 1000


def _target(call: Call) -> Chat:
    world = call.world
    user_id = call.int("user_id")
    chat_id = call.int("chat_id")
    if (user_id is None) == (chat_id is None):
        raise bad_request("Exactly one of user_id and chat_id is required")
    if user_id is not None:
        dialog = world.dialog_for(user_id)
        if dialog is None:
            raise denied(f"User {user_id} has not started the bot; it cannot write first")
        return member_chat(world, dialog)
    chat = member_chat(world, known_chat(world, chat_id or 0))
    if chat.type == "channel" and not world.bot_can(chat, "write"):
        raise denied("Only a channel admin with the 'write' permission can post")
    return chat


def _limit(call: Call, chat: Chat, kind: str) -> None:
    if not call.sb.limiter.hit_chat(chat.chat_id, kind):
        raise too_many_requests(
            f"Too many {kind} requests for chat {chat.chat_id}: at most "
            f"{call.sb.limiter.per_chat} per second"
        )


def send_message(call: Call) -> dict[str, Any]:
    world = call.world
    chat = _target(call)
    call.bool("disable_link_preview")
    draft = validate.new_message(world, call.body)
    if chat.type == "channel" and not draft.notify:
        raise bad_request("notify=false is not allowed in channels")
    if draft.link is not None:
        original = world.messages[draft.link["mid"]]
        if draft.link["type"] == "reply" and original.chat_id != chat.chat_id:
            raise bad_request("link.mid: a reply must be to a message of the same chat")
        if world.bot_member(world.chats[original.chat_id]) is None:
            raise denied("The linked message is not accessible")
    _limit(call, chat, "send")
    msg = world.store(
        chat,
        world.bot_id,
        draft.text,
        markup=draft.markup,
        attachments=draft.attachments or [],
        link=draft.link,
        notify=draft.notify,
    )
    return {"message": message_object(world, msg)}


def _own_live(world: World, call: Call) -> Message:
    mid = call.str("message_id", required=True) or ""
    msg = world.live_message(mid)
    if msg is None or world.bot_member(world.chats[msg.chat_id]) is None:
        raise not_found(f"Message {mid} not found")
    return msg


def edit_message(call: Call) -> dict[str, Any]:
    world = call.world
    msg = _own_live(world, call)
    chat = world.chats[msg.chat_id]
    if msg.sender_id != world.bot_id:
        raise denied("The bot can edit only its own messages")
    has_keyboard = any(a["type"] == "inline_keyboard" for a in msg.attachments)
    if chat.type == "dialog" and not has_keyboard and now_ms() - msg.timestamp > DIALOG_EDIT_AGE_MS:
        raise denied("A dialog message without a keyboard can be edited for 7 days only")
    draft = validate.new_message(world, call.body, editing=True)
    _limit(call, chat, "edit")
    if draft.text is not None:
        msg.text, msg.markup = draft.text, draft.markup
    if draft.attachments is not None:
        msg.attachments = draft.attachments
    if draft.link is not None:
        msg.link = draft.link
    return OK


def delete_message(call: Call) -> dict[str, Any]:
    world = call.world
    msg = _own_live(world, call)
    chat = world.chats[msg.chat_id]
    if msg.sender_id != world.bot_id:
        if chat.type == "dialog":
            raise denied("In a dialog the bot can delete only its own messages")
        need(world, chat, "delete")
    _limit(call, chat, "delete")
    msg.deleted = True
    if chat.pinned_mid == msg.mid:
        chat.pinned_mid = None
    return OK


def _visible(world: World, msg: Message) -> bool:
    chat = world.chats[msg.chat_id]
    return (
        not msg.deleted
        and world.bot_member(chat) is not None
        and (world.bot_reads(chat) or msg.sender_id == world.bot_id)
    )


def get_messages(call: Call) -> dict[str, Any]:
    world = call.world
    count = call.int("count", 50, lo=1, hi=100) or 50
    if call.has("message_ids"):
        mids = [m.strip() for m in (call.str("message_ids") or "").split(",") if m.strip()]
        found = [world.messages[m] for m in mids if m in world.messages]
        return {"messages": [message_object(world, m) for m in found if _visible(world, m)]}
    chat_id = call.int("chat_id")
    if chat_id is None:
        raise bad_request("chat_id or message_ids is required")
    chat = member_chat(world, known_chat(world, chat_id))
    if chat.is_group and not world.bot_reads(chat):
        raise denied("Reading a chat's history needs admin with 'read_all_messages'")
    # before/after are Unix ms; the deprecated from (newest) / to (oldest) mean the same.
    newest = call.int("before", lo=0)
    newest = call.int("from") if newest is None else newest
    oldest = call.int("after", lo=0)
    oldest = call.int("to") if oldest is None else oldest
    out = []
    for mid in reversed(chat.mids):
        msg = world.messages[mid]
        if (
            msg.deleted
            or (newest is not None and msg.timestamp > newest)
            or (oldest is not None and msg.timestamp < oldest)
        ):
            continue
        out.append(message_object(world, msg))
        if len(out) >= count:
            break
    return {"messages": out}


def get_message(call: Call) -> dict[str, Any]:
    world = call.world
    msg = world.messages.get(call.path["messageId"])
    if msg is None or not _visible(world, msg):
        raise MaxError(404, "not.found", f"Message {call.path['messageId']} not found")
    return message_object(world, msg)
