"""messages.send: targets, random_id de-duplication, per-peer permission checks."""

from __future__ import annotations

import json
import re
from typing import Any

from .access import check_can_write
from .errors import VKError, param_error
from .keyboard import parse_keyboard
from .params import Params
from .photos import photo_object
from .render import doc_object
from .state import CHAT_PEER_BASE, World

MAX_TEXT = 9000
ATTACHMENT_RE = re.compile(r"([a-z_]+)(-?\d+)_(\d+)(?:_(\w+))?")


def _targets(world: World, p: Params) -> tuple[list[int], bool]:
    if p.has("peer_ids"):
        return p.int_list("peer_ids"), True
    if p.has("peer_id"):
        return [p.int("peer_id")], False
    if p.has("user_id"):
        return [p.int("user_id")], False
    if p.has("chat_id"):
        return [CHAT_PEER_BASE + p.int("chat_id")], False
    if p.has("domain"):
        user = world.resolve_user(p.str("domain"))
        if user is None:
            raise param_error("domain is invalid")
        return [user.id], False
    raise param_error("You should specify peer_id, user_id, domain, chat_id or peer_ids param")


def parse_attachments(world: World, raw: str | None) -> list[dict[str, Any]]:
    """`<type><owner_id>_<media_id>[_<access_key>]`, comma-separated, as VK takes them.

    Docs must exist (the stored message then carries the full doc object); other well-formed
    kinds (photo, wall...) are not modelled and kept as stubs; a malformed item is error 100.
    """
    out = []
    for item in (raw or "").split(","):
        if not item.strip():
            continue
        match = ATTACHMENT_RE.fullmatch(item.strip())
        if not match:
            raise param_error(f"attachment {item.strip()!r} is invalid")
        kind, owner, oid = match.group(1), int(match.group(2)), int(match.group(3))
        if kind == "doc":
            doc = world.docs.get(oid)
            if doc is None or doc.owner_id != owner:
                raise param_error(f"attachment {item.strip()!r} is invalid: no such document")
            out.append({"type": "doc", "doc": doc_object(world, doc)})
        elif kind == "photo" and oid in world.photos.photos:
            photo = world.photos.photos[oid]
            if photo.owner_id != owner or match.group(4) != photo.access_key:
                raise param_error(f"attachment {item.strip()!r} is invalid: no such photo")
            out.append({"type": "photo", "photo": photo_object(world, photo)})
        else:
            stub: dict[str, Any] = {"id": oid, "owner_id": owner}
            if match.group(4):
                stub["access_key"] = match.group(4)
            out.append({"type": kind, kind: stub})
    return out


def _reply_cmid(p: Params) -> int | None:
    if p.has("forward"):
        try:
            forward = json.loads(p.str("forward"))
        except ValueError:
            raise param_error("forward is invalid JSON") from None
        cmids = forward.get("conversation_message_ids") or []
        if forward.get("is_reply") and cmids:
            return int(cmids[0])
    return None


def _content(world: World, p: Params) -> dict[str, Any]:
    text = p.str("message", "")
    if len(text) > MAX_TEXT:
        raise VKError(914)
    attachments = parse_attachments(world, p.str("attachment"))
    if not text and not attachments and not p.has("sticker_id") and not p.has("forward_messages"):
        raise param_error("message is empty or invalid")
    return {
        "text": text,
        "attachments": attachments,
        "keyboard": parse_keyboard(p.str("keyboard")) if p.has("keyboard") else None,
        "payload": p.str("payload"),
    }


def send(world: World, p: Params) -> Any:
    if not p.has("random_id"):
        raise param_error("random_id is a required parameter")
    random_id = p.int("random_id")
    peers, as_list = _targets(world, p)
    content = _content(world, p)
    reply_cmid = _reply_cmid(p)
    results = []
    for peer in peers:
        key = (peer, random_id)
        if random_id and key in world.sent_by_random_id:
            results.append(world.sent_by_random_id[key])
            continue
        try:
            check_can_write(world, peer)
        except VKError as exc:
            if not as_list:
                raise
            # peer_ids mode reports failures per recipient instead of failing the call.
            results.append({"peer_id": peer, "message_id": 0, "conversation_message_id": 0,
                            "error": {"code": exc.code, "description": exc.msg}})
            continue
        reply = reply_cmid
        if reply is None and p.has("reply_to") and peer < CHAT_PEER_BASE:
            replied = world.find_by_id(p.int("reply_to"))
            reply = replied.cmid if replied else None
        msg = world.store(peer, world.bot_id, content["text"], attachments=content["attachments"],
                          keyboard=content["keyboard"], payload=content["payload"],
                          random_id=random_id, reply_to_cmid=reply)
        message_id = 0 if peer > CHAT_PEER_BASE else msg.id
        result = {"peer_id": peer, "message_id": message_id, "conversation_message_id": msg.cmid}
        if random_id:
            world.sent_by_random_id[key] = result
        results.append(result)
    if as_list:
        return results
    return results[0]["message_id"]


METHODS = {"messages.send": send}
