"""Keyboard JSON validation with VK's size limits (error 911 on any violation)."""

from __future__ import annotations

import json
from typing import Any

from .errors import VKError

ACTION_REQUIRED = {
    "text": ("label",),
    "callback": ("label",),
    "open_link": ("link", "label"),
    "location": (),
    "open_app": ("app_id", "label"),
    "vkpay": ("hash",),
    "open_photo": (),
    "intent_subscribe": (),
    "intent_unsubscribe": (),
}
COLORS = {"default", "secondary", "primary", "positive", "negative"}
PAYLOAD_MAX = 255
LIMITS = {False: (10, 5, 40), True: (6, 5, 10)}  # inline -> (rows, columns, buttons)


def _bad(detail: str) -> VKError:
    return VKError(911, detail)


def parse_keyboard(raw: str) -> dict[str, Any]:
    try:
        kb = json.loads(raw)
    except ValueError:
        raise _bad("keyboard is not valid JSON") from None
    if not isinstance(kb, dict) or not isinstance(kb.get("buttons"), list):
        raise _bad("buttons array is required")
    inline = bool(kb.get("inline", False))
    max_rows, max_cols, max_buttons = LIMITS[inline]
    rows = kb["buttons"]
    if len(rows) > max_rows:
        raise _bad(f"too many rows: {len(rows)} > {max_rows}")
    total = 0
    for row in rows:
        if not isinstance(row, list):
            raise _bad("each row must be an array of buttons")
        if len(row) > max_cols:
            raise _bad(f"too many buttons in a row: {len(row)} > {max_cols}")
        for button in row:
            _check_button(button)
        total += len(row)
    if total > max_buttons:
        raise _bad(f"too many buttons: {total} > {max_buttons}")
    # VK stores the keyboard normalised: one_time and inline are always present.
    return {"one_time": bool(kb.get("one_time", False)), "inline": inline, "buttons": rows}


def _check_button(button: Any) -> None:
    if not isinstance(button, dict) or not isinstance(button.get("action"), dict):
        raise _bad("button.action is required")
    action = button["action"]
    kind = action.get("type")
    if kind not in ACTION_REQUIRED:
        raise _bad(f"unknown action type {kind!r}")
    for key in ACTION_REQUIRED[kind]:
        if key not in action:
            raise _bad(f"action.{key} is required for {kind}")
    if "color" in button and button["color"] not in COLORS:
        raise _bad(f"unknown color {button['color']!r}")
    payload = action.get("payload")
    if payload is not None:
        if not isinstance(payload, str):
            payload = json.dumps(payload, ensure_ascii=False)
        if len(payload) > PAYLOAD_MAX:
            raise _bad("payload is too long")


def callback_payloads(kb: dict[str, Any] | None) -> list[Any]:
    """Decoded payloads of the keyboard's callback buttons."""
    if not kb:
        return []
    out = []
    for row in kb.get("buttons", []):
        for button in row:
            action = button.get("action", {})
            if action.get("type") == "callback":
                payload = action.get("payload")
                if isinstance(payload, str):
                    try:
                        payload = json.loads(payload)
                    except ValueError:
                        pass
                out.append(payload)
    return out
