"""NewMessageBody as MAX checks it: text ≤ 4000, attachments, inline keyboards and their limits."""

from __future__ import annotations

import asyncio
import secrets
from dataclasses import dataclass
from typing import Any

from . import markup
from .errors import MaxError, bad_request
from .models import Media
from .render import user_object
from .state import World

MAX_TEXT = 4000
FORMATS = ("markdown", "html")
BUTTON_TYPES = (
    "callback",
    "link",
    "message",
    "request_contact",
    "request_geo_location",
    "open_app",
    "clipboard",
)
# Rows holding one of these may have at most 3 buttons (dev.max.ru keyboard guide).
NARROW_BUTTONS = ("link", "open_app", "request_geo_location", "request_contact")
MAX_ROWS, MAX_PER_ROW, MAX_PER_NARROW_ROW, MAX_BUTTONS = 30, 7, 3, 210
BUTTON_TEXT, CALLBACK_PAYLOAD, LINK_URL, OPEN_APP_PAYLOAD = 128, 1024, 2048, 512
ATTACHMENT_TYPES = (
    "image",
    "video",
    "audio",
    "file",
    "sticker",
    "contact",
    "inline_keyboard",
    "location",
    "share",
)
# "MUST be the only attachment in message" (schema). A keyboard is not counted.
ONLY_ATTACHMENT = ("audio", "file", "sticker", "contact")


@dataclass
class Draft:
    text: str | None
    markup: list[dict[str, Any]] | None
    attachments: list[dict[str, Any]] | None  # None: keep the current ones (edits)
    link: dict[str, Any] | None
    notify: bool


def expect_object(body: Any, what: str = "body") -> dict[str, Any]:
    if not isinstance(body, dict):
        raise bad_request(f"Can't deserialize {what}: a JSON object is expected")
    return body


def optional_str(
    obj: dict[str, Any],
    name: str,
    max_len: int | None = None,
    min_len: int = 0,
    required: bool = False,
) -> str | None:
    value = obj.get(name)
    if value is None:
        if required:
            raise bad_request(f"Field '{name}' cannot be null")
        return None
    if not isinstance(value, str):
        raise bad_request(f"Field '{name}' must be a string")
    if len(value) < min_len or (max_len is not None and len(value) > max_len):
        raise bad_request(f"{name}: size must be between {min_len} and {max_len}")
    return value


def _button(button: Any) -> dict[str, Any]:
    if not isinstance(button, dict):
        raise bad_request("button must be an object")
    kind = button.get("type")
    if kind not in BUTTON_TYPES:
        raise bad_request(f"Unknown button type {kind!r}")
    optional_str(button, "text", BUTTON_TEXT, 1, required=True)
    out = dict(button)
    if kind in ("callback", "clipboard"):
        optional_str(button, "payload", CALLBACK_PAYLOAD, 0, required=True)
    if kind == "link":
        optional_str(button, "url", LINK_URL, 1, required=True)
    if kind == "open_app":
        optional_str(button, "web_app", None, 1, required=True)
        payload = optional_str(button, "payload", OPEN_APP_PAYLOAD)
        if payload and not all(c.isalnum() or c in "_-" for c in payload):
            raise bad_request("open_app payload must match ^[\\w-]*$")
    intent = button.get("intent", "default")
    if intent not in ("default", "positive", "negative"):
        raise bad_request(f"Unknown button intent {intent!r}")
    if kind == "callback":
        out["intent"] = intent
    return out


def keyboard(payload: Any) -> dict[str, Any]:
    payload = expect_object(payload, "keyboard payload")
    rows = payload.get("buttons")
    if not isinstance(rows, list) or not rows:
        raise bad_request("buttons: a non-empty array of rows is expected")
    if len(rows) > MAX_ROWS:
        raise bad_request(f"Keyboard has {len(rows)} rows, at most {MAX_ROWS} are allowed")
    out_rows, total = [], 0
    for row in rows:
        if not isinstance(row, list) or not row:
            raise bad_request("every keyboard row must be a non-empty array of buttons")
        buttons = [_button(b) for b in row]
        narrow = any(b["type"] in NARROW_BUTTONS for b in buttons)
        limit = MAX_PER_NARROW_ROW if narrow else MAX_PER_ROW
        if len(buttons) > limit:
            raise bad_request(f"A keyboard row has {len(buttons)} buttons, at most {limit}")
        total += len(buttons)
        out_rows.append(buttons)
    if total > MAX_BUTTONS:
        raise bad_request(f"Keyboard has {total} buttons, at most {MAX_BUTTONS} are allowed")
    return {
        "type": "inline_keyboard",
        "callback_id": secrets.token_urlsafe(24),
        "payload": {"buttons": out_rows},
    }


def _media(world: World, token: Any, kind: str) -> Media:
    media = world.media.get(token) if isinstance(token, str) else None
    if media is None or media.type != kind:
        raise bad_request(f"Invalid {kind} attachment token")
    if not media.uploaded or asyncio.get_running_loop().time() < media.ready_at:
        raise MaxError(400, "attachment.not.ready", "Attachment is not ready yet")
    return media


def media_url(world: World, media: Media) -> str:
    return media.url or f"{world.base_url}/_files/{media.media_id}/{media.filename or 'file'}"


def _image(world: World, payload: dict[str, Any]) -> list[dict[str, Any]]:
    if payload.get("url"):
        url = optional_str(payload, "url", None, 1)
        media = world.add_media("image", url=url, uploaded=True)
        tokens = [media.token]
    elif payload.get("photos"):
        photos = payload["photos"]
        if not isinstance(photos, dict):
            raise bad_request("photos must be an object of {token}")
        tokens = [p.get("token") if isinstance(p, dict) else None for p in photos.values()]
    else:
        tokens = [payload.get("token")]
    out = []
    for token in tokens:
        media = _media(world, token, "image")
        out.append(
            {
                "type": "image",
                "payload": {
                    "photo_id": media.media_id,
                    "token": media.token,
                    "url": media_url(world, media),
                },
            }
        )
    return out


def attachment(world: World, item: Any) -> list[dict[str, Any]]:
    item = expect_object(item, "attachment")
    kind = item.get("type")
    if kind not in ATTACHMENT_TYPES:
        raise bad_request(f"Unknown attachment type {kind!r}")
    if kind == "inline_keyboard":
        return [keyboard(item.get("payload"))]
    if kind == "location":
        lat, lon = item.get("latitude"), item.get("longitude")
        if not all(isinstance(v, int | float) for v in (lat, lon)):
            raise bad_request("location needs numeric latitude and longitude")
        return [{"type": "location", "latitude": lat, "longitude": lon}]
    payload = expect_object(item.get("payload"), f"{kind} payload")
    if kind == "image":
        return _image(world, payload)
    if kind in ("video", "audio", "file"):
        media = _media(world, payload.get("token"), kind)
        out: dict[str, Any] = {
            "type": kind,
            "payload": {"url": media_url(world, media), "token": media.token},
        }
        if kind == "file":
            out.update(filename=media.filename, size=len(media.content))
        elif kind == "video":
            out.update(thumbnail=None, width=media.width, height=media.height, duration=0)
        else:
            out["transcription"] = None
        return [out]
    if kind == "sticker":
        code = optional_str(payload, "code", None, 1, required=True)
        return [
            {
                "type": "sticker",
                "payload": {"url": f"{world.base_url}/_files/sticker/{code}", "code": code},
                "width": 128,
                "height": 128,
            }
        ]
    if kind == "contact":
        contact_id = payload.get("contact_id")
        user = world.users.get(contact_id) if isinstance(contact_id, int) else None
        return [
            {
                "type": "contact",
                "payload": {
                    "vcf_info": payload.get("vcf_info"),
                    "hash": None,
                    "max_info": user_object(user) if user else None,
                },
            }
        ]
    url = optional_str(payload, "url", None, 1)
    if url is None and not payload.get("token"):
        raise bad_request("share needs a url or a token")
    return [
        {
            "type": "share",
            "payload": {"url": url, "token": payload.get("token")},
            "title": None,
            "description": None,
            "image_url": None,
        }
    ]


def attachments(world: World, items: Any) -> list[dict[str, Any]]:
    if not isinstance(items, list):
        raise bad_request("attachments must be an array")
    out = [rendered for item in items for rendered in attachment(world, item)]
    if sum(1 for a in out if a["type"] == "inline_keyboard") > 1:
        raise bad_request("A message can have only one inline keyboard")
    content = [a for a in out if a["type"] != "inline_keyboard"]
    if len(content) > 1 and any(a["type"] in ONLY_ATTACHMENT for a in content):
        raise bad_request("audio, file, sticker and contact must be the only attachment")
    return out


def new_message(world: World, body: Any, *, editing: bool = False) -> Draft:
    body = expect_object(body)
    text = optional_str(body, "text")
    if text is not None and len(text) > MAX_TEXT:
        raise bad_request(f"text: size must be between 0 and {MAX_TEXT}")
    fmt = body.get("format")
    if fmt is not None and fmt not in FORMATS:
        raise bad_request(f"Unknown format {fmt!r}: markdown or html")
    notify = body.get("notify", True)
    if not isinstance(notify, bool):
        raise bad_request("notify must be a boolean")
    raw = body.get("attachments")
    rendered = None if raw is None and editing else attachments(world, raw or [])
    link = body.get("link")
    if link is not None:
        link = expect_object(link, "link")
        if link.get("type") not in ("reply", "forward"):
            raise bad_request("link.type must be reply or forward")
        original = world.live_message(link.get("mid")) if isinstance(link.get("mid"), str) else None
        if original is None:
            raise bad_request("link.mid: the linked message is not found")
        link = {"type": link["type"], "mid": original.mid}
    plain, marks = markup.render(text, fmt)
    if not editing and not plain and not rendered and (link is None or link["type"] == "reply"):
        raise bad_request("Message is empty: text, attachments or a forward is required")
    return Draft(plain, marks, rendered, link, notify)
