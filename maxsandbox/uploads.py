"""The upload server behind POST /uploads, and the files it serves back.

Step 2 of MAX's upload: a multipart POST with the field `data` to the URL step 1 gave. It needs
no token (it is not the API). It answers: image → `{"photos": {"<id>": {"token"}}}`, file →
`{"token"}`, video/audio → `<retval>1</retval>` (their token came in step 1). The token attaches
only `ready_delay` seconds after the upload; before that sendMessage answers 400
`attachment.not.ready`, as MAX does while it processes a file.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from aiohttp import BodyPartReader, web

from .api import drop_connection, json_response
from .faults import UPLOAD

if TYPE_CHECKING:
    from .server import MaxSandbox

CHUNK = 256 * 1024
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")


@dataclass
class UploadSlot:
    key: str
    type: str
    token: str | None


class Uploads:
    def __init__(self, max_bytes: int, ready_delay: float) -> None:
        self.slots: dict[str, UploadSlot] = {}
        self.max_bytes = max_bytes
        self.ready_delay = ready_delay


class _Refused(Exception):
    pass


async def _read(request: web.Request, max_bytes: int) -> tuple[str, bytes]:
    if not request.content_type.startswith("multipart/"):
        raise _Refused("multipart/form-data with a 'data' field expected")
    try:
        reader = await request.multipart()
        while (part := await reader.next()) is not None:
            if not isinstance(part, BodyPartReader) or part.name != "data":
                continue
            chunks, size = [], 0
            while chunk := await part.read_chunk(CHUNK):
                size += len(chunk)
                if size > max_bytes:
                    raise _Refused(f"file is over the {max_bytes}-byte limit")
                chunks.append(chunk)
            return unquote(part.filename or "file"), b"".join(chunks)
    except ValueError as exc:
        raise _Refused(f"malformed multipart body: {exc}") from None
    raise _Refused("the 'data' field is missing")


async def handle_upload(sb: MaxSandbox, request: web.Request) -> web.Response:
    key = request.match_info["key"]
    drop = sb.faults.take_drop(UPLOAD)
    if drop == "before":
        return drop_connection(request)
    delay = sb.faults.take_latency(UPLOAD)
    if delay:
        await asyncio.sleep(delay)
    slot = sb.uploads.slots.get(key)
    query = {"key": key}
    try:
        if slot is None:
            raise _Refused("unknown or already used upload URL")
        injected = sb.faults.take_error(UPLOAD)
        if injected is not None:
            raise _Refused(f"injected upload error {injected[1]}")
        filename, content = await _read(request, sb.uploads.max_bytes)
        if slot.type == "image" and not content.startswith(IMAGE_MAGIC):
            raise _Refused("the image is not JPG, PNG, GIF, TIFF or BMP")
    except _Refused as exc:
        body = {"code": "upload.error", "message": str(exc)}
        sb.actions.add(UPLOAD, "POST", request.path, query, None, 400, body)
        return json_response(body, status=400)
    del sb.uploads.slots[key]
    world = sb.world
    ready_at = asyncio.get_running_loop().time() + sb.uploads.ready_delay
    if slot.token:
        media = world.media[slot.token]
        media.filename, media.content, media.uploaded = filename, content, True
        media.ready_at = ready_at
        response: web.Response = web.Response(
            text="<retval>1</retval>", content_type="application/xml"
        )
        logged: object = {"token": slot.token}
    else:
        media = world.add_media(
            slot.type, filename=filename, content=content, uploaded=True, ready_at=ready_at
        )
        logged = (
            {"photos": {str(media.media_id): {"token": media.token}}}
            if slot.type == "image"
            else {"token": media.token}
        )
        response = json_response(logged)
    sb.actions.add(
        UPLOAD,
        "POST",
        request.path,
        {**query, "type": slot.type, "filename": filename, "size": str(len(content))},
        None,
        200,
        logged,
    )
    return drop_connection(request) if drop == "after" else response


async def serve_file(sb: MaxSandbox, request: web.Request) -> web.Response:
    """The bytes behind an attachment's `payload.url`, as MAX's file servers give them."""
    ident = request.match_info["media_id"]
    media = next(
        (
            m
            for m in sb.world.media.values()
            if str(m.media_id) == ident and m.uploaded and m.content
        ),
        None,
    )
    if media is None:
        raise web.HTTPNotFound()
    return web.Response(
        body=media.content,
        content_type="application/octet-stream",
        headers={"Content-Disposition": f"attachment; filename*=UTF-8''{quote(media.filename)}"},
    )
