"""vkbottle's types → the bot's neutral events (the only place that reads vkbottle messages)."""

from __future__ import annotations

import json
import re
from typing import Any

from vkbottle.bot import Message

from bot.domain.events import Attachment, ButtonPress, ChatAction, IncomingMessage, ReplyTo


def to_incoming(message: Message) -> IncomingMessage:
    reply = message.reply_message
    return IncomingMessage(
        peer_id=message.peer_id,
        author_id=message.from_id,
        message_id=message.conversation_message_id or message.id,
        text=message.text or "",
        date=message.date or 0,
        payload=_payload(message.payload),
        ref=getattr(message, "ref", None),
        attachments=tuple(
            _attachments(
                [
                    *(message.attachments or []),
                    *(a for fwd in message.fwd_messages or [] for a in fwd.attachments or []),
                ]
            )
        ),
        reply_to_message_id=reply.conversation_message_id if reply else None,
        action=_action(message.action),
        reply_to=(
            ReplyTo(reply.conversation_message_id or 0, reply.from_id, reply.text or "")
            if reply
            else None
        ),
        mentioned=mentioned_ids(message.text or ""),
        mentions_everyone=bool(_EVERYONE.search(message.text or "")),
    )


# VK's mention markup: «[id123|Анна]», «[club5|Школа]»; «@all» and its kin reach everyone.
_MENTION = re.compile(r"\[(id|club|public)(\d+)\|[^\]\n]*\]")
_EVERYONE = re.compile(r"(?<![\w@])@(all|online|все|онлайн|здесь)\b", re.IGNORECASE)


def mentioned_ids(text: str) -> tuple[int, ...]:
    found = dict.fromkeys(
        int(number) if kind == "id" else -int(number) for kind, number in _MENTION.findall(text)
    )
    return tuple(found)


def _action(action: Any) -> ChatAction | None:
    if action is None:
        return None
    kind = getattr(action.type, "value", None) or str(action.type)
    return ChatAction(kind=kind, member_id=action.member_id)


def edited_to_incoming(event: dict) -> IncomingMessage | None:
    """A raw `message_edit` event (read as a plain dict: a schema drift must not drop it)."""
    obj = event.get("object")
    if not isinstance(obj, dict) or "peer_id" not in obj:
        return None
    action = obj.get("action")
    return IncomingMessage(
        peer_id=int(obj["peer_id"]),
        author_id=int(obj.get("from_id", 0)),
        message_id=int(obj.get("conversation_message_id") or obj.get("id") or 0),
        text=str(obj.get("text") or ""),
        date=int(obj.get("update_time") or obj.get("date") or 0),
        action=ChatAction(str(action.get("type", ""))) if isinstance(action, dict) else None,
    )


def to_button_press(event: dict) -> ButtonPress | None:
    """A raw `message_event` (a callback button); VK sends the payload as an object."""
    obj = event.get("object")
    if not isinstance(obj, dict) or "event_id" not in obj:
        return None
    return ButtonPress(
        event_id=str(obj["event_id"]),
        user_id=int(obj.get("user_id", 0)),
        peer_id=int(obj.get("peer_id", 0)),
        message_id=int(obj.get("conversation_message_id") or 0),
        payload=_payload(obj.get("payload")) or {},
    )


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
            ref = f"doc{doc.owner_id}_{doc.id}" + (f"_{doc.access_key}" if doc.access_key else "")
            found.append(
                Attachment(
                    kind="doc",
                    title=doc.title or "",
                    url=doc.url or "",
                    size=doc.size or 0,
                    ref=ref,
                )
            )
        elif (photo := getattr(item, "photo", None)) is not None:
            found.append(Attachment(kind="photo", url=_largest(photo)))
        elif (voice := getattr(item, "audio_message", None)) is not None:
            found.append(Attachment(kind="audio_message", duration=int(voice.duration or 0)))
        elif (post := getattr(item, "wall", None)) is not None:
            author = getattr(post, "from_id", None) or getattr(post, "owner_id", None) or 0
            found.append(Attachment(kind="wall", from_id=int(author)))
        else:
            found.append(Attachment(kind=kind))
    return found


def _largest(photo: Any) -> str:
    """The URL of a photo's largest copy (VK lists several sizes)."""
    sizes = [s for s in getattr(photo, "sizes", None) or [] if getattr(s, "url", None)]
    if not sizes:
        return str(getattr(getattr(photo, "orig_photo", None), "url", "") or "")
    best = max(sizes, key=lambda s: (s.width or 0) * (s.height or 0))
    return str(best.url)
