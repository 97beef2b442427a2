"""Fixtures for talking to a real maxsandbox over loopback HTTP: raw calls, control, maxapi."""

from __future__ import annotations

import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

# As in tests/vksandbox: make the repo root win over tests/ on sys.path.
_ROOT = str(Path(__file__).resolve().parents[2])
if _ROOT not in sys.path:
    sys.path.insert(0, _ROOT)
if getattr(sys.modules.get("maxsandbox"), "__file__", "") is None:
    del sys.modules["maxsandbox"]

from maxsandbox import MaxSandbox, MaxSandboxClient  # noqa: E402

TOKEN = "max-sandbox-token"
ALL = [
    "read_all_messages",
    "add_remove_members",
    "add_admins",
    "change_chat_info",
    "pin_message",
    "edit_link",
    "write",
    "edit",
    "delete",
    "can_call",
    "view_stats",
]
# What a school bot asks the teacher for.
SCHOOL = ["read_all_messages", "add_remove_members", "delete", "pin_message", "change_chat_info"]


@pytest.fixture
def sandbox_options() -> dict[str, Any]:
    """Tests send many calls in a row: MAX's rate limits are lifted here and tested on their
    own (test_sandbox_limits_faults.py, with the defaults)."""
    return {
        "attachment_ready_delay": 0.0,
        "webhook_retry_base": 0.05,
        "rps_limit": 1000,
        "per_chat_limit": 1000,
    }


@pytest.fixture
async def sandbox(sandbox_options: dict[str, Any]) -> AsyncIterator[MaxSandbox]:
    async with MaxSandbox(TOKEN, **sandbox_options) as sb:
        yield sb


@pytest.fixture
async def control(sandbox: MaxSandbox) -> AsyncIterator[MaxSandboxClient]:
    async with MaxSandboxClient(sandbox.url) as client:
        yield client


class RawMax:
    """MAX's API the way any HTTP client calls it: `Authorization: <token>`, JSON bodies."""

    def __init__(self, sandbox: MaxSandbox, session: aiohttp.ClientSession) -> None:
        self.sandbox = sandbox
        self.session = session

    async def request(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None = None,
        json: Any = None,
        token: str | None = TOKEN,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, Any]:
        hdrs = dict(headers or {})
        if token is not None:
            hdrs["Authorization"] = token
        query = {k: _wire(v) for k, v in (params or {}).items() if v is not None}
        async with self.session.request(
            method, self.sandbox.url + path, params=query, json=json, headers=hdrs
        ) as resp:
            return resp.status, await resp.json(content_type=None)

    async def ok(self, method: str, path: str, **kwargs: Any) -> Any:
        status, body = await self.request(method, path, **kwargs)
        assert status == 200, body
        return body

    async def error(self, method: str, path: str, **kwargs: Any) -> tuple[int, str]:
        status, body = await self.request(method, path, **kwargs)
        assert status != 200, body
        assert set(body) == {"code", "message"}, body
        return status, body["code"]

    async def send(self, text: str | None = "x", **params: Any) -> dict[str, Any]:
        body = params.pop("body", None) or {"text": text}
        return (await self.ok("POST", "/messages", params=params, json=body))["message"]

    async def updates(self, **params: Any) -> dict[str, Any]:
        params.setdefault("timeout", 0)
        return await self.ok("GET", "/updates", params=params)


def _wire(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)


@pytest.fixture
async def api(sandbox: MaxSandbox) -> AsyncIterator[RawMax]:
    async with aiohttp.ClientSession() as session:
        yield RawMax(sandbox, session)


@pytest.fixture
async def teacher(control: MaxSandboxClient) -> int:
    return await control.create_user("Мария", "Иванова", username="mivanova")


@pytest.fixture
async def parent(control: MaxSandboxClient) -> int:
    return await control.create_user("Олег", "Петров")


@pytest.fixture
async def chat(control: MaxSandboxClient, teacher: int, parent: int) -> int:
    """A class chat the teacher created and added the bot to as an admin with all rights."""
    return await control.create_chat("5А · родители", teacher, [parent], bot_permissions=ALL)


@pytest.fixture
async def dialog(control: MaxSandboxClient, parent: int) -> int:
    return await control.start_bot(parent)
