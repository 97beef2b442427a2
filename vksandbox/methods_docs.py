"""docs.getMessagesUploadServer and docs.save: the community's document upload path."""

from __future__ import annotations

from typing import Any

from .access import check_can_write
from .documents import file_ext
from .errors import param_error
from .params import Params
from .render import doc_object
from .state import World

UPLOAD_KINDS = ("doc", "audio_message", "graffiti")


def get_messages_upload_server(world: World, p: Params) -> Any:
    kind = p.str("type", "doc")
    if kind not in UPLOAD_KINDS:
        raise param_error("type is invalid")
    if kind != "doc":
        # Voice messages and graffiti need a different docs.save shape; not modelled.
        raise param_error(f"type {kind} is not supported by the sandbox")
    # A community token has no "own documents": the upload is always for a conversation.
    peer_id = p.int("peer_id", required=True)
    check_can_write(world, peer_id)
    token = world.uploads.new_server(peer_id, kind)
    return {"upload_url": f"{world.base_url}/_upload/doc/{token}"}


def save(world: World, p: Params) -> Any:
    opaque = p.str("file", required=True)
    uploaded = world.uploads.take_file(opaque)
    if uploaded is None:
        raise param_error("file is invalid")
    title = p.str("title") or uploaded.filename
    doc = world.add_doc(world.bot_id, title, uploaded.content, ext=file_ext(uploaded.filename))
    return {"type": "doc", "doc": doc_object(world, doc)}


METHODS = {
    "docs.getMessagesUploadServer": get_messages_upload_server,
    "docs.save": save,
}
