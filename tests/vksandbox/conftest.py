"""Fixtures for talking to a real vksandbox over loopback HTTP."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

# When another test folder has an __init__.py, pytest puts tests/ on sys.path and this folder
# would shadow the real package as a namespace package "vksandbox"; make the repo root win.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
if getattr(sys.modules.get("vksandbox"), "__file__", "") is None:
    del sys.modules["vksandbox"]

from vksandbox import Sandbox, SandboxClient  # noqa: E402

TOKEN = "sandbox-token"


@pytest.fixture
async def sandbox() -> AsyncIterator[Sandbox]:
    sb = Sandbox(group_id=1, screen_name="school1", group_name="Школа №1", token=TOKEN,
                 rps_limit=20)
    await sb.start(host="127.0.0.1", port=0)
    try:
        yield sb
    finally:
        await sb.stop()


@pytest.fixture
async def sandbox_client(sandbox: Sandbox) -> AsyncIterator[SandboxClient]:
    async with SandboxClient(sandbox.url) as client:
        yield client


class RawVK:
    """Calls VK methods the way any client does (POST form, token and v in the query)."""

    def __init__(self, sandbox: Sandbox, session: aiohttp.ClientSession) -> None:
        self.sandbox = sandbox
        self.session = session

    async def raw(self, method: str, token: str | None = TOKEN, **params: Any) -> dict[str, Any]:
        query = {"v": "5.199"}
        if token is not None:
            query["access_token"] = token
        form = {k: _wire(v) for k, v in params.items() if v is not None}
        async with self.session.post(self.sandbox.api_url + method, params=query,
                                     data=form) as resp:
            return await resp.json()

    async def call(self, method: str, **params: Any) -> Any:
        body = await self.raw(method, **params)
        assert "response" in body, body
        return body["response"]

    async def error(self, method: str, **params: Any) -> int:
        body = await self.raw(method, **params)
        assert "error" in body, body
        return body["error"]["error_code"]

    async def longpoll(self, server: dict[str, Any], ts: str | int | None = None,
                       wait: int = 0, key: str | None = None) -> dict[str, Any]:
        query = {"act": "a_check", "key": key or server["key"], "ts": str(ts or server["ts"]),
                 "wait": str(wait)}
        async with self.session.post(server["server"], params=query) as resp:
            return await resp.json()

    async def lp_server(self) -> dict[str, Any]:
        return await self.call("groups.getLongPollServer", group_id=self.sandbox.group_id)


def _wire(value: Any) -> str:
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


@pytest.fixture
async def vk(sandbox: Sandbox) -> AsyncIterator[RawVK]:
    async with aiohttp.ClientSession() as session:
        yield RawVK(sandbox, session)


@pytest.fixture
async def vk_for() -> AsyncIterator[Any]:
    """RawVK for a sandbox a test starts itself (with non-default settings)."""
    async with aiohttp.ClientSession() as session:
        yield lambda sb: RawVK(sb, session)


@pytest.fixture
async def user(sandbox_client: SandboxClient) -> int:
    return await sandbox_client.create_user("Анна", "Петрова", screen_name="anna")


@pytest.fixture
async def chat(sandbox_client: SandboxClient, user: int) -> int:
    other = await sandbox_client.create_user("Борис", "Иванов")
    return await sandbox_client.create_chat("5А родители", member_ids=[user, other],
                                            owner_id=user, bot_admin=True)
