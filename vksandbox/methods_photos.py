"""photos.getMessagesUploadServer and photos.saveMessagesPhoto: photos in messages."""

from __future__ import annotations

from typing import Any

from .access import check_can_write
from .errors import param_error
from .params import Params
from .photos import photo_hash, photo_object
from .state import World


def get_messages_upload_server(world: World, p: Params) -> Any:
    peer_id = p.int("peer_id", required=True)
    check_can_write(world, peer_id)
    token = world.uploads.new_server(peer_id, "photo")
    return {
        "album_id": -3,
        "upload_url": f"{world.base_url}/_upload/photo/{token}",
        "user_id": 0,
        "group_id": world.group_id,
    }


def save_messages_photo(world: World, p: Params) -> Any:
    photo = p.str("photo", required=True)
    if p.str("hash", "") != photo_hash(photo) or p.int("server", 0) == 0:
        raise param_error("hash is invalid")
    saved = world.photos.save(world.bot_id, photo)
    if saved is None:
        raise param_error("photo is invalid")
    return [photo_object(world, saved)]


METHODS = {
    "photos.getMessagesUploadServer": get_messages_upload_server,
    "photos.saveMessagesPhoto": save_messages_photo,
}
