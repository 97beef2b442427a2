"""Running the bot against the local VK sandbox (no token): the embedded default."""

from __future__ import annotations

from pathlib import Path

from bot.config import Config, config_from_mapping
from vksandbox import Sandbox, SandboxClient

SANDBOX_GROUP_ID = 1
SANDBOX_SCREEN_NAME = "school1"
SANDBOX_ADMIN_ID = 100001
SANDBOX_TOKEN = "sandbox-token"


def embedded_config(db_path: Path) -> Config:
    """What the bot runs on when there is no config.toml: the sandbox and a local file."""
    return config_from_mapping(
        {
            "vk": {"group_id": SANDBOX_GROUP_ID},
            "school": {
                "name": "Школа № 1 (песочница)",
                "timezone": "Europe/Moscow",
                "admins": [SANDBOX_ADMIN_ID],
            },
            "storage": {"path": str(db_path)},
        },
        source="встроенные настройки",
        environ={},
    )


async def start_sandbox_for(config: Config, *, port: int = 0) -> tuple[Sandbox, Config]:
    sandbox = Sandbox(
        group_id=config.vk.group_id,
        screen_name=SANDBOX_SCREEN_NAME,
        group_name=config.school.name,
        token=SANDBOX_TOKEN,
        rps_limit=20,
    )
    await sandbox.start(host="127.0.0.1", port=port)
    async with SandboxClient(sandbox.url) as control:
        for number, admin_id in enumerate(config.school.admins, start=1):
            await control.create_user("Администратор", str(number), user_id=admin_id)
    vk = config.vk.model_copy(update={"api_url": sandbox.api_url})
    return sandbox, config.model_copy(update={"vk": vk})
