"""The sandbox's own web page at /_sandbox/: the school's chats as VK would show them to a person.

The page is plain HTML and a little JavaScript (`page/`); everything it shows comes from `view`,
which renders the world for one person in Russian, and everything it does goes through the same
control operations the tests use (write, press a button, join by a link). `/_sandbox/live` is a
Server-Sent Events stream that says when the world changed, so the page redraws without a reload.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from importlib import resources
from typing import TYPE_CHECKING, Any
from urllib.parse import parse_qs, urlparse

from aiohttp import web

from .errors import SandboxError
from .models import CHAT_PEER_BASE, Message

if TYPE_CHECKING:
    from .server import Sandbox
    from .state import World

MESSAGES_SHOWN = 300
PING_SECONDS = 15.0
FILES = {
    "page.js": "text/javascript",
    "page.css": "text/css",
}

_TOKEN = re.compile(r"\[(id|club|public)(\d+)\|([^\]\n]+)\]|(https?://[^\s<>\"«»]+)")
_TRAILING = ".,;:!?)"


def user_name(world: World, user_id: int) -> str:
    if user_id == world.bot_id:
        return world.group_name
    found = world.users.get(user_id)
    if found is None:
        return f"id{user_id}"
    return f"{found.first_name} {found.last_name}".strip()


def link_kind(world: World, url: str) -> str:
    """`join`: a chat's invite link; `ref`: a vk.me link to this community (a dialog with a
    ref code); `web`: anything else."""
    parsed = urlparse(url)
    if parsed.netloc not in ("vk.me", "vk.com", "m.vk.com"):
        return "web"
    path = parsed.path.strip("/")
    if path.startswith("join/"):
        return "join"
    if world.is_own_screen_name(path) and "ref" in parse_qs(parsed.query):
        return "ref"
    return "web"


def segments(world: World, text: str) -> list[dict[str, Any]]:
    """The text as VK draws it: mentions show their names, links can be followed."""
    out: list[dict[str, Any]] = []
    pos = 0
    for match in _TOKEN.finditer(text):
        url = match.group(4)
        end = match.end()
        if url is not None:
            stripped = url.rstrip(_TRAILING)
            end = match.start() + len(stripped)
            url = stripped
        if match.start() > pos:
            out.append({"text": text[pos : match.start()]})
        if url is not None:
            out.append({"link": url, "kind": link_kind(world, url)})
        else:
            out.append({"mention": match.group(3)})
        pos = end
    if pos < len(text):
        out.append({"text": text[pos:]})
    return out


def service_text(world: World, msg: Message) -> str:
    """A service line in Russian, in the present tense so that it needs no one's gender."""
    action = msg.action or {}
    kind = action.get("type")
    who = user_name(world, msg.from_id)
    member = action.get("member_id")
    target = user_name(world, member) if isinstance(member, int) else ""
    if kind == "chat_create":
        return f"{who} создаёт чат «{action.get('text', '')}»"
    if kind == "chat_invite_user":
        if member == world.bot_id:
            return f"{who} добавляет в чат сообщество «{world.group_name}»"
        return f"{who} добавляет в чат: {target}"
    if kind == "chat_invite_user_by_link":
        return f"{who} вступает в чат по ссылке-приглашению"
    if kind == "chat_kick_user":
        if member == msg.from_id:
            return f"{who} выходит из чата"
        return f"{who} исключает из чата: {target}"
    if kind == "chat_pin_message":
        return f"{who} закрепляет сообщение"
    if kind == "chat_unpin_message":
        return f"{who} открепляет сообщение"
    if kind == "chat_title_update":
        return f"{who} меняет название чата на «{action.get('text', '')}»"
    return f"{who}: служебное сообщение {kind}"


def size_text(size: int) -> str:
    if size < 1024:
        return f"{size} байт"
    if size < 1024 * 1024:
        return f"{size / 1024:.0f} КБ"
    return f"{size / 1024 / 1024:.1f} МБ".replace(".", ",")


def _payload(raw: Any) -> Any:
    if isinstance(raw, str):
        try:
            return json.loads(raw)
        except ValueError:
            return raw
    return raw


def keyboard_view(world: World, keyboard: dict[str, Any] | None) -> dict[str, Any] | None:
    if not keyboard or not keyboard.get("buttons"):
        return None
    rows = []
    for row in keyboard["buttons"]:
        buttons = []
        for button in row:
            action = button.get("action", {})
            kind = action.get("type")
            item: dict[str, Any] = {
                "type": kind,
                "label": action.get("label") or kind,
                "color": button.get("color", "secondary"),
                "payload": _payload(action.get("payload")),
            }
            if kind == "open_link":
                item["link"] = action.get("link", "")
                item["kind"] = link_kind(world, item["link"])
            buttons.append(item)
        rows.append(buttons)
    return {"inline": bool(keyboard.get("inline")), "rows": rows}


def _preview(world: World, msg: Message, in_chat: bool) -> str:
    if msg.deleted:
        return "сообщение удалено"
    if msg.action is not None:
        return service_text(world, msg)
    text = re.sub(r"\[(?:id|club|public)\d+\|([^\]\n]+)\]", r"\1", msg.text).replace("\n", " ")
    if not text:
        text = "вложение" if msg.attachments else ""
    if len(text) > 70:
        text = text[:69] + "…"
    if in_chat:
        return f"{user_name(world, msg.from_id)}: {text}"
    return ("Вы: " if msg.from_id != world.bot_id else "") + text


def _took_part(msgs: list[Message], user_id: int) -> bool:
    return any(m.from_id == user_id or (m.action or {}).get("member_id") == user_id for m in msgs)


def conversations(world: World, user_id: int | None = None) -> list[dict[str, Any]]:
    """What a person's list of conversations shows: the dialog with the community and the chats
    they are in or were in (after a removal the chat stays, read-only). `user_id=None`: every
    chat and every dialog, as someone watching the whole school."""
    items: list[tuple[int, dict[str, Any]]] = []
    if user_id is not None and user_id not in world.users:
        raise SandboxError(f"unknown user {user_id}")
    for conv in world.conversations.values():
        msgs = list(conv.messages.values())
        last = msgs[-1] if msgs else None
        chat = world.chat_by_peer(conv.peer_id)
        if chat is None:
            if user_id is not None and conv.peer_id != user_id:
                continue
            title = (
                world.group_name
                if user_id is not None
                else f"{user_name(world, conv.peer_id)} — {world.group_name}"
            )
            member = True
        else:
            member = user_id is None or user_id in chat.members
            if user_id is not None and not member and not _took_part(msgs, user_id):
                continue
            title = chat.title
        items.append(
            (
                last.id if last else 0,
                {
                    "peer_id": conv.peer_id,
                    "kind": "chat" if chat else "dm",
                    "title": title,
                    "member": member,
                    "last": _preview(world, last, chat is not None) if last else "",
                },
            )
        )
    if user_id is not None and user_id not in world.conversations:
        items.append(
            (
                0,
                {
                    "peer_id": user_id,
                    "kind": "dm",
                    "title": world.group_name,
                    "member": True,
                    "last": "напишите сообществу",
                },
            )
        )
    items.sort(key=lambda pair: -pair[0])
    return [item for _, item in items]


def _message_view(world: World, msg: Message, me: int | None) -> dict[str, Any]:
    docs, photos = [], []
    for att in msg.attachments:
        if att.get("type") == "doc" and "doc" in att:
            doc = att["doc"]
            docs.append(
                {
                    "title": doc.get("title", ""),
                    "url": doc.get("url", ""),
                    "size": size_text(int(doc.get("size", 0))),
                }
            )
        elif att.get("type") == "photo" and "photo" in att:
            sizes = att["photo"].get("sizes") or [{}]
            biggest = max(sizes, key=lambda s: s.get("width", 0))
            photos.append(
                {
                    "url": biggest.get("url", ""),
                    "width": biggest.get("width", 0),
                    "height": biggest.get("height", 0),
                }
            )
    reply = None
    if msg.reply_to_cmid is not None:
        replied = world.find_message(msg.peer_id, msg.reply_to_cmid)
        if replied is not None:
            reply = {
                "author": user_name(world, replied.from_id),
                "text": "сообщение удалено" if replied.deleted else replied.text[:100],
            }
    return {
        "cmid": msg.cmid,
        "from_id": msg.from_id,
        "author": user_name(world, msg.from_id),
        "out": msg.from_id == world.bot_id,
        "mine": me is not None and msg.from_id == me,
        "date": msg.date,
        "deleted": msg.deleted,
        "edited": msg.update_time is not None,
        "service": service_text(world, msg) if msg.action is not None else None,
        "segments": segments(world, msg.text),
        "reply_to": reply,
        "docs": docs,
        "photos": photos,
        "keyboard": None if msg.deleted else keyboard_view(world, msg.keyboard),
    }


def _why_not(world: World, peer_id: int, me: int | None) -> str | None:
    """Why this person cannot write here now, in Russian (None: they can)."""
    if me is None:
        return "Выберите, кто пишет, чтобы написать сюда."
    chat = world.chat_by_peer(peer_id)
    if chat is None:
        return None if peer_id == me else "Это чужой диалог с сообществом."
    if me not in chat.members:
        return "Вы не участник этого чата."
    if chat.is_restricted(me):
        until = chat.restricted.get(me)
        if until is None:
            return "Вам запрещено писать в этот чат."
        return (
            f"Вам запрещено писать в этот чат до {time.strftime('%H:%M', time.localtime(until))}."
        )
    return None


def open_conversation(world: World, peer_id: int, me: int | None) -> dict[str, Any]:
    chat = world.chat_by_peer(peer_id)
    conv = world.conversations.get(peer_id)
    msgs = list(conv.messages.values()) if conv else []
    hidden = max(0, len(msgs) - MESSAGES_SHOWN)
    info: dict[str, Any] = {
        "peer_id": peer_id,
        "kind": "chat" if chat else "dm",
        "why_not": _why_not(world, peer_id, me),
        "hidden": hidden,
        "messages": [_message_view(world, m, me) for m in msgs[hidden:]],
    }
    if chat is None:
        info["title"] = (
            world.group_name
            if me == peer_id
            else (f"{user_name(world, peer_id)} — {world.group_name}")
        )
        info["about"] = "личные сообщения сообщества"
    else:
        info["title"] = chat.title
        count = len(chat.members)
        if not chat.bot_is_member:
            bot = "сообщества в чате нет"
        elif chat.bot_is_admin or chat.owner_id == world.bot_id:
            bot = "сообщество — администратор чата"
        else:
            bot = "сообщество без прав администратора: видит только обращения к нему"
        info["about"] = f"участников: {count}; {bot}"
        info["members"] = [user_name(world, uid) for uid in chat.members]
    return info


def view(sb: Sandbox, user_id: int | None = None, peer_id: int | None = None) -> dict[str, Any]:
    """Everything the page shows for one person (None: the whole school, read-only)."""
    world = sb.world
    me = int(user_id) if user_id not in (None, "") else None
    people = [
        {"id": u.id, "name": user_name(world, u.id), "note": u.note} for u in world.users.values()
    ]
    listing = conversations(world, me) if me is None or me in world.users else []
    opened = None
    if peer_id not in (None, ""):
        peer = int(peer_id)
        if any(item["peer_id"] == peer for item in listing):
            opened = open_conversation(world, peer, me)
    return {
        "version": sb.changes.version,
        "community": {
            "id": world.bot_id,
            "name": world.group_name,
            "screen_name": world.screen_name,
        },
        "me": me if me in world.users else None,
        "people": people,
        "conversations": listing,
        "open": opened,
        "loaders": sb.loaders.list(),
    }


class Page:
    """The routes of the page: the HTML, its two files and the live stream of changes."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.sb = sandbox

    def register(self, router: web.UrlDispatcher) -> None:
        router.add_get("/_sandbox", self.redirect)
        router.add_get("/_sandbox/", self.index)
        router.add_get("/_sandbox/page/{name}", self.file)
        router.add_get("/_sandbox/live", self.live)

    async def redirect(self, request: web.Request) -> web.Response:
        raise web.HTTPFound("/_sandbox/")

    async def index(self, request: web.Request) -> web.Response:
        return web.Response(
            text=_read("index.html"),
            content_type="text/html",
            charset="utf-8",
            headers={"Cache-Control": "no-store"},
        )

    async def file(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in FILES:
            raise web.HTTPNotFound()
        return web.Response(
            text=_read(name),
            content_type=FILES[name],
            charset="utf-8",
            headers={"Cache-Control": "no-store"},
        )

    async def live(self, request: web.Request) -> web.StreamResponse:
        """`data: <version>` whenever the world changes; a comment now and then keeps the
        connection open through proxies. Ends when the sandbox stops."""
        response = web.StreamResponse(
            headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store"}
        )
        await response.prepare(request)
        feed = self.sb.changes
        sent = -1
        with contextlib.suppress(ConnectionResetError):
            while not feed.closed:
                version = await feed.wait_beyond(sent, PING_SECONDS)
                if version != sent:
                    await response.write(f"data: {version}\n\n".encode())
                    sent = version
                elif not feed.closed:
                    await response.write(b": ping\n\n")
        return response


def _read(name: str) -> str:
    return resources.files("vksandbox").joinpath("page", name).read_text(encoding="utf-8")


__all__ = ["CHAT_PEER_BASE", "Page", "conversations", "segments", "service_text", "view"]
