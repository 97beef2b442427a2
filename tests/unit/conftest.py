"""Shared fixtures of the unit tests."""

from __future__ import annotations

import pytest

from bot.vk.api import GatewayAPI
from bot.vk.gateway import VkGateway
from vksandbox import Sandbox, SandboxClient


@pytest.fixture
async def vk():
    """The real gateway against a fresh sandbox (VK's 20 requests a second), and its control."""
    async with Sandbox(group_id=1, screen_name="school1", token="t", rps_limit=20) as sandbox:
        api = GatewayAPI("t", api_url=sandbox.api_url, api_version="5.199", requests_per_second=20)
        async with SandboxClient(sandbox.url) as control:
            try:
                yield VkGateway(api, 1), control
            finally:
                await api.close()
