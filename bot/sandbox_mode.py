"""Running the bot against the local VK sandbox (no token): the embedded default."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bot.config import Config, config_from_mapping
from bot.texts import sandbox as texts
from vksandbox import Sandbox, SandboxClient

if TYPE_CHECKING:
    from bot.app import App

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


def sandbox_state_path(config: Config) -> Path:
    """The sandbox's world (people, chats, messages) is kept beside the database it goes with."""
    return config.storage.path.with_suffix(".vksandbox.json")


# The example roster names one page by its short name; in the sandbox it is this user.
EXAMPLE_PAGE_IDS = {"artem_smirnov": 1003}


def example_people() -> list[tuple[str, str, int | None, str | None]]:
    """(first name, last name, user id, short name) of everyone in examples/roster.csv with a
    VK page: the sandbox knows them, so `make run` after importing the example is a school."""
    from importlib import resources

    from bot.domain.person_ref import ById, ByScreenName
    from bot.domain.roster import RosterData, parse_roster

    data = parse_roster(resources.files("bot.demo").joinpath("roster.csv").read_bytes())
    out: list[tuple[str, str, int | None, str | None]] = []
    if not isinstance(data, RosterData):  # the packaged example is tested to parse
        return out
    for person in (*data.pupils, *data.parents):
        last, first = person.full_name.split()[:2]
        if isinstance(person.vk, ById):
            out.append((first, last, person.vk.vk_id, None))
        elif isinstance(person.vk, ByScreenName):
            name = person.vk.screen_name
            out.append((first, last, EXAMPLE_PAGE_IDS.get(name), name))
    return out


async def start_sandbox_for(
    config: Config,
    *,
    port: int = 0,
    with_example: bool = False,
    state_path: Path | None = None,
) -> tuple[Sandbox, Config]:
    """`state_path`: keep the sandbox's world in this file across runs (None: a new world)."""
    sandbox = Sandbox(
        group_id=config.vk.group_id,
        screen_name=SANDBOX_SCREEN_NAME,
        group_name=config.school.name,
        token=SANDBOX_TOKEN,
        rps_limit=20,
        state_path=state_path,
    )
    await sandbox.start(host="127.0.0.1", port=port)
    try:
        async with SandboxClient(sandbox.url) as control:
            # A world kept from the last run already has them.
            users = await control.users()
            known = {user["id"] for user in users}
            known_names = {user["screen_name"] for user in users if user["screen_name"]}
            for number, admin_id in enumerate(config.school.admins, start=1):
                if admin_id not in known:
                    await control.create_user(
                        "Администратор", str(number), user_id=admin_id, note=texts.NOTE_ADMIN
                    )
                    known.add(admin_id)
            if with_example:
                for first, last, user_id, screen_name in example_people():
                    if user_id not in known and screen_name not in known_names:
                        await control.create_user(
                            first, last, user_id=user_id, screen_name=screen_name
                        )
    except BaseException:
        await sandbox.stop()
        raise
    vk = config.vk.model_copy(update={"api_url": sandbox.api_url})
    return sandbox, config.model_copy(update={"vk": vk})


def forget_sandbox_school(config: Config) -> list[Path]:
    """`--fresh`: the sandbox's database, its world and the long poll's place go; returns what
    was removed. Only ever called without a token (the runner refuses otherwise)."""
    db = config.storage.path
    candidates = [
        db,
        *(db.with_name(db.name + suffix) for suffix in ("-wal", "-shm", "-journal")),
        sandbox_state_path(config),
        db.parent / f"longpoll-{config.vk.group_id}.json",
    ]
    removed = []
    for path in candidates:
        if path.exists():
            path.unlink()
            removed.append(path)
    return removed


def offer_demo_school(sandbox: Sandbox, control: SandboxClient, app: App, config: Config) -> None:
    """The page's «Заполнить демо-школой» button: the demo school, built through the bot."""
    from bot.demo.school import fill_demo_school
    from bot.demo.world import Person, World

    world = World(sandbox, control, app, config)
    for number, admin_id in enumerate(config.school.admins, start=1):
        world.people[admin_id] = Person(admin_id, f"Администратор {number}")
    sandbox.add_loader("demo", texts.DEMO_BUTTON, lambda: fill_demo_school(world))
