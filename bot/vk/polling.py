"""Long polling that keeps its place (`ts`) beside the database instead of the working folder."""

from __future__ import annotations

import asyncio
import json
import os
from pathlib import Path

from vkbottle.polling import BotPolling

PRIVATE = 0o600


class PersistentPolling(BotPolling):
    """Resumes from the last `ts` after a restart, so events that came while down are handled."""

    def __init__(self, api, *, group_id: int, wait: int, state_dir: Path) -> None:
        super().__init__(api, group_id=group_id, wait=wait, skip_old_events=False)
        self._state_dir = state_dir
        self.ready = asyncio.Event()

    async def get_server(self) -> dict:
        server = await super().get_server()
        self.ready.set()
        return server

    @property
    def ts_state_path(self) -> Path:
        return self._state_dir / f"longpoll-{self.group_id}.json"

    def save_server_ts(self, server: dict) -> None:
        """Atomically, and readable by the owner only (it sits beside the database)."""
        self._state_dir.mkdir(parents=True, exist_ok=True)
        path = self.ts_state_path
        temp = path.with_suffix(".tmp")
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, PRIVATE)
        with os.fdopen(fd, "w", encoding="utf-8") as file:
            json.dump({"ts": server["ts"]}, file)
        os.chmod(temp, PRIVATE)
        temp.replace(path)
