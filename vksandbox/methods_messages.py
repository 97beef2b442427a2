"""messages.edit / delete / pin / unpin / getByConversationMessageId."""

from __future__ import annotations

from typing import Any

from .access import admin_chat, check_can_read, member_chat
from .errors import VKError, param_error
from .keyboard import parse_keyboard
from .methods_send import MAX_TEXT, parse_attachments
from .params import Params
from .render import message_object, pinned_object
from .state import CHAT_PEER_BASE, Message, World


def _target_message(world: World, p: Params, peer: int) -> Message:
    if p.has("cmid") or p.has("conversation_message_id"):
        cmid = p.int("cmid") if p.has("cmid") else p.int("conversation_message_id")
        msg = world.find_message(peer, cmid)
    elif p.has("message_id") and peer < CHAT_PEER_BASE:
        msg = world.find_by_id(p.int("message_id"))
    else:
        raise param_error("cmid or message_id is required")
    if msg is None or msg.peer_id != peer or msg.deleted:
        raise VKError(104, "message not found")
    return msg


def edit(world: World, p: Params) -> Any:
    peer = p.int("peer_id", required=True)
    check_can_read(world, peer)
    msg = _target_message(world, p, peer)
    if msg.from_id != world.bot_id or msg.action is not None:
        raise VKError(920)
    if p.has("message"):
        text = p.str("message")
        if len(text) > MAX_TEXT:
            raise VKError(914)
        msg.text = text
    if p.has("keyboard"):
        msg.keyboard = parse_keyboard(p.str("keyboard"))
    if p.has("attachment"):
        msg.attachments = parse_attachments(world, p.str("attachment"))
    world.touch(msg)
    return 1


def delete(world: World, p: Params) -> Any:
    for_all = p.bool("delete_for_all")
    items: list[tuple[int, Message | None, int]] = []
    if p.has("cmids"):
        peer = p.int("peer_id", required=True)
        check_can_read(world, peer)
        items = [(peer, world.find_message(peer, c), c) for c in p.int_list("cmids")]
    elif p.has("message_ids"):
        for mid in p.int_list("message_ids"):
            msg = world.find_by_id(mid)
            items.append((msg.peer_id if msg else 0, msg, mid))
    else:
        raise param_error("message_ids or peer_id with cmids is required")
    out = []
    for peer, msg, ident in items:
        item: dict[str, Any] = {"peer_id": peer, "conversation_message_id": msg.cmid if msg else ident}
        if peer and peer < CHAT_PEER_BASE and msg is not None:
            item["message_id"] = msg.id
        code = _delete_error(world, msg, for_all)
        if code:
            item["error"] = {"code": code, "description": VKError(code).msg}
        else:
            if for_all:
                msg.deleted = True
            item["response"] = 1
        out.append(item)
    return out


def _delete_error(world: World, msg: Message | None, for_all: bool) -> int:
    if msg is None or msg.deleted:
        return 104
    if not for_all or msg.from_id == world.bot_id:
        return 0
    chat = world.chat_by_peer(msg.peer_id)
    if chat is None or not (chat.bot_is_admin or chat.owner_id == world.bot_id):
        return 924
    if msg.from_id == chat.owner_id:
        return 924
    return 0


def pin(world: World, p: Params) -> Any:
    peer = p.int("peer_id", required=True)
    chat = admin_chat(world, peer) if peer > CHAT_PEER_BASE else None
    msg = _target_message(world, p, peer)
    if chat is not None:
        chat.pinned_cmid = msg.cmid
        world.service(chat, world.bot_id, {"type": "chat_pin_message", "member_id": world.bot_id,
                                           "conversation_message_id": msg.cmid,
                                           "message": msg.text})
    return pinned_object(world, msg)


def unpin(world: World, p: Params) -> Any:
    peer = p.int("peer_id", required=True)
    if peer > CHAT_PEER_BASE:
        chat = admin_chat(world, peer)
        if chat.pinned_cmid is not None:
            cmid, chat.pinned_cmid = chat.pinned_cmid, None
            world.service(chat, world.bot_id, {"type": "chat_unpin_message",
                                               "member_id": world.bot_id,
                                               "conversation_message_id": cmid})
    return 1


def get_by_cmid(world: World, p: Params) -> Any:
    peer = p.int("peer_id", required=True)
    cmids = p.int_list("conversation_message_ids", required=True)
    if peer > CHAT_PEER_BASE:
        member_chat(world, peer, missing=927)
    items = []
    for cmid in cmids:
        msg = world.find_message(peer, cmid)
        if msg is not None and not msg.deleted:
            items.append(message_object(world, msg))
    return {"count": len(items), "items": items}


METHODS = {
    "messages.edit": edit,
    "messages.delete": delete,
    "messages.pin": pin,
    "messages.unpin": unpin,
    "messages.getByConversationMessageId": get_by_cmid,
}
