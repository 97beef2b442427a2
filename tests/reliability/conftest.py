"""A sandbox and the bot's own VK client for it, per test."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from bot.vk.api import GatewayAPI
from bot.vk.retry import RetryPolicy
from vksandbox import Sandbox, SandboxClient

TOKEN = "sandbox-token"
# Short waits keep the retry tests quick; the policy's shape is what is under test.
FAST_RETRY = RetryPolicy(attempts=5, base_delay=0.02, max_delay=0.1)


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    async with Sandbox(group_id=1, screen_name="school1", token=TOKEN, rps_limit=20) as sb:
        yield sb


@pytest.fixture
async def control(sandbox: Sandbox) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(sandbox.url) as client:
        yield client


def make_api(sandbox: Sandbox, *, rps: int = 20, timeout: float = 20.0) -> GatewayAPI:
    return GatewayAPI(
        TOKEN,
        api_url=sandbox.api_url,
        api_version="5.199",
        requests_per_second=rps,
        retry=FAST_RETRY,
        timeout=timeout,
    )


@pytest.fixture
async def api(sandbox: Sandbox) -> AsyncIterator[GatewayAPI]:
    client = make_api(sandbox)
    try:
        yield client
    finally:
        await client.close()
