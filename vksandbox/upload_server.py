"""POST <upload_url>: the upload server behind docs.getMessagesUploadServer.

Like VK's upload servers it is not an API method: no token, no rate limit, no API envelope.
It answers `{"file": "<opaque>"}` or `{"error": "...", "error_descr": "..."}` with HTTP 200.
The call is logged as method "upload" (file name and size, never the bytes); faults address
it as "upload".
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from aiohttp import BodyPartReader, web

from .api import drop_connection
from .faults import UPLOAD
from .jsonutil import json_response
from .photos import image_size

if TYPE_CHECKING:
    from .server import Sandbox

CHUNK = 256 * 1024


class UploadRefused(Exception):
    def __init__(self, error: str, descr: str) -> None:
        super().__init__(descr)
        self.body = {"error": error, "error_descr": descr}


async def _read_file(
    request: web.Request, max_bytes: int, field: str = "file"
) -> tuple[str, bytes]:
    """(filename, content) of the multipart field `file`; the rest of the body is drained."""
    if not request.content_type.startswith("multipart/"):
        raise UploadRefused("no_file", f"multipart/form-data with a '{field}' field expected")
    try:
        return await _read_parts(request, max_bytes, field)
    except ValueError as exc:  # a malformed multipart body
        raise UploadRefused("no_file", f"malformed multipart body: {exc}") from None


async def _read_parts(request: web.Request, max_bytes: int, field: str) -> tuple[str, bytes]:
    reader = await request.multipart()
    found: tuple[str, bytes] | None = None
    too_big = 0
    while (part := await reader.next()) is not None:
        if not isinstance(part, BodyPartReader) or part.name != field or found or too_big:
            continue  # skipped parts are drained by the reader
        chunks, size = [], 0
        while chunk := await part.read_chunk(CHUNK):
            size += len(chunk)
            if size <= max_bytes:
                chunks.append(chunk)
        if size > max_bytes:
            too_big = size
            continue
        # aiohttp and other clients percent-encode non-ASCII names; browsers send raw UTF-8.
        found = (unquote(part.filename or "file"), b"".join(chunks))
    if too_big:
        raise UploadRefused("file_too_big", f"file is {too_big} bytes, the limit is {max_bytes}")
    if found is None:
        raise UploadRefused("no_file", f"the '{field}' field is missing")
    return found


async def handle_upload(sb: Sandbox, request: web.Request) -> web.Response:
    token = request.match_info["token"]
    uploads = sb.world.uploads
    drop = sb.faults.take_drop(UPLOAD)
    if drop == "before":
        return drop_connection(request)
    delay = sb.faults.take_latency(UPLOAD)
    if delay:
        await asyncio.sleep(delay)
    params: dict[str, str] = {"token": token}
    body: dict[str, Any]
    try:
        if token not in uploads.servers:
            raise UploadRefused("invalid_upload_url", "unknown or already used upload URL")
        filename, content = await _read_file(request, uploads.max_bytes)
        params.update(filename=filename, size=str(len(content)),
                      peer_id=str(uploads.servers[token].peer_id))
        injected = sb.faults.take_error(UPLOAD)
        if injected is not None:
            raise UploadRefused("upload_error", f"injected upload error {injected}")
        body = {"file": uploads.finish(token, filename, content)}
        sb.actions.add(UPLOAD, params, response=body)
    except UploadRefused as exc:
        body = exc.body
        sb.actions.add(UPLOAD, params, error=body)
    return drop_connection(request) if drop == "after" else json_response(body)


async def handle_photo_upload(sb: Sandbox, request: web.Request) -> web.Response:
    """The photo upload server: field `photo`, a PNG or JPEG; VK's answer shape (see photos.py)."""
    token = request.match_info["token"]
    uploads = sb.world.uploads
    delay = sb.faults.take_latency(UPLOAD)
    if delay:
        await asyncio.sleep(delay)
    params: dict[str, str] = {"token": token}
    body: dict[str, Any]
    try:
        server = uploads.servers.get(token)
        if server is None or server.kind != "photo":
            raise UploadRefused("invalid_upload_url", "unknown or already used upload URL")
        filename, content = await _read_file(request, uploads.max_bytes, field="photo")
        size = image_size(content)
        params.update(filename=filename, size=str(len(content)), peer_id=str(server.peer_id))
        if size is None:
            raise UploadRefused("invalid_photo", "the photo is not a PNG or JPEG image")
        injected = sb.faults.take_error(UPLOAD)
        if injected is not None:
            raise UploadRefused("upload_error", f"injected upload error {injected}")
        del uploads.servers[token]
        body = sb.world.photos.uploaded(server.peer_id, content, *size)
        sb.actions.add(UPLOAD, params, response={"server": body["server"]})
    except UploadRefused as exc:
        body = exc.body
        sb.actions.add(UPLOAD, params, error=body)
    return json_response(body)
