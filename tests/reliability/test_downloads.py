"""15.2: a document comes whole or not at all, however the network hands it over.

The sandbox's file server is taught what a real network does: small pieces with pauses (one
read of the socket returns one piece), a connection dropped halfway, a Content-Length that lies.
"""

from __future__ import annotations

import os

import pytest

from bot.services.ports import DownloadFailed, FileTooLarge
from bot.vk.gateway import VkGateway
from vksandbox.render import doc_object

pytestmark = pytest.mark.reliability

CONTENT = os.urandom(300 * 1024)


@pytest.fixture
def gateway(api) -> VkGateway:
    return VkGateway(api, group_id=1)


@pytest.fixture
def doc(sandbox) -> dict:
    return doc_object(sandbox.world, sandbox.world.add_doc(100001, "roster.csv", CONTENT))


async def test_a_file_in_small_pieces_with_pauses_arrives_whole(gateway, control, doc):
    await control.serve_documents(chunk_bytes=1400, pause=0.001)
    got = await gateway.download(doc["url"], max_bytes=1 << 20, expected_size=doc["size"])
    assert got == CONTENT


async def test_a_dropped_connection_is_an_error_not_a_shorter_file(gateway, control, doc):
    await control.serve_documents(chunk_bytes=4096, cut_after=100_000)
    with pytest.raises(DownloadFailed):
        await gateway.download(doc["url"], max_bytes=1 << 20, expected_size=doc["size"])


@pytest.mark.parametrize("delta", [-5000, 5000])
async def test_a_wrong_content_length_is_an_error(gateway, control, doc, delta):
    await control.serve_documents(chunk_bytes=8192, length_delta=delta)
    with pytest.raises(DownloadFailed):
        await gateway.download(doc["url"], max_bytes=1 << 20, expected_size=doc["size"])


async def test_a_short_content_length_is_caught_even_without_the_attachments_size(
    gateway, control, doc
):
    """A proxy announcing less is caught by the size VK gave; without it, the announced length
    is all there is — the bytes that came match it."""
    await control.serve_documents(length_delta=-5000)
    got = await gateway.download(doc["url"], max_bytes=1 << 20)
    assert len(got) == len(CONTENT) - 5000


async def test_over_the_cap_is_refused_before_and_while_reading(gateway, control, doc):
    with pytest.raises(FileTooLarge) as before:
        await gateway.download(doc["url"], max_bytes=100_000, expected_size=doc["size"])
    assert before.value.limit == 100_000
    await control.serve_documents(chunk_bytes=4096, chunked=True)  # no length to go by
    with pytest.raises(FileTooLarge):
        await gateway.download(doc["url"], max_bytes=100_000)
    await control.serve_documents(chunk_bytes=4096, chunked=True, cut_after=50_000)
    with pytest.raises(DownloadFailed):
        await gateway.download(doc["url"], max_bytes=1 << 20)
    # The next file is served whole again after `count` downloads.
    await control.serve_documents(chunk_bytes=1000, count=1)
    assert await gateway.download(doc["url"], max_bytes=1 << 20) == CONTENT
    assert await gateway.download(doc["url"], max_bytes=1 << 20) == CONTENT
