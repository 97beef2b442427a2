"""The bot's API calls as the sandbox saw them, with a server-side wait for tests."""

from __future__ import annotations

import asyncio
import time
from typing import Any


def _wire(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _matches(entry: dict[str, Any], match: dict[str, Any]) -> bool:
    """Each key is looked up in the query (compared as on the wire), else in the JSON body."""
    body = entry["body"] if isinstance(entry.get("body"), dict) else {}
    for key, want in match.items():
        if key in entry["query"]:
            if entry["query"][key] != _wire(want):
                return False
        elif body.get(key) != want:
            return False
    return True


class ActionLog:
    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []
        self._changed = asyncio.Event()

    def add(
        self,
        operation: str,
        http_method: str,
        path: str,
        query: dict[str, str],
        body: Any,
        status: int,
        response: Any,
    ) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "seq": len(self.items) + 1,
            "operation": operation,
            "method": http_method,
            "path": path,
            "query": dict(query),
            "body": body,
            "status": status,
            "time": time.time(),
        }
        entry["response" if status == 200 else "error"] = response
        self.items.append(entry)
        self._changed.set()
        self._changed = asyncio.Event()
        return entry

    def list(self, since: int = 0, operation: str | None = None) -> list[dict[str, Any]]:
        return [a for a in self.items[since:] if operation is None or a["operation"] == operation]

    def find(
        self, operation: str, since: int, match: dict[str, Any], ok: bool | None
    ) -> dict[str, Any] | None:
        for entry in self.list(since, operation):
            if ok is not None and (entry["status"] == 200) != ok:
                continue
            if _matches(entry, match):
                return entry
        return None

    async def wait(
        self,
        operation: str,
        since: int,
        match: dict[str, Any],
        within: float,
        ok: bool | None = None,
    ) -> dict[str, Any] | None:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while True:
            found = self.find(operation, since, match, ok)
            remaining = deadline - loop.time()
            if found is not None or remaining <= 0:
                return found
            try:
                await asyncio.wait_for(self._changed.wait(), remaining)
            except TimeoutError:
                pass

    def wake(self) -> None:
        self._changed.set()
