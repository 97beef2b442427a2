"""The sandbox's world on disk: people, chats, messages, files and the event log, as JSON.

Written atomically (a temporary file renamed over the old one) and readable by its owner only:
it holds the same names and messages as the bot's database beside it.
"""

from __future__ import annotations

import base64
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import SandboxError
from .models import Chat, Conversation, Doc, Member, Message, User
from .photos import Photo

if TYPE_CHECKING:
    from .state import World

FORMAT = 1
PRIVATE = 0o600


class StateFileError(SandboxError):
    """The saved world cannot be read; nothing was loaded and the file is left as it was."""


def _b64(content: bytes) -> str:
    return base64.b64encode(content).decode()


def snapshot(world: World) -> dict[str, Any]:
    """Everything needed to bring the world back (one-time upload URLs and callback events,
    which expire within a minute on VK too, are not kept)."""
    events = world.events
    return {
        "format": FORMAT,
        "group_id": world.group_id,
        "base_url": world.base_url,
        "users": [asdict(u) for u in world.users.values()],
        "chats": [
            {
                **asdict(c),
                "members": [asdict(m) for m in c.members.values()],
                "restricted": [[uid, until] for uid, until in c.restricted.items()],
            }
            for c in world.chats.values()
        ],
        "conversations": [
            {
                "peer_id": conv.peer_id,
                "last_cmid": conv.last_cmid,
                "messages": [asdict(m) for m in conv.messages.values()],
            }
            for conv in world.conversations.values()
        ],
        "docs": [{**asdict(d), "content": _b64(d.content)} for d in world.docs.values()],
        "photos": [{**asdict(p), "content": _b64(p.content)} for p in world.photos.photos.values()],
        "sent_by_random_id": [
            [peer, rid, result] for (peer, rid), result in world.sent_by_random_id.items()
        ],
        "lp_keys": list(world.lp_keys),
        "events": {"next_ts": events.next_ts, "items": events.dump()},
        "counters": {
            "user": world._next_user_id,
            "message": world._next_message_id,
            "doc": world._next_doc_id,
            "version": world._version,
            "photo": world.photos._next_id,
        },
    }


def _rebase(value: Any, old: str, new: str) -> Any:
    """File and photo URLs name the address the sandbox had; a restart may give it another."""
    if isinstance(value, str):
        return new + value[len(old) :] if old and value.startswith(old + "/_sandbox/") else value
    if isinstance(value, list):
        return [_rebase(v, old, new) for v in value]
    if isinstance(value, dict):
        return {k: _rebase(v, old, new) for k, v in value.items()}
    return value


def restore(world: World, data: dict[str, Any]) -> None:
    if data.get("format") != FORMAT:
        raise StateFileError(f"unknown sandbox state format {data.get('format')!r}")
    if data.get("group_id") != world.group_id:
        raise StateFileError(
            f"the saved world belongs to community {data.get('group_id')}, not {world.group_id}"
        )
    data = _rebase(data, data.get("base_url", ""), world.base_url)
    try:
        users = {u["id"]: User(**u) for u in data["users"]}
        chats = {}
        for raw in data["chats"]:
            chat = Chat(**{k: v for k, v in raw.items() if k not in ("members", "restricted")})
            chat.members = {m["member_id"]: Member(**m) for m in raw["members"]}
            chat.restricted = {int(uid): until for uid, until in raw["restricted"]}
            chats[chat.local_id] = chat
        conversations = {}
        for raw in data["conversations"]:
            conv = Conversation(raw["peer_id"], last_cmid=raw["last_cmid"])
            conv.messages = {m["cmid"]: Message(**m) for m in raw["messages"]}
            conversations[conv.peer_id] = conv
        docs = {
            d["id"]: Doc(**{**d, "content": base64.b64decode(d["content"])}) for d in data["docs"]
        }
        photos = {
            p["id"]: Photo(**{**p, "content": base64.b64decode(p["content"])})
            for p in data["photos"]
        }
        sent = {(peer, rid): result for peer, rid, result in data["sent_by_random_id"]}
        counters = data["counters"]
        events = data["events"]
    except (KeyError, TypeError, ValueError) as error:
        raise StateFileError(f"the saved world is incomplete: {error!r}") from None
    world.users, world.chats, world.conversations = users, chats, conversations
    world.docs, world.photos.photos, world.sent_by_random_id = docs, photos, sent
    world.lp_keys = list(data.get("lp_keys", []))
    world._next_user_id, world._next_message_id = counters["user"], counters["message"]
    world._next_doc_id, world._version = counters["doc"], counters["version"]
    world.photos._next_id = counters["photo"]
    world.events.load(int(events["next_ts"]), events["items"])


def save(path: Path, data: dict[str, Any]) -> None:
    """Atomically: a reader (or a crash) sees the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
    with os.fdopen(fd, "w", encoding="utf-8") as file:
        json.dump(data, file, ensure_ascii=False, separators=(",", ":"))
        file.flush()
        os.fsync(file.fileno())
    os.chmod(temp, PRIVATE)
    temp.replace(path)


def load(path: Path) -> dict[str, Any] | None:
    """The saved world, or None when there is none yet."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StateFileError(f"cannot read {path}: {error}") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise StateFileError(f"{path} is not valid JSON: {error}") from None
    if not isinstance(data, dict):
        raise StateFileError(f"{path} does not hold a sandbox world")
    return data


__all__ = ["StateFileError", "load", "restore", "save", "snapshot"]
