"""/me, /me/commands, /updates, /subscriptions, /uploads, /answers and /videos/{token}."""

from __future__ import annotations

import re
import secrets
from typing import Any
from urllib.parse import urlparse

from . import validate
from .api import Call
from .errors import MaxError, bad_request, not_found
from .render import bot_info
from .state import now_ms
from .uploads import UploadSlot
from .validate import expect_object, optional_str
from .webhook import Subscription

OK = {"success": True}
UPDATE_TYPES = (
    "message_created",
    "message_callback",
    "message_edited",
    "message_removed",
    "comment_created",
    "comment_edited",
    "comment_removed",
    "bot_added",
    "bot_removed",
    "user_added",
    "user_removed",
    "bot_started",
    "bot_stopped",
    "dialog_cleared",
    "dialog_removed",
    "dialog_muted",
    "dialog_unmuted",
    "chat_title_changed",
    "bot_admin_permissions_changed",
)
UPLOAD_TYPES = ("image", "video", "audio", "file")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
SECRET = re.compile(r"[A-Za-z0-9_-]{5,256}")


def get_me(call: Call) -> dict[str, Any]:
    return bot_info(call.world)


def set_commands(call: Call) -> dict[str, Any]:
    body = expect_object(call.body)
    commands = body.get("commands", [])
    if not isinstance(commands, list) or len(commands) > 32:
        raise bad_request("commands: at most 32 commands are allowed")
    out = []
    for item in commands:
        item = expect_object(item, "command")
        name = optional_str(item, "name", 64, 1, required=True)
        description = optional_str(item, "description", 128, 1)
        out.append({"name": name, "description": description})
    call.world.commands = out
    return {"commands": out}


async def get_updates(call: Call) -> dict[str, Any]:
    sb = call.sb
    if sb.webhooks.active:
        raise MaxError(
            405,
            "method.not.allowed",
            "Long polling is unavailable while a webhook subscription is active",
        )
    limit = call.int("limit", 100, lo=1, hi=1000) or 100
    timeout = call.int("timeout", 30, lo=0, hi=90)
    marker = call.int("marker")
    types = {t for t in (call.str("types") or "").split(",") if t.strip()} or None
    await sb.updates.wait(marker, types, float(timeout or 0))
    updates, next_marker = sb.updates.take(marker, limit, types)
    return {"updates": updates, "marker": next_marker}


def get_subscriptions(call: Call) -> dict[str, Any]:
    subs = call.sb.webhooks.subscriptions.values()
    return {
        "subscriptions": [
            {"url": s.url, "time": s.time, "update_types": s.update_types} for s in subs
        ]
    }


def subscribe(call: Call) -> dict[str, Any]:
    body = expect_object(call.body)
    url = optional_str(body, "url", None, 1, required=True) or ""
    parsed = urlparse(url)
    # MAX takes https only (trusted CA, port 443); the sandbox also takes http on loopback,
    # since nothing here can hold a trusted certificate.
    if not (parsed.scheme == "https" or (parsed.scheme == "http" and parsed.hostname in LOOPBACK)):
        raise bad_request("url must start with https://")
    secret = body.get("secret")
    if secret is not None and (not isinstance(secret, str) or not SECRET.fullmatch(secret)):
        raise bad_request("secret: 5-256 characters of A-Z, a-z, 0-9, _ and -")
    types = body.get("update_types")
    if types is not None:
        if not isinstance(types, list) or any(t not in UPDATE_TYPES for t in types):
            raise bad_request(f"update_types: known types are {', '.join(UPDATE_TYPES)}")
        types = list(dict.fromkeys(types)) or None
    call.sb.webhooks.subscribe(Subscription(url, now_ms(), types, secret))
    return OK


def unsubscribe(call: Call) -> dict[str, Any]:
    url = call.str("url", required=True) or ""
    if not call.sb.webhooks.unsubscribe(url):
        # Since Nov 2026 a {success: false} answer carries a code too.
        return {"success": False, "code": "not.found", "message": f"No subscription for {url}"}
    return OK


def get_upload_url(call: Call) -> dict[str, Any]:
    kind = call.str("type", required=True)
    if kind == "photo":
        raise bad_request("type=photo is no longer supported, use type=image")
    if kind not in UPLOAD_TYPES:
        raise bad_request(f"type must be one of {', '.join(UPLOAD_TYPES)}")
    sb = call.sb
    key = secrets.token_urlsafe(24)
    token = None
    if kind in ("video", "audio"):
        # Video and audio tokens are issued now; they attach once the upload is processed.
        token = sb.world.add_media(kind).token
    sb.uploads.slots[key] = UploadSlot(key, kind, token)
    out: dict[str, Any] = {"url": f"{sb.url}/_upload/{key}"}
    if token:
        out["token"] = token
    return out


def answer_callback(call: Call) -> dict[str, Any]:
    world = call.world
    callback_id = call.str("callback_id", required=True) or ""
    if not callback_id.strip():
        raise bad_request("callback_id must not be blank")
    call.bool("disable_link_preview")
    cb = world.callbacks.get(callback_id)
    if cb is None:
        raise not_found(f"Callback {callback_id} not found")
    body = expect_object(call.body)
    notification = optional_str(body, "notification")
    message = body.get("message")
    if message is None and not notification:
        raise bad_request("Either message or notification is required")
    if message is not None:
        draft = validate.new_message(world, message, editing=True)
        msg = world.live_message(cb.mid)
        if msg is None:
            raise not_found("The message of this callback was deleted")
        if draft.text is not None:
            msg.text, msg.markup = draft.text, draft.markup
        if draft.attachments is not None:
            msg.attachments = draft.attachments
    cb.answers.append({"notification": notification, "message": message is not None})
    return OK


def get_video(call: Call) -> dict[str, Any]:
    world = call.world
    media = world.media.get(call.path["videoToken"])
    if media is None or media.type != "video" or not media.uploaded:
        raise not_found(f"Video {call.path['videoToken']} not found")
    url = validate.media_url(world, media)
    return {
        "token": media.token,
        "urls": {"mp4_720": url},
        "thumbnail": None,
        "width": media.width,
        "height": media.height,
        "duration": 0,
    }
