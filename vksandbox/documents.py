"""Documents: VK's doc types, the upload-server state and what the community sent.

The upload path for a community token is VK's three steps: `docs.getMessagesUploadServer`
hands out a one-time upload URL, a multipart POST of `file` there answers `{"file": opaque}`,
and `docs.save(file=opaque)` turns it into a doc owned by the community.
"""

from __future__ import annotations

import asyncio
import base64
import secrets
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from aiohttp import web

if TYPE_CHECKING:
    from .state import World

UPLOAD_MAX_BYTES = 50 * 1024 * 1024

# docs_doc.type: 1 text, 2 archive, 3 gif, 4 image, 5 audio, 6 video, 7 e-book, 8 unknown.
_TYPES: dict[int, set[str]] = {
    1: {"txt", "pdf", "doc", "docx", "rtf", "odt", "xls", "xlsx", "ods", "csv", "ppt", "pptx"},
    2: {"zip", "rar", "7z", "tar", "gz", "bz2", "xz"},
    3: {"gif"},
    4: {"jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff", "heic"},
    5: {"mp3", "ogg", "wav", "flac", "m4a", "opus"},
    6: {"mp4", "avi", "mkv", "mov", "webm", "3gp"},
    7: {"epub", "fb2", "djvu", "mobi"},
}


def file_ext(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def doc_type(ext: str) -> int:
    return next((kind for kind, exts in _TYPES.items() if ext in exts), 8)


@dataclass
class UploadServer:
    peer_id: int
    kind: str


@dataclass
class UploadedFile:
    filename: str
    content: bytes
    peer_id: int


@dataclass
class UploadStore:
    """One-time upload URLs (token -> server) and uploaded, not yet saved files (opaque -> file)."""

    max_bytes: int = UPLOAD_MAX_BYTES
    servers: dict[str, UploadServer] = field(default_factory=dict)
    files: dict[str, UploadedFile] = field(default_factory=dict)
    _counter: int = 0

    def new_server(self, peer_id: int, kind: str) -> str:
        token = secrets.token_urlsafe(16)
        self.servers[token] = UploadServer(peer_id, kind)
        return token

    def finish(self, token: str, filename: str, content: bytes) -> str:
        """Consume the upload URL; the returned opaque string is what docs.save takes."""
        server = self.servers.pop(token)
        self._counter += 1
        opaque = f"{self._counter}|0|0|{server.peer_id}|{secrets.token_hex(12)}"
        self.files[opaque] = UploadedFile(filename, content, server.peer_id)
        return opaque

    def take_file(self, opaque: str) -> UploadedFile | None:
        return self.files.pop(opaque, None)


@dataclass
class DocServing:
    """How the file server sends a document, as a real network does: in small pieces with
    pauses (one read of the socket sees one piece), cut short, or with a wrong Content-Length.

    `count` limits a setting to the next N downloads (None: until changed); then files go
    whole again."""

    chunk_bytes: int | None = None
    pause: float = 0.0
    cut_after: int | None = None  # the connection drops after this many bytes of the body
    length_delta: int = 0  # Content-Length announced = the real size + this
    count: int | None = None
    chunked: bool = False  # no Content-Length at all: chunked transfer encoding

    def take(self) -> DocServing:
        """The setting for this download (and count it)."""
        if self.count is not None:
            if self.count <= 0:
                return DocServing()
            self.count -= 1
        return DocServing(self.chunk_bytes, self.pause, self.cut_after, self.length_delta,
                          chunked=self.chunked)


async def serve_document(request: web.Request, content: bytes, how: DocServing) -> web.StreamResponse:
    if how == DocServing():
        return web.Response(body=content, content_type="application/octet-stream")
    response = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
    if how.chunked:
        response.enable_chunked_encoding()
    else:
        response.content_length = max(0, len(content) + how.length_delta)
    await response.prepare(request)
    body = content if how.cut_after is None else content[: how.cut_after]
    step = how.chunk_bytes or len(body) or 1
    try:
        for start in range(0, len(body), step):
            await response.write(body[start : start + step])
            if how.pause:
                await asyncio.sleep(how.pause)
    except ConnectionError:  # the client stopped reading (it had enough): nothing to serve
        return response
    if how.cut_after is not None or how.length_delta > 0:
        # The peer drops the connection: what was promised never comes.
        if request.transport is not None:
            request.transport.close()
        return response
    await response.write_eof()
    return response


def sent_documents(world: World, peer_id: int | None = None) -> list[dict[str, Any]]:
    """The docs the community attached to its own messages, oldest first."""
    messages = [m for conv in world.conversations.values()
                if peer_id is None or conv.peer_id == int(peer_id)
                for m in conv.messages.values() if m.from_id == world.bot_id]
    out = []
    for msg in sorted(messages, key=lambda m: m.id):
        for att in msg.attachments:
            doc = world.docs.get(att.get("doc", {}).get("id", 0)) if att["type"] == "doc" else None
            if doc is None:
                continue
            out.append({
                "peer_id": msg.peer_id,
                "conversation_message_id": msg.cmid,
                "doc_id": doc.id,
                "owner_id": doc.owner_id,
                "title": doc.title,
                "ext": doc.ext if doc.ext is not None else file_ext(doc.title),
                "size": len(doc.content),
                "deleted": msg.deleted,
                "content_b64": base64.b64encode(doc.content).decode(),
            })
    return out
