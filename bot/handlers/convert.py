"""vkbottle's types → the bot's neutral events (the only place that reads vkbottle messages)."""

from __future__ import annotations

import json
from typing import Any

from vkbottle.bot import Message

from bot.domain.events import Attachment, IncomingMessage


def to_incoming(message: Message) -> IncomingMessage:
    reply = message.reply_message
    action = message.action
    return IncomingMessage(
        peer_id=message.peer_id,
        author_id=message.from_id,
        message_id=message.conversation_message_id or message.id,
        text=message.text or "",
        date=message.date or 0,
        payload=_payload(message.payload),
        ref=getattr(message, "ref", None),
        attachments=tuple(_attachments(message.attachments or [])),
        reply_to_message_id=reply.conversation_message_id if reply else None,
        action=_action_type(action),
        action_member_id=getattr(action, "member_id", None) if action else None,
    )


def _action_type(action: Any) -> str | None:
    if action is None:
        return None
    kind = getattr(action, "type", None)
    return str(getattr(kind, "value", kind)) if kind is not None else None


def _payload(raw: Any) -> dict | None:
    if not raw:
        return None
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw)
    except (TypeError, ValueError):
        return None
    return value if isinstance(value, dict) else None


def _attachments(items: list[Any]) -> list[Attachment]:
    found = []
    for item in items:
        kind = getattr(getattr(item, "type", None), "value", None) or str(getattr(item, "type", ""))
        doc = getattr(item, "doc", None)
        if doc is not None:
            found.append(
                Attachment(kind="doc", title=doc.title or "", url=doc.url or "", size=doc.size or 0)
            )
        else:
            found.append(Attachment(kind=kind))
    return found
