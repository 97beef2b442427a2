"""Long polling that keeps its place (`ts`) beside the database instead of the working folder."""

from __future__ import annotations

import asyncio
from pathlib import Path

from vkbottle.polling import BotPolling


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
        self._state_dir.mkdir(parents=True, exist_ok=True)
        super().save_server_ts(server)
